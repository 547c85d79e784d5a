"""The signed attendance in the Word report's annex (read with python-docx, and
printed by LibreOffice as a user's office would), and in the JSON backup."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from tests.attendance.helpers import data_url, png
from tests.exports.test_documents import convert, flat
from workshop.attendance import services
from workshop.attendance.models import Signature
from workshop.attendance.services import Signer
from workshop.core.models import Participant, Workshop
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.exports.services import export
from workshop.extensions import db
from workshop.facilitation.services import save_phase, set_days, set_phase
from workshop.realtime.broadcast import commit_and_broadcast

PEOPLE = 34  # enough rows for the first day's list to run over two pages


def signed_workshop(make_workshop) -> int:
    """Two days; 34 participants sign on day 1 with a speaker and a committee
    member, and two participants on day 2."""
    made = make_workshop(date=dt.date(2026, 12, 7))
    workshop = db.session.get(Workshop, made.id)
    set_days(workshop, 2)
    first = save_phase(workshop, {"kind": "attendance", "day": 1})
    second = save_phase(workshop, {"kind": "attendance", "day": 2})
    set_phase(workshop, first.id)
    people = []
    for n in range(PEOPLE):
        person = Participant(
            workshop_id=workshop.id,
            name=f"Peserta Nomor {n + 1:02}",
            agency="Dinas Kependudukan dan Pencatatan Sipil",
            position="Analis Kebijakan",
            sector_id=made.sector_ids[0],
        )
        db.session.add(person)
        people.append(person)
    db.session.flush()
    for n, person in enumerate(people):
        sign(workshop, Signer("participant", person), person.name, size=(600 + n, 200))
    sign(workshop, Signer("speaker"), "Dr. Narasumber Satu", size=(900, 300))
    sign(workshop, Signer("committee"), "Panitia Satu", size=(400, 120))
    set_phase(workshop, second.id)
    for person in people[:2]:
        sign(workshop, Signer("participant", person), person.name)
    commit_and_broadcast()
    return made.id


def sign(workshop, signer, name, size=(600, 200)):
    payload = {"name": name, "agency": "Setda", "position": "Staf", "image": data_url(png(size))}
    if signer.participant is not None:
        payload["agency"] = signer.participant.agency
        payload["position"] = signer.participant.position
    services.sign(workshop, signer, payload)


@pytest.fixture
def report_of(app, make_workshop):
    with app.app_context():
        workshop = db.session.get(Workshop, signed_workshop(make_workshop))
        yield workshop, export(workshop, "docx").content


def annex_tables(doc):
    """The signed lists' tables."""
    header = ["No.", "Nama", "Instansi", "Jabatan", "Tanda tangan"]
    return [t for t in doc.tables if [c.text for c in t.rows[0].cells] == header]


def test_the_annex_lists_each_day_with_the_signatures_in_the_cells(report_of):
    _, content = report_of
    doc = Document(io.BytesIO(content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    # The signed lists stand for the list to sign on paper: the matrix is annex 1.
    assert "Lampiran 1. Daftar hadir" not in headings
    assert "Lampiran 2. Daftar hadir hari ke-1 (7 Desember 2026)" in headings
    assert "Lampiran 3. Daftar hadir hari ke-2 (8 Desember 2026)" in headings
    tables = annex_tables(doc)
    # Day 1: participants, speakers, committee; day 2: participants.
    assert [len(t.rows) - 1 for t in tables] == [PEOPLE, 1, 1, 2]
    assert [c.text for c in tables[0].rows[0].cells] == [
        "No.",
        "Nama",
        "Instansi",
        "Jabatan",
        "Tanda tangan",
    ]
    assert [c.text for c in tables[0].rows[1].cells[:4]] == [
        "1",
        "Peserta Nomor 01",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Analis Kebijakan",
    ]
    assert tables[1].rows[1].cells[1].text == "Dr. Narasumber Satu"
    for table in tables:
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None, "the header row repeats"
        for row in table.rows[1:]:
            pictures = row.cells[-1]._tc.findall(".//" + qn("pic:pic"))
            assert len(pictures) == 1, "a signature picture in the cell"
    sections = doc.sections
    assert sections[-1].page_width < sections[-1].page_height, "A4 portrait again"
    assert round(sections[-1].page_width.cm, 1) == 21.0


def test_the_printed_annex_repeats_its_header_and_shows_the_signatures(report_of, tmp_path):
    _, content = report_of
    source = tmp_path / "laporan.docx"
    source.write_bytes(content)
    (pdf_file,) = convert([source], tmp_path / "pdf", tmp_path / "profile")
    pdf = PdfReader(pdf_file)
    pages = [flat(page.extract_text()) for page in pdf.pages]
    first = next(i for i, p in enumerate(pages) if "Daftar hadir hari ke-1" in p)
    last = next(i for i, p in enumerate(pages) if "Daftar hadir hari ke-2" in p)
    assert last - first >= 2, "the first day's list runs over two pages"
    for i in range(first, last + 1):
        page = pdf.pages[i]
        assert float(page.mediabox.width) < float(page.mediabox.height), "portrait"
        assert "Tanda tangan" in pages[i], f"the header row on page {i + 1}"
        assert len(page.images) >= 1, f"signatures drawn on page {i + 1}"
    assert "Peserta Nomor 34" in " ".join(pages[first:last])
    assert "Panitia Satu" in " ".join(pages[first:last])


def test_the_backup_carries_days_and_signatures_and_refuses_a_garbage_picture(report_of):
    workshop, _ = report_of
    saved = document(workshop)
    assert saved["workshop"]["days"] == 2
    assert [p["day"] for p in saved["phases"]][-2:] == [1, 2]
    assert len(saved["attendance"]) == PEOPLE + 4
    copy = import_workshop(saved).workshop
    db.session.flush()
    again = document(copy)
    assert again["workshop"]["days"] == 2
    strip = lambda rows: [{k: v for k, v in r.items() if k != "image"} for r in rows]  # noqa: E731
    assert strip(again["attendance"]) == strip(saved["attendance"])
    assert db.session.query(Signature).filter_by(workshop_id=copy.id).count() == PEOPLE + 4
    saved["attendance"][0]["image"] = "bm90IGEgcGljdHVyZQ=="
    with pytest.raises(Exception) as refused:
        import_workshop(saved)
    assert "PNG" in str(refused.value)
