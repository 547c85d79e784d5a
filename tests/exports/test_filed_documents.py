"""The Word report and the Excel workbook as an office would file them (issue 25):
Indonesian dates, times in the workshop's zone, the signer's city, no program
name, no doubled punctuation or empty figures, labelled categories, one status
vocabulary, and fishbones whose type prints at 8 pt or more. Read from the
files with python-docx and openpyxl, as a user's program would."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.shared import Emu
from PIL import Image

from workshop.boards.services import post_card
from workshop.core.cards import ActionPlan
from workshop.core.models import Participant, Workshop
from workshop.core.timeutil import format_date_id, format_datetime_id, zone_for_offset
from workshop.demo.loader import create_demo
from workshop.exports import chart
from workshop.exports.data import gather
from workshop.exports.services import export
from workshop.extensions import db
from workshop.followup.services import status_labels
from workshop.participants.services import join
from workshop.realtime.unit import unit_of_work
from workshop.voting.services import cast_vote
from workshop.workshops.services import Signature, update_signature

DAY = dt.date(2026, 12, 8)
ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")
# Punctuation straight after another: "nomor.;", "saja,." (not "M.Si.," in a name).
DOUBLED = re.compile(r"[.,;:][;:]|[,;:]\.")


@pytest.fixture(scope="module")
def demo_id(module_app):
    """The demo workshop on 8 December 2026, in WITA, built once: the tests read it."""
    with module_app.app_context():
        with unit_of_work():
            created = create_demo(DAY)
            created.workshop.time_zone = "Asia/Makassar"
            plans = db.session.scalars(db.select(ActionPlan)).all()
            plans[0].deadline = dt.date(2027, 3, 31)
        return created.workshop.id


@pytest.fixture
def demo(module_app, demo_id):
    with module_app.app_context():
        yield db.session.get(Workshop, demo_id)


def report_of(workshop) -> docx.document.Document:
    return docx.Document(io.BytesIO(export(workshop, "docx").content))


def book_of(workshop) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(export(workshop, "xlsx").content))


def texts(doc) -> list[str]:
    """Every paragraph of the report, in the body and in its tables."""
    found = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(p.text for p in cell.paragraphs)
    return found


def ani(workshop, sector_id) -> Participant:
    return join(workshop, name="Ani", agency="Dinkes", position=None, sector_id=sector_id)


def cells(book) -> list[object]:
    return [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]


def test_the_indonesian_date_helper_names_the_month_and_the_zone():
    assert format_date_id(DAY) == "8 Desember 2026"
    assert format_date_id(dt.date(2027, 1, 31)) == "31 Januari 2027"
    moment = dt.datetime(2026, 12, 8, 23, 30)  # UTC
    assert format_datetime_id(moment, "Asia/Jakarta") == "9 Desember 2026 06.30 WIB"
    assert format_datetime_id(moment, "Asia/Makassar") == "9 Desember 2026 07.30 WITA"
    assert format_datetime_id(moment, "Asia/Jayapura") == "9 Desember 2026 08.30 WIT"
    assert [zone_for_offset(m) for m in (420, 480, 540, 0, None)] == [
        "Asia/Jakarta",
        "Asia/Makassar",
        "Asia/Jayapura",
        "Asia/Jakarta",
        "Asia/Jakarta",
    ]


def test_the_report_and_the_workbook_write_dates_in_indonesian(demo):
    report = report_of(demo)
    lines = texts(report)
    assert "8\u20139 Desember 2026" in lines, "the cover's dates: the demo's two days"
    assert "Tanggal: 8\u20139 Desember 2026" in lines
    assert not any(ISO.search(t) for t in lines)
    book = book_of(demo)
    summary = book["Ringkasan"]
    assert summary["B2"].value == "8\u20139 Desember 2026"
    assert not any(isinstance(v, str) and ISO.search(v) for v in cells(book))
    deadlines = [
        c
        for row in book["Matriks (3) Tindak lanjut"].iter_rows(min_row=2)
        for c in row
        if isinstance(c.value, dt.datetime)
    ]
    assert deadlines, "deadlines are real date cells"
    assert all(c.number_format.startswith("[$-421]d mmmm yyyy") for c in deadlines)


def test_the_signature_names_the_city_and_the_date_on_one_line(demo):
    block = next(t for t in report_of(demo).tables if t.style.name != "Table Grid")
    first = block.rows[0].cells[1].paragraphs[0].text
    assert first == "Bontosalama, 8\u00a0Desember\u00a02026", "the date's words never part"
    update_signature(demo, Signature(position="Kepala Bagian Organisasi"))  # no city set
    block = next(t for t in report_of(demo).tables if t.style.name != "Table Grid")
    first = block.rows[0].cells[1].paragraphs[0].text
    assert first.startswith("....") and first.endswith(", 8\u00a0Desember\u00a02026")
    assert demo.place not in first, "never the venue"
    db.session.rollback()


def test_no_document_names_the_program_and_the_office_is_its_author(demo):
    for fmt in ("docx", "xlsx"):
        content = export(demo, fmt).content
        with zipfile.ZipFile(io.BytesIO(content)) as parts:
            for name in parts.namelist():
                text = parts.read(name).decode("utf-8", "ignore")
                assert "urai" not in text.lower(), (fmt, name)
                assert "python-docx" not in text and "openpyxl" not in text, (fmt, name)
    organiser = "Bagian Organisasi Setda Kabupaten Bontosalama"
    assert report_of(demo).core_properties.author == organiser
    assert book_of(demo).properties.creator == organiser


def test_innovation_ideas_have_no_doubled_punctuation_and_no_zero_votes(demo):
    lines = texts(report_of(demo))
    start = lines.index("C. Ide inovasi")
    ideas = lines[start + 1 : lines.index("D. Suara per sektor")]
    assert len(ideas) == 10
    for line in ideas:
        assert "menjawab “" in line
        assert not DOUBLED.search(line), line
        assert "suara: 0" not in line and "0 suara" not in line, line
    assert not any(DOUBLED.search(t) for t in lines if "...." not in t)


def test_an_idea_with_votes_says_how_many(app, make_workshop):
    made = make_workshop(date=DAY)
    with app.app_context():
        workshop = Workshop.by_code(made.code)
        person = ani(workshop, made.sector_ids[0])
        problem = post_card(
            workshop,
            person,
            {
                "client_id": "idea-bottleneck-0001",
                "kind": "bottleneck",
                "sector_id": made.sector_ids[0],
                "text": "Antrean panjang.",
            },
        ).card
        idea = post_card(
            workshop,
            person,
            {
                "client_id": "idea-solution-0001",
                "kind": "solution",
                "parent_id": problem.id,
                "text": "Daring",
            },
        ).card
        workshop.phase_id = next(p.id for p in workshop.phases if p.vote_on == "solution")
        cast_vote(workshop, person.id, idea.id)
        cast_vote(workshop, person.id, idea.id)
        lines = texts(report_of(workshop))
        assert "Daring (Pendidikan; menjawab “Antrean panjang”; 2 suara)" in lines


def test_without_categories_the_report_says_what_was_done_and_drops_the_column(app, make_workshop):
    made = make_workshop(date=DAY)
    with app.app_context():
        workshop = Workshop.by_code(made.code)
        person = ani(workshop, made.sector_ids[0])
        post_card(
            workshop,
            person,
            {
                "client_id": "plain-bottleneck-0001",
                "kind": "bottleneck",
                "sector_id": made.sector_ids[0],
                "text": "Antrean panjang",
            },
        )
        report = report_of(workshop)
        process = report.paragraphs[
            next(i for i, p in enumerate(report.paragraphs) if p.text == "D. Proses kegiatan") + 1
        ].text
        assert "kategori" not in process.lower(), process
        assert "suara" not in process and "USG" not in process, "nothing the room did not do"
        headers = [c.text for t in report.tables for c in t.rows[0].cells]
        assert "Sumbatan" in headers and "Kategori" not in headers


def test_with_categories_every_card_has_a_category_cell(demo):
    report = report_of(demo)
    process = next(p.text for p in report.paragraphs if p.text.startswith("Peserta bergabung"))
    assert "kategori" in process and "USG" in process
    tables = [
        t for t in report.tables if len(t.columns) > 2 and t.rows[0].cells[2].text == "Kategori"
    ]
    assert tables
    for table in tables:
        assert all(row.cells[2].text for row in table.rows[1:]), "labelled, never empty"


def test_the_summary_names_each_category_column(demo):
    sheet = book_of(demo)["Ringkasan"]
    header = next([c.value for c in row] for row in sheet.iter_rows() if row[0].value == "Sektor")
    categories = header[4:]
    assert categories[0] == "U1 Persyaratan" and categories[8] == "U9 Sarana dan prasarana"
    assert categories[-1] == "X4 Lainnya" and len(categories) == 13
    assert all(isinstance(c, str) and len(c) > 3 for c in categories)


def test_one_status_vocabulary_in_the_matrix_and_the_follow_up_page(demo, module_app):
    words = set(status_labels().values())
    assert words == {"Belum", "Berjalan", "Selesai"}
    values = cells(book_of(demo))
    assert "Usulan" not in values and "Direncanakan" not in values
    follow_up = book_of(demo)["Matriks (3) Tindak lanjut"]
    header = [c.value for c in follow_up[1]]
    statuses = {row[header.index("Status")].value for row in follow_up.iter_rows(min_row=2)}
    assert statuses and statuses <= words
    with module_app.test_request_context():
        from flask import render_template_string

        page = render_template_string(
            '{% from "_followup_strings.html" import item_strings with context %}'
            "{{ item_strings.status_belum }}|{{ item_strings.status_berjalan }}"
            "|{{ item_strings.status_selesai }}"
        )
    assert page.split("|") == ["Belum", "Berjalan", "Selesai"]


def test_empty_sectors_have_no_sheet(app, make_workshop):
    made = make_workshop(date=DAY)
    with app.app_context():
        workshop = Workshop.by_code(made.code)
        person = ani(workshop, made.sector_ids[1])
        post_card(
            workshop,
            person,
            {
                "client_id": "one-bottleneck-0001",
                "kind": "bottleneck",
                "sector_id": made.sector_ids[1],
                "text": "Antrean panjang",
            },
        )
        names = book_of(workshop).sheetnames
        assert "Kesehatan" in names
        assert not {"Pendidikan", "Lingkungan Hidup", "Koperasi & UKM"} & set(names)


def test_fishbone_type_prints_at_8_pt_or_more_with_nothing_cut(demo):
    """The pictures' type at the size the report prints them, and every cause whole."""
    report = report_of(demo)
    results = gather(demo)
    bones = demo.bones()
    analysed = [row for r in results.sectors for row in r.bottlenecks if row.causes]
    pictures = body_pictures(report)[1:]  # after the votes per sector
    figures = [f for row in analysed for f in chart.fishbone_figures(row, bones)]
    assert len(pictures) == len(figures) >= 6
    for shape, figure in zip(pictures, figures, strict=True):
        blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = Image.open(io.BytesIO(report.part.related_parts[blob].blob))
        dpi = image.info["dpi"][0]
        printed = Emu(shape.width).inches / (image.size[0] / dpi)
        assert printed == pytest.approx(
            Emu(shape.width).inches / figure.get_size_inches()[0], rel=0.01
        )
        renderer = figure.canvas.get_renderer()
        frame = figure.bbox
        boxes = []
        for text in figure.findobj(lambda a: a.__class__.__name__ == "Text"):
            if not text.get_text().strip():
                continue
            assert text.get_fontsize() * printed >= 8, text.get_text()
            assert "..." not in text.get_text() and "…" not in text.get_text()
            box = text.get_window_extent(renderer)
            assert frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5, text.get_text()
            assert frame.y0 - 0.5 <= box.y0 and box.y1 <= frame.y1 + 0.5, text.get_text()
            boxes.append((box, text.get_text()))
        for i, (a, text_a) in enumerate(boxes):
            for b, text_b in boxes[i + 1 :]:
                assert not a.overlaps(b), (text_a, text_b)
    row = analysed[0]
    drawn = " ".join(
        t.get_text()
        for f in chart.fishbone_figures(row, bones)
        for t in f.findobj(lambda a: a.__class__.__name__ == "Text")
    )
    for cause in row.causes:
        assert cause.card.text.split()[-1] in drawn.split(), "every cause, whole"


def crowded_row(per_bone: int, bones: list[dict[str, str]]):
    """A bottleneck whose every bone holds `per_bone` long causes, each with a "why?"."""
    from workshop.core.cards import Card
    from workshop.exports.data import BottleneckRow, CauseRow

    head = Card(kind="bottleneck", text="Antrean panjang di loket " * 6)
    causes = []
    for bone in bones:
        for n in range(per_bone):
            text = (
                f"Penyebab {n + 1} pada {bone['name']}: petugas tidak cukup dan sistem sering mati"
            )
            causes.append(
                CauseRow(Card(kind="cause", text=text, bone=bone["key"], depth=1), 0, None)
            )
            why = Card(kind="cause", text="Anggaran pemeliharaan tidak tersedia", bone=bone["key"])
            why.depth, why.is_root = 2, True
            causes.append(CauseRow(why, 0, None))
    return BottleneckRow(head, 0, None, None, None, causes=causes)


@pytest.mark.parametrize(("per_bone", "crowded"), [(1, False), (4, False), (9, True), (30, True)])
def test_a_crowded_fishbone_is_split_into_pictures_that_fit_a_page(app, per_bone, crowded):
    with app.app_context():
        bones = Workshop(title="x").bones()
        # Thirty causes on one bone alone: its causes are shared out too.
        row = crowded_row(per_bone, bones[:1] if per_bone == 30 else bones)
        figures = chart.fishbone_figures(row, bones)
        drawn = []
        for figure in figures:
            assert figure.get_size_inches()[1] <= chart.FISHBONE_MAX_HEIGHT
            renderer = figure.canvas.get_renderer()
            boxes = [
                (t.get_window_extent(renderer), t.get_text())
                for t in figure.findobj(lambda a: a.__class__.__name__ == "Text")
                if t.get_text().strip()
            ]
            for i, (a, text_a) in enumerate(boxes):
                assert figure.bbox.x0 - 0.5 <= a.x0 and a.x1 <= figure.bbox.x1 + 0.5, text_a
                assert figure.bbox.y0 - 0.5 <= a.y0 and a.y1 <= figure.bbox.y1 + 0.5, text_a
                for b, text_b in boxes[i + 1 :]:
                    assert not a.overlaps(b), (text_a, text_b)
            drawn.extend(text for _box, text in boxes)
        names = {row.causes[0].card.bone} if per_bone == 30 else {b["key"] for b in bones}
        names = [b["name"] for b in bones if b["key"] in names]
        assert all(any(name in text for text in drawn) for name in names), "every bone drawn"
        assert (len(figures) > 1) == crowded, "split only when one would pass a page"
        whole = " ".join(" ".join(drawn).split())
        for text in {c.card.text for c in row.causes}:
            wanted = sum(1 for c in row.causes if c.card.text == text)
            assert whole.count(text) == wanted, "every cause drawn once, whole"


def body_pictures(report) -> list:
    """The pictures of the report's body: those before its annexes (the demo's day
    has pictures of its own there: signatures, charts)."""
    annex = next(p._p for p in report.paragraphs if p.text.startswith("Lampiran 1. "))
    children = list(report.element.body)
    before = children[: children.index(annex)]
    count = sum(len(list(child.iter(qn("wp:inline")))) for child in before)
    return list(report.inline_shapes)[:count]
