"""The organiser's file (issue 28, point 6): one zip with the activity report
and its annexes, the matrix, the KIPP drafts, the IID profiles and the signed
attendance lists, each file opening in the office program it is
meant for."""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from openpyxl import load_workbook

from tests.attendance.test_report import annex_tables, signed_workshop
from workshop.core.models import Workshop
from workshop.exports.services import export
from workshop.extensions import db

WINDOWS_FORBIDDEN = re.compile(r'[<>:"\\|?*]')


def test_the_zip_holds_the_report_with_its_signed_annex_and_the_other_documents(app, make_workshop):
    with app.app_context():
        workshop = db.session.get(Workshop, signed_workshop(make_workshop))
        made = export(workshop, "zip")
    assert made.mimetype == "application/zip" and made.filename.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(made.content))
    names = archive.namelist()
    assert [n.split("/", 1)[1] for n in names] == [
        "01 Laporan kegiatan.docx",
        "02 Matriks rencana aksi.xlsx",
        "03 Draf proposal KIPP.docx",
        "04 Profil inovasi IID.xlsx",
        "05 Daftar hadir.docx",
    ]
    for name in names:
        assert not WINDOWS_FORBIDDEN.search(name) and len(name) < 120, name
    report = Document(io.BytesIO(archive.read(names[0])))
    day_one = annex_tables(report)[0]
    assert len(day_one.rows) > 30, "the signed attendance is in the report inside the zip"
    assert day_one.rows[1]._tr.xpath(".//pic:pic"), "with the signature pictures"
    assert load_workbook(io.BytesIO(archive.read(names[1]))).sheetnames
    assert Document(io.BytesIO(archive.read(names[2]))).paragraphs
    assert load_workbook(io.BytesIO(archive.read(names[3]))).sheetnames
    lists = Document(io.BytesIO(archive.read(names[4])))
    assert len(lists.sections) == 2, "a list a signed day"
    assert [len(t.rows) - 1 for t in annex_tables(lists)] == [34, 1, 1, 2]


def test_only_the_facilitator_downloads_it_from_the_documents_tab(
    app, make_workshop, facilitator, phone
):
    ws = make_workshop()
    laptop = facilitator(ws)
    page = laptop.get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    assert f"/w/{ws.code}/export/zip" in page
    response = laptop.get(f"/w/{ws.code}/export/zip")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert zipfile.ZipFile(io.BytesIO(response.data)).testzip() is None
    assert phone(ws).get(f"/w/{ws.code}/export/zip").status_code == 403
