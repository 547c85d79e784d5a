"""The signed attendance lists (Daftar Hadir) as a document of their own (issue
30): what the accountability file (SPJ) files as it is, downloaded by the
facilitator alone, read with python-docx and printed by LibreOffice."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from tests.attendance.test_report import PEOPLE, annex_tables, signed_workshop
from tests.exports.test_documents import convert, flat
from workshop.core.models import Workshop
from workshop.exports.services import export
from workshop.extensions import db


def test_each_signed_day_is_its_own_list_with_every_signature(app, make_workshop):
    with app.app_context():
        workshop = db.session.get(Workshop, signed_workshop(make_workshop))
        result = export(workshop, "attendance")
        assert (
            result.filename == f"daftar-hadir-bimtek-inovasi-pelayanan-publik-{workshop.code}.docx"
        )
    doc = Document(io.BytesIO(result.content))
    titles = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert titles == ["Daftar hadir", "Daftar hadir"]
    texts = [p.text for p in doc.paragraphs]
    assert "Hari ke-1, 7 Desember 2026" in texts and "Hari ke-2, 8 Desember 2026" in texts
    # Day 1: participants, speaker, committee; day 2: two participants.
    tables = annex_tables(doc)
    assert [len(t.rows) - 1 for t in tables] == [PEOPLE, 1, 1, 2]
    for table in tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows[1:]:
            assert len(row.cells[-1]._tc.findall(".//" + qn("pic:pic"))) == 1
    assert len(doc.sections) == 2


def test_the_facilitator_downloads_it_and_a_phone_cannot(app, make_workshop, facilitator, phone):
    ws = make_workshop()
    laptop = facilitator(ws)
    page = laptop.get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    assert 'id="attendance-export"' in page and "Daftar hadir bertanda tangan" in page
    response = laptop.get(f"/w/{ws.code}/export/attendance")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('attachment; filename="daftar-hadir-')
    assert Document(io.BytesIO(response.data)).paragraphs[0].text == "Daftar hadir"
    assert phone(ws).get(f"/w/{ws.code}/export/attendance").status_code == 403
    assert app.test_client().get(f"/w/{ws.code}/export/attendance").status_code in (403, 404)


def test_without_signatures_one_page_says_none_was_signed(app, make_workshop, tmp_path):
    made = make_workshop(date=dt.date(2026, 12, 7), place="Aula Kantor Bupati")
    with app.app_context():
        content = export(db.session.get(Workshop, made.id), "attendance").content
    doc = Document(io.BytesIO(content))
    assert len(doc.sections) == 1 and not doc.tables
    texts = [p.text for p in doc.paragraphs]
    assert texts[:4] == [
        "Daftar hadir",
        "Bimtek Inovasi Pelayanan Publik",
        "7 Desember 2026",
        "Aula Kantor Bupati",
    ]
    assert texts[4].startswith("Tidak ada yang menandatangani daftar hadir di Urai")
    source = tmp_path / "hadir.docx"
    source.write_bytes(content)
    (pdf_file,) = convert([source], tmp_path / "pdf", tmp_path / "profile")
    pages = [flat(page.extract_text()) for page in PdfReader(pdf_file).pages]
    assert len(pages) == 1 and pages[0].startswith("DAFTAR HADIR")
    assert "lampiran laporan kegiatan" in pages[0]


def test_in_english_it_says_attendance_list(app, make_workshop):
    made = make_workshop(language="en", date=dt.date(2026, 12, 7))
    with app.app_context():
        workshop = db.session.get(Workshop, made.id)
        doc = Document(io.BytesIO(export(workshop, "attendance").content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Attendance list" and "7 December 2026" in texts
    assert texts[-1].startswith("Nobody signed the attendance in Urai")
