"""Each export opened with the library a user's program would use, and checked
against the workshop: Indonesian text, emoji, long text, formula-like text, an
empty sector, anonymous mode, the workshop's language."""

from __future__ import annotations

import csv
import io
import json

import pytest
from docx import Document
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import load_workbook

from workshop.core.models import Workshop
from workshop.exports.services import export

from .conftest import EMOJI, FORMULA, INDONESIAN, LONG, MINUS, SOLUTION


def workbook(workshop):
    return load_workbook(io.BytesIO(export(workshop, "xlsx").content))


def texts(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_workbook_has_summary_sector_sheets_and_the_matrix(sample):
    made, workshop = sample
    book = workbook(workshop)
    names = book.sheetnames
    assert names[0] == "Ringkasan"
    # Only the sectors with bottlenecks have a sheet; the matrix's three parts come last.
    assert names[1:] == [
        "Kesehatan",
        "Administrasi Kependudukan",
        "Tindak lanjut",
        "Matriks (1) Analisis",
        "Matriks (2) Rencana aksi",
        "Matriks (3) Tindak lanjut",
    ]
    assert made.empty_sector not in names
    analysis, plan = book["Matriks (1) Analisis"], book["Matriks (2) Rencana aksi"]
    header = [c.value for c in analysis[1]]
    assert header[:4] == ["No.", "Sektor/OPD", "Jenis layanan", "Sumbatan"]
    for sheet in (analysis, plan):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.bold
    assert analysis.column_dimensions["D"].width >= 5 * analysis.column_dimensions["A"].width
    rows = [
        dict(zip(header, (c.value for c in row), strict=True))
        for row in analysis.iter_rows(min_row=2)
    ]
    ktp = next(r for r in rows if r["Sumbatan"] == INDONESIAN)
    assert (ktp["U"], ktp["S"], ktp["G"], ktp["Total"], ktp["Peringkat"]) == (5, 5, 4, 14, 1)
    assert isinstance(ktp["Total"], int), "numbers are stored as numbers"
    assert ktp["Sektor/OPD"] == "Administrasi Kependudukan / Disdukcapil"
    assert any(r["Sumbatan"] == EMOJI for r in rows)
    assert any(r["Sumbatan"] == LONG.strip() for r in rows)
    assert not any(r["Sumbatan"] == "Kartu tersembunyi" for r in rows), "hidden cards stay out"
    header = [c.value for c in plan[1]]
    assert "Alternatif solusi/ide inovasi" in header and "Penanggung jawab" in header
    plans = [
        dict(zip(header, (c.value for c in row), strict=True)) for row in plan.iter_rows(min_row=2)
    ]
    bola = next(r for r in plans if r["Alternatif solusi/ide inovasi"] == SOLUTION)
    assert bola["Langkah kegiatan"] == "Uji coba di 2 desa"
    assert bola["No. sumbatan"] == ktp["No."], "the plan names its bottleneck's row"


def test_formula_like_text_is_kept_as_text_in_the_workbook(sample):
    _made, workshop = sample
    book = workbook(workshop)
    sheet = book["Administrasi Kependudukan"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert cells, "the text is there, exactly as typed"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    minus = [c for row in book["Kesehatan"].iter_rows() for c in row if c.value == MINUS]
    assert minus and minus[0].data_type == "s"


def test_the_summary_counts_sectors_and_categories(sample):
    made, workshop = sample
    sheet = workbook(workshop)["Ringkasan"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r and r[0] == "Sektor")
    adminduk = next(r for r in rows if r and r[0] == "Administrasi Kependudukan")
    counts = dict(zip(header, adminduk, strict=False))
    assert (counts["Peserta"], counts["Sumbatan"], counts["Solusi"]) == (1, 3, 1)
    assert (counts["U4 Biaya/tarif (pungli, calo)"], counts["U1 Persyaratan"]) == (1, 1)
    empty = next(r for r in rows if r and r[0] == made.empty_sector)
    assert empty[2] == 0


def test_csv_opens_in_excel_dialect_with_a_byte_order_mark(sample):
    _made, workshop = sample
    raw = export(workshop, "csv").content
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("No.;Sektor;Jenis;"), "semicolons, as Indonesian Excel"
    rows = list(csv.reader(io.StringIO(text), dialect="excel", delimiter=";"))
    header = rows[0]
    assert header[:3] == ["No.", "Sektor", "Jenis"]
    by_text = {r[header.index("Teks")]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    ktp = by_text[INDONESIAN]
    assert (ktp["Penulis"], ktp["Suara"], ktp["Total"]) == ("Andi Rahmawati", "2", "14")
    assert by_text[EMOJI]["Jenis"] == "Sumbatan"
    assert "'" + FORMULA in by_text, "formula neutralised with a leading apostrophe"
    assert "'" + MINUS in by_text
    assert "'@Nomor antrean via WhatsApp" in by_text
    assert by_text[SOLUTION]["Jenis"] == "Solusi"


def test_an_english_workshop_gets_a_comma_separated_csv(app, make_workshop):
    made = make_workshop(language="en")
    with app.app_context():
        raw = export(Workshop.by_code(made.code), "csv").content
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("No.,Sector,Kind,")


def test_anonymous_mode_leaves_authors_out_of_every_export(anonymous_sample):
    _made, workshop = anonymous_sample
    for fmt in ("xlsx", "csv", "json", "docx", "html"):
        content = export(workshop, fmt).content
        if fmt in ("xlsx", "docx"):
            loaded = (
                load_workbook(io.BytesIO(content))
                if fmt == "xlsx"
                else Document(io.BytesIO(content))
            )
            text = (
                "\n".join(
                    str(c.value) for ws in loaded.worksheets for row in ws.iter_rows() for c in row
                )
                if fmt == "xlsx"
                else texts(loaded)
            )
        else:
            text = content.decode("utf-8-sig")
        if fmt == "json":
            cards = json.loads(text)["cards"]
            assert all(card["author"] is None for card in cards)
        elif fmt in ("docx", "html"):
            # The attendance list keeps the names; authorship is not shown anywhere else.
            assert "Andi Rahmawati (Disdukcapil)" not in text
        else:
            assert "Andi Rahmawati" not in text, fmt


def test_the_word_report_follows_the_outline(sample):
    _made, workshop = sample
    doc = Document(io.BytesIO(export(workshop, "docx").content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    with force_locale("id"):
        follow_up = _("B. Follow-up")  # "B. Tindak lanjut", once translated
    for expected in (
        "Laporan Kegiatan",
        "I. Pendahuluan",
        "A. Dasar",
        "B. Maksud dan tujuan",
        "B. Peserta",
        "C. Narasumber",
        "III. Hasil",
        "B. Prioritas",
        "C. Ide inovasi",
        follow_up,
        "Lampiran 1. Daftar hadir",
        "Lampiran 2. Matriks rencana aksi",
    ):
        assert expected in headings, expected
    body = texts(doc)
    assert INDONESIAN in body and EMOJI in body and SOLUTION in body
    assert "Dr. Andi Mappaseling, Biro Organisasi" in body
    assert "Tidak ada sumbatan yang dicatat untuk sektor ini." in body  # the empty sector
    assert len(doc.inline_shapes) == 1, "the votes-per-sector chart"
    attendance = next(t for t in doc.tables if t.rows[0].cells[1].text == "Nama")
    assert [c.text for c in attendance.rows[1].cells][1:3] == ["Andi Rahmawati", "Disdukcapil"]


def test_kipp_drafts_follow_the_section_order_with_weights(sample):
    _made, workshop = sample
    doc = Document(io.BytesIO(export(workshop, "kipp", top=1).content))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "1. Ringkasan",
        "2. Latar belakang dan tujuan (bobot 10%)",
        "3. Kebaruan/nilai tambah (bobot 15%)",
        "4. Implementasi (bobot 5%)",
        "5. Signifikansi (bobot 30%)",
        "6. Adaptabilitas (bobot 20%)",
        "7. Sumber daya (bobot 5%)",
        "8. Strategi keberlanjutan (bobot 15%)",
    ]
    body = texts(doc)
    assert SOLUTION in body, "the best-voted solution is the one drafted"
    assert "Uji coba di 2 desa" in body and "100 KTP/bulan" in body and "APBD" in body
    assert INDONESIAN in body
    summary = doc.paragraphs[[p.text for p in doc.paragraphs].index(headings[0]) + 2].text
    assert len(summary.split()) <= 200


def test_exports_follow_the_workshops_language(app):
    from .conftest import build_sample

    with app.app_context():
        made = build_sample(language="en")
        from workshop.extensions import db

        workshop = db.session.get(Workshop, made.workshop_id)
        book = workbook(workshop)
        assert book.sheetnames[0] == "Summary"
        header = [c.value for c in book["Matrix (1) Analysis"][1]]
        assert header[3] == "Bottleneck"
        doc = Document(io.BytesIO(export(workshop, "docx").content))
        assert doc.paragraphs[0].text == "Activity report"


def test_the_html_report_prints_and_escapes(sample):
    _made, workshop = sample
    html = export(workshop, "html").content.decode()
    assert "@media print" in html and "<style>" in html
    assert INDONESIAN in html and EMOJI in html
    assert "&lt;" not in INDONESIAN


@pytest.mark.parametrize(
    "fmt", ["xlsx", "csv", "json", "docx", "kipp", "html", "iid", "attendance"]
)
def test_the_facilitator_downloads_every_format_at_any_time(
    app, make_workshop, facilitator, phone, fmt
):
    ws = make_workshop()
    laptop = facilitator(ws)
    response = laptop.get(f"/w/{ws.code}/export/{fmt}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith(
        "inline" if fmt == "html" else "attachment"
    )
    assert phone(ws).get(f"/w/{ws.code}/export/{fmt}").status_code == 403


def test_the_html_report_is_allowed_only_its_own_stylesheet(app, make_workshop, facilitator):
    import base64
    import hashlib
    import re

    ws = make_workshop()
    response = facilitator(ws).get(f"/w/{ws.code}/export/html")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", response.get_data(as_text=True), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp, "the browser applies exactly this stylesheet"
    assert "&#34;" not in style and '"Noto Sans"' in style


def test_the_facilitator_page_links_every_document(app, make_workshop, facilitator):
    ws = make_workshop()
    html = facilitator(ws).get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    for fmt in ("xlsx", "docx", "html", "csv", "json", "kipp", "iid", "attendance"):
        assert f"/w/{ws.code}/export/{fmt}" in html
    assert 'name="speakers"' in html, "speakers are entered where the details are"


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        (
            "Sosialisasi dan Bimbingan Teknis Inovasi Pelayanan Publik",
            "sosialisasi-dan-bimbingan-teknis-inovasi",
        ),
        ("Bimtek", "bimtek"),
        ("😀 !!", "workshop"),
        ("a" * 60, "a" * 40),
    ],
)
def test_export_file_names_end_on_a_whole_word(app, make_workshop, title, stem):
    made = make_workshop(title=title)
    with app.app_context():
        name = export(Workshop.by_code(made.code), "xlsx").filename
    assert name.endswith(f"-{stem}-{made.code}.xlsx"), name
