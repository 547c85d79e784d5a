"""The demo workshop is a whole Bimtek (issue 28, point 7), so that its documents
show every part: the organiser's zip (`flask workshop export --format zip`) of
`flask workshop demo` holds the report, whose annexes carry real content (read
with python-docx, and printed by LibreOffice), the workbook with the tests'
sheet filled, and the signed attendance lists as a document of their own.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.exports.test_documents import convert, flat
from workshop.assessments import services as tests
from workshop.attendance.models import Signature
from workshop.core.models import Workshop
from workshop.demo.content import (
    DEMO_ABSENT_DAY_2,
    DEMO_COMMITTEE,
    DEMO_PARTICIPANTS,
    DEMO_SESSIONS,
    DEMO_TEST,
    DEMO_WORKSHOP,
)
from workshop.demo.loader import create_demo
from workshop.extensions import db
from workshop.realtime.unit import unit_of_work

SPEAKERS = [session.speaker.name for session in DEMO_SESSIONS]
EVERYONE = len(DEMO_PARTICIPANTS)
SECOND_DAY = EVERYONE - len(DEMO_ABSENT_DAY_2)


@pytest.fixture(scope="module")
def made(module_app, tmp_path_factory) -> dict[str, Any]:
    """The demo made and its organiser's file written by the CLI, as an organiser would."""
    runner = module_app.test_cli_runner()
    result = runner.invoke(args=["workshop", "demo", "--json"])
    assert result.exit_code == 0, result.output
    code = json.loads(result.output)["code"]
    target = tmp_path_factory.mktemp("organiser") / "berkas.zip"
    args = ["workshop", "export", code, "--format", "zip", "--output", str(target)]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(io.BytesIO(target.read_bytes()))
    members = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}
    return {"code": code, "members": members}


@pytest.fixture(scope="module")
def report(made) -> DocxDocument:
    return Document(io.BytesIO(made["members"]["01 Laporan kegiatan.docx"]))


@pytest.fixture(scope="module")
def printed(made, tmp_path_factory) -> tuple[PdfReader, list[str]]:
    folder = tmp_path_factory.mktemp("printed-demo")
    source = folder / "laporan.docx"
    source.write_bytes(made["members"]["01 Laporan kegiatan.docx"])
    (pdf_file,) = convert([source], folder / "pdf", folder / "profile")
    pdf = PdfReader(pdf_file)
    return pdf, [flat(page.extract_text()) for page in pdf.pages]


def blocks(doc: DocxDocument) -> list[Paragraph | Table]:
    """The body's paragraphs and tables in their order."""
    out: list[Paragraph | Table] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, doc))
        elif child.tag == qn("w:tbl"):
            out.append(Table(child, doc))
    return out


def annex(doc: DocxDocument, title: str) -> list[Paragraph | Table]:
    """What follows the Heading 1 starting with `title`, up to the next Heading 1."""
    out: list[Paragraph | Table] = []
    inside = found = False
    for block in blocks(doc):
        if isinstance(block, Paragraph) and block.style.name == "Heading 1":
            inside = block.text.startswith(title)
            found = found or inside
            continue
        if inside:
            out.append(block)
    assert found, f"no annex {title!r}"
    return out


def tables(part: list[Paragraph | Table]) -> list[Table]:
    return [block for block in part if isinstance(block, Table)]


def headings(part: list[Paragraph | Table], level: int) -> list[str]:
    return [
        block.text
        for block in part
        if isinstance(block, Paragraph) and block.style.name == f"Heading {level}"
    ]


def pictures(element: Any) -> list[Any]:
    return list(element.iter(qn("pic:pic")))


def signatures_in(doc: Any, tables: Any) -> set[bytes]:
    """The distinct signature pictures in the last column of these tables' rows."""
    blobs = set()
    for table in tables:
        for row in table.rows[1:]:
            (picture,) = pictures(row.cells[-1]._tc)
            blob = picture.find(".//" + qn("a:blip")).get(qn("r:embed"))
            blobs.add(doc.part.related_parts[blob].blob)
    return blobs


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def number(text: str) -> float:
    return float(text.replace(",", ".").replace("%", "").strip())


def test_each_days_list_is_signed_by_participants_committee_and_speakers(report):
    for day, present, speaker in ((1, EVERYONE, SPEAKERS[0]), (2, SECOND_DAY, SPEAKERS[1])):
        part = annex(report, f"Lampiran {day + 1}. Daftar hadir hari ke-{day} (")
        assert headings(part, 2) == ["Peserta", "Narasumber", "Panitia"]
        people, speakers, committee = tables(part)
        assert [len(t.rows) - 1 for t in (people, speakers, committee)] == [present, 1, 3]
        assert speakers.rows[1].cells[1].text == speaker
        assert [r[1] for r in rows(committee)[1:]] == [m.name for m in DEMO_COMMITTEE]
        names = [r[1] for r in rows(people)[1:]]
        if day == 2:
            assert not set(DEMO_ABSENT_DAY_2) & set(names), "who stayed away did not sign"
        blobs = signatures_in(report, (people, speakers, committee))
        assert len(blobs) == present + 4, "everyone's own signature"


def test_the_minutes_carry_each_speakers_questions_and_which_were_answered(report):
    part = annex(report, "Lampiran 4. Notulen tanya jawab narasumber")
    assert headings(part, 2) == [f"Tanya jawab dengan {name}" for name in SPEAKERS]
    text = " ".join(p.text for p in part if isinstance(p, Paragraph))
    for session in DEMO_SESSIONS:
        assert session.topic in text
    first, second = (rows(t) for t in tables(part))
    assert first[0] == ["No.", "Pertanyaan", "Penanya", "Dukungan", "Jawaban"]
    # The most upvoted first: an anonymous question, answered with a note.
    top = DEMO_SESSIONS[0].questions[0]
    assert first[1][1:4] == [top.text, "Anonim", str(top.votes)]
    assert first[1][4].startswith("Terjawab. Inovasi perlu dilembagakan")
    assert first[-1][4] == "Belum terjawab"
    assert len(first) - 1 == len(DEMO_SESSIONS[0].questions)
    # The question the facilitator hid is not in the minutes.
    assert len(second) - 1 == len([q for q in DEMO_SESSIONS[1].questions if not q.hide])
    assert not any("makan siang" in r[1] for r in second)
    asked = [r[2] for r in first[1:] + second[1:]]
    anonymous = {
        DEMO_PARTICIPANTS[q.author].name for s in DEMO_SESSIONS for q in s.questions if q.anonymous
    }
    assert "Anonim" in asked and not anonymous & set(asked), "nobody behind an anonymous one"
    assert sum(r[4].startswith("Terjawab") for r in first[1:] + second[1:]) == 8


def test_the_poll_and_the_word_cloud_are_charted_with_their_answers(report):
    part = annex(report, "Lampiran 5. Polling dan awan kata")
    assert headings(part, 2) == [
        "Awan kata: pelayanan publik yang ideal",
        "Polling: tantangan inovasi",
    ]
    charts = [p for p in part if isinstance(p, Paragraph) and pictures(p._p)]
    assert len(charts) == 2, "a chart for each"
    cloud, poll = (rows(t) for t in tables(part))
    assert cloud[1] == ["cepat", "11"]
    assert len(cloud) > 10
    assert ["Dukungan pimpinan dan anggaran", "9", "38%"] in poll
    assert sum(int(r[1]) for r in poll[1:]) == EVERYONE
    assert f"{EVERYONE} peserta menjawab." in [p.text for p in part if isinstance(p, Paragraph)]


def test_the_tests_annex_shows_scores_the_average_the_gain_and_each_questions_share(
    module_app, made, report
):
    part = annex(report, "Lampiran 6. Hasil pre-test dan post-test")
    assert headings(part, 2) == ["Nilai per peserta", "Persentase jawaban benar per soal"]
    people, questions = (rows(t) for t in tables(part))
    assert people[0] == ["No.", "Nama", "Instansi", "Pre-test", "Post-test", "Kenaikan"]
    assert len(people) == 1 + EVERYONE + 1
    average = people[-1]
    assert average[1] == "Rata-rata"
    pre, post, gain = (number(v) for v in average[3:])
    assert 4 <= pre <= 6.5 and 7.5 <= post <= 9.5, "a believable gain"
    assert gain == pytest.approx(post - pre, abs=0.3) and gain >= 2
    absent = [r for r in people[1:-1] if r[1] in DEMO_ABSENT_DAY_2]
    assert [r[4] for r in absent] == ["–", "–"], "no post-test for who stayed away"
    assert [r[1] for r in questions[1:]] == [q.text for q in DEMO_TEST]
    for row in questions[1:]:
        assert row[2].endswith(" %") and row[3].endswith(" %")
        assert number(row[3]) >= number(row[2]) - 5, "learnt, not forgotten"
    with module_app.app_context():
        workshop = Workshop.by_code(made["code"])
        summary = tests.results(workshop)
    assert summary["phones"] == {"pre": EVERYONE, "post": SECOND_DAY}
    assert number(average[5]) == pytest.approx(summary["average"]["gain"], abs=0.01)


def test_the_evaluation_recap_has_means_per_item_and_per_speaker_and_charts(report):
    part = annex(report, "Lampiran 7. Rekapitulasi evaluasi")
    paragraphs = [p.text for p in part if isinstance(p, Paragraph)]
    assert re.match(r"21 formulir anonim, skala 1-4", paragraphs[0]), paragraphs[0]
    assert headings(part, 2) == ["Evaluasi narasumber", "Evaluasi penyelenggaraan"]
    speakers, organisation = (rows(t) for t in tables(part))
    assert speakers[0][2:] == SPEAKERS
    assert [r[1] for r in speakers[1:]][:2] == ["Penguasaan materi", "Ketepatan waktu"]
    assert len(speakers) == 1 + 8 + 1 and len(organisation) == 1 + 7 + 1
    for table in (speakers, organisation):
        assert table[-1][1] == "Rata-rata"
        for row in table[1:]:
            assert all(1 <= number(v) <= 4 for v in row[2:]), row
    charts = [p for p in part if isinstance(p, Paragraph) and pictures(p._p)]
    assert len(charts) == 2, "a chart of the speakers' means and one of the organisation's"
    assert "Contoh proposal KIPP sangat membantu." in paragraphs
    assert f"Komentar: {SPEAKERS[0]}" in headings(part, 3)


def test_the_printed_report_shows_every_annex_of_the_day(printed):
    pdf, pages = printed

    def page_of(text: str) -> int:
        return next(i for i, page in enumerate(pages) if text in page)

    for day in (1, 2):
        first = page_of(f"Daftar hadir hari ke-{day}")
        assert len(pdf.pages[first].images) >= 10, "the signatures are printed"
        assert "Tanda tangan" in pages[first]
    later = " ".join(pages[page_of("Daftar hadir hari ke-2") :])
    assert SPEAKERS[1] in later and DEMO_COMMITTEE[0].name in later
    minutes = page_of("Notulen tanya jawab narasumber")
    assert f"Tanya jawab dengan {SPEAKERS[0]}" in pages[minutes] and "Terjawab" in pages[minutes]
    polls = page_of("Polling dan awan kata")
    assert len(pdf.pages[polls].images) >= 1, "the chart is printed"
    scores = page_of("Hasil pre-test dan post-test")
    assert "Nilai per peserta" in pages[scores]
    assert "Rata-rata" in " ".join(pages[scores : scores + 3])
    recap = page_of("Rekapitulasi evaluasi")
    assert "Penguasaan materi" in pages[recap]
    assert any(len(pdf.pages[i].images) for i in range(recap, len(pages))), "its chart"


def test_the_workbook_has_the_tests_sheet_filled(made):
    book = load_workbook(io.BytesIO(made["members"]["02 Matriks rencana aksi.xlsx"]))
    sheet = book["Pre-test dan post-test"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values.index(["No.", "Nama", "Instansi", "Pre-test", "Post-test", "Kenaikan"])
    people = values[header + 1 : header + 1 + EVERYONE]
    assert sorted(row[1] for row in people) == sorted(p.name for p in DEMO_PARTICIPANTS)
    assert all(isinstance(row[3], int) for row in people)
    average = values[header + 1 + EVERYONE]
    assert average[1] == "Rata-rata" and average[5] >= 2
    assert [row[1] for row in values[-len(DEMO_TEST) :]] == [q.text for q in DEMO_TEST]


def test_the_organisers_zip_holds_every_document_of_the_day(made, report):
    assert list(made["members"]) == [
        "01 Laporan kegiatan.docx",
        "02 Matriks rencana aksi.xlsx",
        "03 Draf proposal KIPP.docx",
        "04 Profil inovasi IID.xlsx",
        "05 Daftar hadir.docx",
    ]
    ones = headings(blocks(report), 1)
    annexes = [h for h in ones if h.startswith("Lampiran")]
    # Numbered in order; the signed lists stand for the list to sign on paper.
    assert [h.split(" (")[0] for h in annexes] == [
        "Lampiran 1. Matriks rencana aksi",
        "Lampiran 2. Daftar hadir hari ke-1",
        "Lampiran 3. Daftar hadir hari ke-2",
        "Lampiran 4. Notulen tanya jawab narasumber",
        "Lampiran 5. Polling dan awan kata",
        "Lampiran 6. Hasil pre-test dan post-test",
        "Lampiran 7. Rekapitulasi evaluasi – Evaluasi narasumber dan penyelenggaraan",
    ]
    kipp = Document(io.BytesIO(made["members"]["03 Draf proposal KIPP.docx"]))
    assert any("Guru" in p.text for p in kipp.paragraphs)
    iid = load_workbook(io.BytesIO(made["members"]["04 Profil inovasi IID.xlsx"]))
    assert any(
        "Guru Kunjung Gugus Sekolah" in str(c.value) for s in iid for r in s.iter_rows() for c in r
    )


def test_the_demo_is_the_same_every_time(app):
    with app.app_context():
        with unit_of_work():
            first = create_demo().workshop.id
        with unit_of_work():
            second = create_demo().workshop.id

        def contents(workshop_id: int) -> tuple[Any, ...]:
            workshop = db.session.get(Workshop, workshop_id)
            signed = db.session.scalars(
                db.select(Signature)
                .where(Signature.workshop_id == workshop_id)
                .order_by(Signature.day, Signature.role, Signature.name)
            ).all()
            summary = tests.results(workshop)
            people = [(p["name"], p["pre"], p["post"]) for p in summary["people"]]
            return [(s.day, s.role, s.name, s.image) for s in signed], people

        signed, people = contents(first)
        assert len(signed) == EVERYONE + SECOND_DAY + 2 * (len(DEMO_COMMITTEE) + 1)
        assert len(people) == EVERYONE
        assert (signed, people) == contents(second)


@pytest.fixture(scope="module")
def lists(made) -> DocxDocument:
    return Document(io.BytesIO(made["members"]["05 Daftar hadir.docx"]))


def days_of(doc: DocxDocument) -> list[list[Paragraph | Table]]:
    """The body cut at each Heading 1 (a day's list starts with one), headings kept."""
    out: list[list[Paragraph | Table]] = []
    for block in blocks(doc):
        if isinstance(block, Paragraph) and block.style.name == "Heading 1":
            out.append([])
        if out:
            out[-1].append(block)
    return out


def test_the_attendance_lists_are_a_document_of_a_day_a_section_signed_by_everyone(
    made, lists, report
):
    sections = lists.sections
    assert len(sections) == 2, "a section a day"
    assert sections[1].start_type == WD_SECTION.NEW_PAGE, "the second day starts a page"
    for section in sections:
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21, 29.7)
    first, second = days_of(lists)
    for day, part, present in ((1, first, EVERYONE), (2, second, SECOND_DAY)):
        head = [p.text for p in part[:4] if isinstance(p, Paragraph)]
        assert head[0] == "Daftar hadir" and part[0].runs[0].font.all_caps, "DAFTAR HADIR"
        assert head[1] == DEMO_WORKSHOP["title"]
        assert re.fullmatch(rf"Hari ke-{day}, \d+ Desember 2026", head[2]), head[2]
        assert head[3] == DEMO_WORKSHOP["place"]
        assert headings(part, 2) == ["Peserta", "Narasumber", "Panitia"]
        people, speakers, committee = tables(part)
        assert rows(people)[0] == ["No.", "Nama", "Instansi", "Jabatan", "Tanda tangan"]
        assert [len(t.rows) - 1 for t in (people, speakers, committee)] == [present, 1, 3]
        assert speakers.rows[1].cells[1].text == SPEAKERS[day - 1]
        assert [r[1] for r in rows(committee)[1:]] == [m.name for m in DEMO_COMMITTEE]
        blobs = signatures_in(lists, (people, speakers, committee))
        assert len(blobs) == present + 4, "everyone's own signature"
        # The same names as the report's annex of that day, in the same order.
        annexed = annex(report, f"Lampiran {day + 1}. Daftar hadir hari ke-{day} (")
        assert [rows(t) for t in tables(part)] == [rows(t) for t in tables(annexed)]
    assert lists.core_properties.title == DEMO_WORKSHOP["title"]


def test_the_printed_attendance_lists_start_each_day_on_a_page_and_repeat_the_header(
    made, tmp_path
):
    source = tmp_path / "hadir.docx"
    source.write_bytes(made["members"]["05 Daftar hadir.docx"])
    (pdf_file,) = convert([source], tmp_path / "pdf", tmp_path / "profile")
    pdf = PdfReader(pdf_file)
    pages = [flat(page.extract_text()) for page in pdf.pages]
    # How many pages a day takes depends on the fonts; that each day starts a page
    # under its own heading, and that the table's header repeats, does not.
    starts = [i for i, page in enumerate(pages) if page.startswith("DAFTAR HADIR")]
    assert len(starts) == 2 and starts[0] == 0 and starts[1] > 0, starts
    day1, day2 = " ".join(pages[: starts[1]]), " ".join(pages[starts[1] :])
    assert "Hari ke-1" in pages[0] and "Hari ke-2" in pages[starts[1]]
    assert "Hari ke-2" not in day1
    for i, page in enumerate(pdf.pages):
        assert float(page.mediabox.width) < float(page.mediabox.height), "portrait"
        assert "Tanda tangan" in pages[i], f"the header row on page {i + 1}"
    assert DEMO_COMMITTEE[-1].name in day1 and DEMO_COMMITTEE[-1].name in day2
