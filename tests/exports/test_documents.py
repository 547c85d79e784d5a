"""The Word report and the Excel workbook are fit to file: checked in the files
(python-docx, openpyxl) and on the pages LibreOffice prints from them (PDF,
read with pypdf). `make test` installs LibreOffice (the Makefile's `office`)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from workshop.boards.services import post_card
from workshop.core.access import FACILITATOR, Identity
from workshop.core.models import Participant, Workshop
from workshop.demo.loader import create_demo
from workshop.exports.services import export
from workshop.extensions import db
from workshop.facilitation.services import set_phase
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.scoring.services import assess
from workshop.workshops.services import Signature, update_signature

from .conftest import SIGNER

EXTRA = 12  # bottlenecks added to the demo's 32, so that the annexes run over pages
MATRIX_HEADER = "Sektor/OPD"  # a label of the matrix's header row, in one word


@pytest.fixture(scope="module")
def large_id(module_app):
    """The demo workshop with 44 bottlenecks, a signer and the report's own place,
    built once: the tests of this module only read it."""
    with module_app.app_context():
        workshop = create_demo(dt.date(2026, 11, 24)).workshop
        update_signature(workshop, SIGNER)
        set_phase(workshop, next(p.id for p in workshop.phases if p.kind == "identify"))
        author = db.session.scalars(
            db.select(Participant).where(Participant.workshop_id == workshop.id)
        ).first()
        sector = workshop.active_sectors[3]
        boss = Identity(workshop.id, FACILITATOR)
        for n in range(EXTRA):
            card = post_card(
                workshop,
                author,
                {
                    "client_id": f"extra-bottleneck-{n:03}",
                    "kind": "bottleneck",
                    "sector_id": sector.id,
                    "text": f"Sumbatan tambahan {n + 1}: berkas permohonan akta harus "
                    "difotokopi tiga kali dan dilegalisir di kantor yang berbeda-beda.",
                    "category": "U1",
                },
            ).card
            assess(workshop, boss, card.id, {"u": 3, "s": 3, "g": 2})
        commit_and_broadcast()
        return workshop.id


@pytest.fixture
def large(module_app, large_id):
    """The large workshop, read in an app context of its own."""
    with module_app.app_context():
        yield db.session.get(Workshop, large_id)


@pytest.fixture(scope="module")
def documents(module_app, large_id) -> dict[str, bytes]:
    """The large workshop's report and workbook, exported once."""
    with module_app.app_context():
        workshop = db.session.get(Workshop, large_id)
        return {"docx": export(workshop, "docx").content, "xlsx": export(workshop, "xlsx").content}


@pytest.fixture(scope="module")
def printed(documents, tmp_path_factory) -> dict[str, Path]:
    """The report and the workbook opened in LibreOffice as a user's office would:
    both printed to PDF by one start, and the workbook saved again as xlsx by a
    second start on the same (warm) profile."""
    folder = tmp_path_factory.mktemp("printed")
    report_file, matrix_file = folder / "laporan.docx", folder / "matriks.xlsx"
    report_file.write_bytes(documents["docx"])
    matrix_file.write_bytes(documents["xlsx"])
    profile = folder / "profile"
    report_pdf, matrix_pdf = convert([report_file, matrix_file], folder / "pdf", profile)
    (resaved,) = convert([matrix_file], folder / "xlsx", profile, to="xlsx")
    return {"report.pdf": report_pdf, "matrix.pdf": matrix_pdf, "matrix.xlsx": resaved}


@pytest.fixture(scope="module")
def printed_report(printed) -> tuple[PdfReader, list[str]]:
    """The printed report and the text of its pages (pypdf reads them once)."""
    pdf = PdfReader(printed["report.pdf"])
    return pdf, [flat(page.extract_text()) for page in pdf.pages]


def convert(sources: list[Path], out: Path, profile: Path, to: str = "pdf") -> list[Path]:
    """Open documents in LibreOffice and save each as `to`: one start for them all."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: `make test` installs it (make office)"
    subprocess.run(
        [
            soffice,
            # A profile of its own, so that parallel runs do not share one.
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    results = [out / f"{source.stem}.{to}" for source in sources]
    for source, result in zip(sources, results, strict=True):
        assert result.exists(), f"LibreOffice could not open {source.name}"
    return results


def landscape(page) -> bool:
    return float(page.mediabox.width) > float(page.mediabox.height)


def flat(text: str) -> str:
    return " ".join(text.split())


def report(workshop):
    return Document(io.BytesIO(export(workshop, "docx").content))


def large_report(documents):
    """The large workshop's report, as exported once for the module."""
    return Document(io.BytesIO(documents["docx"]))


def test_the_report_has_a_cover_numbered_pages_and_a_landscape_matrix(large, documents):
    doc = large_report(documents)
    cover, body, *rest = doc.sections
    for section in doc.sections:
        width, height = sorted((section.page_width, section.page_height))
        assert (round(width / 360000, 1), round(height / 360000, 1)) == (21.0, 29.7), "A4"
    assert cover.orientation == WD_ORIENT.PORTRAIT and not cover.footer.paragraphs[0].text
    # The matrix on landscape pages; the day's annexes (attendance, questions, polls,
    # tests, evaluations) after it on portrait pages again.
    turned = [n for n, section in enumerate(rest) if section.orientation == WD_ORIENT.LANDSCAPE]
    assert turned, "the matrix is landscape"
    last = rest[turned[-1]]
    assert last.page_width > last.page_height
    after = rest[turned[-1] + 1 :]
    assert after, "the day's annexes follow the matrix"
    assert all(s.orientation == WD_ORIENT.PORTRAIT and s.page_width < s.page_height for s in after)
    assert all(s.footer.is_linked_to_previous for s in after), "numbered on"
    instructions = [t.text.strip() for t in body.footer._element.iter(qn("w:instrText")) if t.text]
    assert instructions == ["PAGE"], "the page number is a field the program fills in"
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert last.footer.is_linked_to_previous, "the landscape pages keep the numbering"
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "Laporan Kegiatan"
    cover_text = paragraphs[: paragraphs.index("I. Pendahuluan")]
    assert large.organiser.upper() in cover_text and "24\u201325 November 2026" in cover_text


def test_every_report_table_has_set_column_widths_and_a_repeated_header(documents):
    doc = large_report(documents)
    grids = [t for t in doc.tables if t.style.name == "Table Grid"]
    assert len(grids) >= 10
    for table in grids:
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        widths = [c.width for c in table.columns]
        assert len(set(widths)) > 1, [c.text for c in table.rows[0].cells]
        assert [c.width for c in table.rows[-1].cells] == widths
    per_sector = next(t for t in grids if t.rows[0].cells[1].text == "Sumbatan")
    header = per_sector.rows[0].cells
    widths = {c.text: col.width for c, col in zip(header, per_sector.columns, strict=True)}
    assert widths["Sumbatan"] > 3 * widths["No."], "the text gets the room, not the numbers"
    assert widths["Alternatif solusi"] > 3 * widths["No."]
    matrix = next(t for t in grids if t.rows[0].cells[1].text == MATRIX_HEADER)
    assert sum(c.width for c in matrix.columns) > 1.5 * sum(c.width for c in per_sector.columns)


def test_the_report_follows_the_activity_report_layout(large, documents):
    doc = large_report(documents)
    ones = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    with force_locale("id"):
        closing = _("IV. Closing")
    assert ones == [
        "I. Pendahuluan",
        "II. Pelaksanaan kegiatan",
        "III. Hasil",
        closing,
        # The demo's whole Bimtek: its two days' signed lists stand for the list to
        # sign on paper, and each activity appends its annex, numbered in order.
        "Lampiran 1. Matriks rencana aksi",
        "Lampiran 2. Daftar hadir hari ke-1 (24 November 2026)",
        "Lampiran 3. Daftar hadir hari ke-2 (25 November 2026)",
        "Lampiran 4. Notulen tanya jawab narasumber",
        "Lampiran 5. Polling dan awan kata",
        "Lampiran 6. Hasil pre-test dan post-test",
        "Lampiran 7. Rekapitulasi evaluasi – Evaluasi narasumber dan penyelenggaraan",
    ]
    body = [p.text for p in doc.paragraphs]
    assert "Tanggal: 24\u201325 November 2026" in body, "both days of the Bimtek"
    assert any("daftar hadir yang ditandatangani terlampir" in p for p in body)
    first, second = (
        body.index("Hari ke-1, 24 November 2026"),
        body.index("Hari ke-2, 25 November 2026"),
    )
    assert "Pre-test" in body[first:second] and "Post-test" in body[second:], "day by day"


def test_the_signature_block_closes_the_report_with_the_signer(documents):
    doc = large_report(documents)
    block = next(t for t in doc.tables if t.style.name != "Table Grid")
    borders = block._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is None, "no lines around the signature"
    left, right = (c.text for c in block.rows[0].cells)
    assert left == ""
    lines = right.split("\n")
    assert lines[0] == "Bontosalama, 24\u00a0November\u00a02026", "tempat, tanggal"
    assert lines[1] == "Kepala Bagian Organisasi,"
    assert "Andi Baso Mattalatta, S.STP., M.Si." in lines
    assert lines[-1] == "NIP. 19800101 200501 1 001"
    body = doc.element.body
    order = list(body)
    assert order.index(block._tbl) < order.index(
        next(p._p for p in doc.paragraphs if p.text.startswith("Lampiran 1. "))
    ), "at the end of the closing, before the annexes"


def test_without_a_signer_the_block_leaves_lines_to_fill_in(app, make_workshop):
    made = make_workshop(place="Aula Bupati", date=dt.date(2026, 3, 2))
    with app.app_context():
        workshop = Workshop.by_code(made.code)
        block = next(t for t in report(workshop).tables if t.style.name != "Table Grid")
        lines = block.rows[0].cells[1].text.split("\n")
        assert lines[0] == "................, 2\u00a0Maret\u00a02026", (
            "a city to fill in, never the venue"
        )
        assert lines[-1].startswith("NIP. ....") and "...." in lines[-2]
        update_signature(
            workshop, Signature(place="Maros", date=dt.date(2026, 3, 9), name="Hj. Sitti")
        )
        block = next(t for t in report(workshop).tables if t.style.name != "Table Grid")
        assert block.rows[0].cells[1].text.startswith("Maros, 9\u00a0Maret\u00a02026")


def test_the_printed_report_shows_its_parts_and_repeats_the_matrix_header(printed_report):
    pdf, pages = printed_report
    assert 12 <= len(pages) <= 40, len(pages)
    text = " ".join(pages)
    for word in ("LAPORAN KEGIATAN", "Pendahuluan", "Pelaksanaan", "Hasil", "Lampiran"):
        assert word in text, word
    assert "Andi Baso Mattalatta, S.STP., M.Si." in text
    assert "NIP. 19800101 200501 1 001" in text
    assert not landscape(pdf.pages[0])
    annex = next(i for i, p in enumerate(pages) if "Lampiran 1. Matriks rencana aksi" in p)
    signed = next(i for i, p in enumerate(pages) if "Daftar hadir hari ke-1" in p)
    matrix_pages = list(range(annex, signed))
    assert len(matrix_pages) >= 2, "the matrix of 60-odd rows runs over pages"
    assert all(landscape(pdf.pages[i]) for i in matrix_pages)
    assert not any(landscape(pdf.pages[i]) for i in range(annex))
    assert not any(landscape(pdf.pages[i]) for i in range(signed, len(pages))), "the day's annexes"
    for i in matrix_pages:
        assert MATRIX_HEADER in pages[i], f"the header row repeats on page {i + 1}"
    assert "Sumbatan tambahan 12" in text, "every row is printed"
    numbers = [p.split()[-1] for p in pages[1:]]
    assert numbers[:3] == ["1", "2", "3"], "pages numbered from the first after the cover"
    assert numbers[-1] == str(len(pages) - 1)


def test_every_sheet_is_set_up_to_print(large, documents):
    book = load_workbook(io.BytesIO(documents["xlsx"]))
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.print_area
        assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
        assert sheet.oddHeader.left.text == large.title
    analysis = book["Matriks (1) Analisis"]
    assert analysis.max_row > 40
    for title, last in (
        ("Matriks (1) Analisis", "M"),
        ("Matriks (2) Rencana aksi", "J"),
        ("Matriks (3) Tindak lanjut", "H"),
    ):
        matrix = book[title]
        assert matrix.print_title_rows == "$1:$1", "the header row on every printed page"
        assert matrix.print_area == f"'{title}'!$A$1:${last}${matrix.max_row}"
        assert matrix.freeze_panes == "A2"
    assert book["Administrasi Kependudukan"].print_title_rows == "$1:$1"
    tall = [analysis.row_dimensions[r].height for r in range(2, analysis.max_row + 1)]
    assert all(h and h >= 15 for h in tall) and max(tall) > 60, "rows tall enough for the text"


def test_an_ampersand_in_the_title_is_printed_not_read_as_a_code(app, make_workshop):
    made = make_workshop(title="Bimtek P&P &B")
    with app.app_context():
        workshop = Workshop.by_code(made.code)
        book = load_workbook(io.BytesIO(export(workshop, "xlsx").content))
        assert book.worksheets[0].oddHeader.left.text == "Bimtek P&&P &&B"


def test_the_printed_matrix_is_one_page_wide_with_its_header_on_each_page(large, printed):
    pdf = PdfReader(printed["matrix.pdf"])
    assert all(landscape(page) for page in pdf.pages)
    pages = [flat(page.extract_text()) for page in pdf.pages]
    for i, text in enumerate(pages):
        assert f"{i + 1} / {len(pages)}" in text, "every page is numbered 'n / total'"
        assert large.title in text, "under the workshop's title"
    on_matrix = [i for i, text in enumerate(pages) if "Matriks (1) Analisis" in text]
    assert len(on_matrix) >= 2, "the matrix runs over pages, one page wide"
    for i in on_matrix:
        assert MATRIX_HEADER in pages[i] and "Peringkat" in pages[i], i + 1
    on_plan = [i for i, text in enumerate(pages) if "Matriks (2) Rencana aksi" in text]
    for i in on_plan:
        assert "Penanggung jawab" in pages[i] and "Pihak terkait" in pages[i], i + 1
    text = " ".join(pages)
    assert "Sumbatan tambahan 12" in text and "Status" in text, "no column or row cut off"
    # LibreOffice reads it and saves it again with the print setup intact.
    again = load_workbook(printed["matrix.xlsx"])
    resaved = again["Matriks (1) Analisis"]
    assert resaved.print_title_rows == "$1:$1"
    assert resaved.page_setup.orientation == "landscape"
    assert resaved.sheet_properties.pageSetUpPr.fitToPage


def type_sizes(page) -> list[float]:
    """The size every piece of text prints at on a PDF page, in points: its font's
    size scaled by the text and the page's transformations (a sheet fitted to
    the page's width is scaled down)."""
    found = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            found.append(size * (c * c + d * d) ** 0.5)

    page.extract_text(visitor_text=visit)
    return found


def test_every_printed_page_of_the_workbook_has_type_of_8_pt_or_more(printed):
    pdf = PdfReader(printed["matrix.pdf"])
    for number, page in enumerate(pdf.pages, start=1):
        sizes = type_sizes(page)
        assert sizes and min(sizes) >= 8, (number, min(sizes))
    text = " ".join(flat(page.extract_text()) for page in pdf.pages)
    for part in ("Matriks (1) Analisis", "Matriks (2) Rencana aksi", "Matriks (3) Tindak lanjut"):
        assert part in text


# LibreOffice prints Calibri with Carlito, its metric twin: the text is measured with it.
CARLITO = "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"
LINE = 13.0  # points a line of 11 pt text takes in LibreOffice, and a little more


def wrapped_lines(text: str, width_px: float, font) -> int:
    """How many lines `text` takes in a cell `width_px` wide (96 dpi), wrapped at
    whole words, in `font` at ten times 11 pt."""
    count = 0
    for part in text.split("\n"):
        line, lines = "", 1
        for word in part.split():
            trial = f"{line} {word}" if line else word
            if not line or font.getlength(trial) / 10 * 96 / 72 <= width_px:
                line = trial
            else:
                lines, line = lines + 1, word
        count += lines
    return count


def test_every_row_of_the_printed_workbook_is_tall_enough_for_its_text(documents):
    """No row clipped: each wrapped cell's text, measured in the font that prints it,
    fits the row's height."""
    from PIL import ImageFont

    font = ImageFont.truetype(CARLITO, 110)  # 11 pt, ten times over: measured to a tenth
    book = load_workbook(io.BytesIO(documents["xlsx"]))
    short = []
    for sheet in book.worksheets:
        merged = {
            c.coordinate for r in sheet.merged_cells.ranges for row in sheet[r.coord] for c in row
        }
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                    continue
                if cell.coordinate in merged:
                    continue
                width = sheet.column_dimensions[cell.column_letter].width or 8.43
                need = wrapped_lines(cell.value, width * 7 + 5 - 6, font) * LINE
                height = sheet.row_dimensions[cell.row].height or 15
                if height < need:
                    short.append((sheet.title, cell.coordinate, height, need))
    assert short == []


def test_each_numbered_list_of_the_report_starts_at_one(documents, printed_report):
    doc = large_report(documents)
    lists = {}
    for paragraph in doc.paragraphs:
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if paragraph.style.name == "List Number" and num_pr is not None:
            lists.setdefault(num_pr.numId.val, []).append(paragraph.text)
    assert len(lists) == 2, "the basis and the innovation ideas: two lists, two numberings"
    numbering = doc.part.numbering_part.element
    for num_id in lists:
        start = numbering.num_having_numId(num_id).find(qn("w:lvlOverride"))
        assert start is not None and start.find(qn("w:startOverride")).get(qn("w:val")) == "1"
    pages = " ".join(printed_report[1])
    ideas = pages[pages.index("C. Ide inovasi") :]
    assert ideas.split("C. Ide inovasi", 1)[1].split()[0] == "1.", "printed from 1, not 4"
