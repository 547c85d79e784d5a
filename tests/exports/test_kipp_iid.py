"""The KIPP draft and the Indeks Inovasi Daerah workbook of the demo workshop, as an
office receives them: read with python-docx and openpyxl, and printed by
LibreOffice (tests/exports/test_documents.py's `convert`)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from docx import Document
from flask_babel import force_locale
from openpyxl import load_workbook
from pypdf import PdfReader

from workshop.core.models import Workshop
from workshop.demo.content import DEMO_IID
from workshop.demo.loader import create_demo
from workshop.exports.services import export
from workshop.extensions import db
from workshop.proposals import iid
from workshop.proposals.facts import Facts, starting_text
from workshop.realtime.broadcast import commit_and_broadcast

from .test_documents import convert, flat

HELD = dt.date(2026, 12, 8)


@pytest.fixture(scope="module")
def demo_id(module_app):
    with module_app.app_context():
        workshop = create_demo(HELD).workshop
        commit_and_broadcast()
        return workshop.id


@pytest.fixture
def demo(module_app, demo_id):
    with module_app.app_context():
        yield db.session.get(Workshop, demo_id)


@pytest.fixture(scope="module")
def files(module_app, demo_id) -> dict[str, bytes]:
    with module_app.app_context():
        workshop = db.session.get(Workshop, demo_id)
        return {fmt: export(workshop, fmt).content for fmt in ("kipp", "iid")}


def all_text(docx_bytes: bytes) -> str:
    """Every character of the Word file's parts: body, tables, headers, properties."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        return " ".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith(".xml")
        )


def test_the_kipp_draft_is_on_a4_and_names_no_program(files):
    doc = Document(io.BytesIO(files["kipp"]))
    for section in doc.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    text = all_text(files["kipp"])
    assert "Urai" not in text and "python-docx" not in text
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Temuan lokakarya" in headings


def test_the_kipp_draft_is_for_the_workshops_year_and_group_with_an_indonesian_date(files):
    doc = Document(io.BytesIO(files["kipp"]))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Kompetisi Inovasi Pelayanan Publik 2025" in body
    assert "2023" not in body
    assert "Kelompok: Umum" in body
    assert "8 Desember 2026" in body and "2026-12-08" not in body


def test_the_kipp_draft_has_figures_only_where_they_say_something(files):
    doc = Document(io.BytesIO(files["kipp"]))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. Ringkasan", "no weight of 0%"
    assert headings[4] == "5. Signifikansi (bobot 30%)"
    texts = [p.text for p in doc.paragraphs]
    significance = texts[texts.index(headings[4]) + 2]
    assert significance.startswith("Indikator keberhasilan:"), significance
    body = "\n".join(texts) + "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Suara dalam lokakarya" not in body
    assert "bobot 0%" not in body and "suara: 0" not in body and "solusi 0" not in body
    table = {r.cells[0].text: r.cells[1].text for t in doc.tables for r in t.rows}
    assert table["Suara untuk sumbatan"] == "3" and "Suara untuk solusi" not in table


def test_the_iid_workbook_has_a_row_an_innovation_under_the_iid_field_names(files):
    book = load_workbook(io.BytesIO(files["iid"]))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == ["No", *(f.name for f in iid.FIELDS)]
    assert "Rancang Bangun Inovasi Daerah dan Pokok Perubahan yang Dilakukan" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1, "the demo's one proposal"
    row = dict(zip(header, rows[0], strict=True))
    assert row["Nama Inovasi Daerah"] == DEMO_IID["nama"]
    assert row["Tahapan Inovasi"] == "Uji Coba"
    assert row["Inisiator Inovasi Daerah"] == "OPD"
    assert row["Jenis Inovasi"] == "Non Digital"
    assert row["Bentuk Inovasi Daerah"] == "Inovasi Pelayanan Publik"
    assert row["Urusan Pemerintahan"] == "Pendidikan", "from the sector"
    trial = row["Waktu Uji Coba Inovasi Daerah"]
    assert trial.date() == HELD + dt.timedelta(days=34), "a real date cell"
    date_cell = sheet.cell(row=2, column=header.index("Waktu Uji Coba Inovasi Daerah") + 1)
    assert "[$-421]" in date_cell.number_format and "mmmm" in date_cell.number_format
    assert (
        len(row["Rancang Bangun Inovasi Daerah dan Pokok Perubahan yang Dilakukan"].split()) >= 300
    )
    form = book.worksheets[1]
    labels = [form.cell(row=r, column=1).value for r in range(1, form.max_row + 1)]
    assert "Tujuan Inovasi Daerah" in labels and "Bukti Dukung" in labels


def test_the_iid_workbook_of_a_workshop_without_proposals_says_so(app, make_workshop):
    ws = make_workshop()
    with app.app_context():
        book = load_workbook(io.BytesIO(export(db.session.get(Workshop, ws.id), "iid").content))
    assert book.worksheets[0]["B2"].value == "Belum ada usulan yang sedang ditulis."


def test_the_cli_writes_the_iid_workbook(app, runner, make_workshop, tmp_path):
    ws = make_workshop()
    out = tmp_path / "iid.xlsx"
    result = runner.invoke(
        args=["workshop", "export", ws.code, "--format", "iid", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert load_workbook(out).worksheets[0]["B1"].value == "Nama Inovasi Daerah"


def test_printed_the_draft_is_a4_and_the_workbook_prints_every_text(files, tmp_path):
    draft, book = tmp_path / "kipp.docx", tmp_path / "iid.xlsx"
    draft.write_bytes(files["kipp"])
    book.write_bytes(files["iid"])
    draft_pdf, book_pdf = convert([draft, book], tmp_path / "pdf", tmp_path / "profile")
    for page in PdfReader(draft_pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842), "A4 in points"
    printed = flat(" ".join(p.extract_text() for p in PdfReader(book_pdf).pages))
    assert "11 Januari 2027" in printed, "the trial date (34 days after), in Indonesian"
    for key in ("tujuan", "manfaat", "hasil", "bukti"):
        assert flat(DEMO_IID[key]) in printed, key
    # The design, paragraph by paragraph, every word of it.
    for paragraph in DEMO_IID["rancang_bangun"].split("\n"):
        assert flat(paragraph) in printed, paragraph[:40]


def test_a_summary_without_a_known_bottleneck_ends_as_a_sentence(app):
    with app.test_request_context(), force_locale("id"):
        text = starting_text("summary", Facts(solution="Antar obat ke rumah.", sector="Kesehatan"))
    assert text == "Antar obat ke rumah. Inovasi sektor Kesehatan."
