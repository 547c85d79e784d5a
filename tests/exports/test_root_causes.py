"""Root causes in the filed documents: the Word report's fishbones and cause lists,
the matrix's "Penyebab" column, the KIPP background, and the JSON round trip.
Built from the demo workshop, whose first bottleneck of each board has causes."""

from __future__ import annotations

import csv
import io
import json

import docx
import openpyxl
import pytest

from tests.exports.test_filed_documents import body_pictures
from workshop.core.models import Workshop
from workshop.demo.loader import create_demo
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.exports.services import export
from workshop.extensions import db
from workshop.realtime.unit import unit_of_work

ROOT = "Permintaan blanko ke Ditjen Dukcapil baru diajukan setelah stok habis"


@pytest.fixture(scope="module")
def demo_id(module_app):
    """The demo workshop, built once: these tests read it (the round trip imports
    a copy beside it and leaves it as it was)."""
    with module_app.app_context():
        with unit_of_work():
            created = create_demo()
        return created.workshop.id


@pytest.fixture
def demo(module_app, demo_id):
    with module_app.app_context():
        yield db.session.get(Workshop, demo_id)


def test_the_report_draws_a_fishbone_and_lists_causes_per_analysed_bottleneck(demo):
    report = docx.Document(io.BytesIO(export(demo, "docx").content))
    headings = [p.text for p in report.paragraphs if p.style.name.startswith("Heading")]
    assert "E. Akar masalah" in headings
    analysed = [h for h in headings if h.startswith("Administrasi Kependudukan: ")]
    assert len(analysed) == 1
    texts = [p.text for p in report.paragraphs]
    assert any(ROOT in t and "(akar masalah)" in t for t in texts)
    assert any(t.startswith("Mesin/Sarana: Jaringan SIAK") for t in texts)
    # One picture for the votes, one fishbone per analysed bottleneck (six boards).
    assert len(body_pictures(report)) == 1 + 6


def test_the_matrix_lists_root_causes_as_penyebab(demo):
    book = openpyxl.load_workbook(io.BytesIO(export(demo, "xlsx").content))
    sheet = book["Matriks (1) Analisis"]
    header = [c.value for c in sheet[1]]
    column = header.index("Penyebab")
    causes = [row[column].value for row in sheet.iter_rows(min_row=2) if row[column].value]
    assert any(ROOT in value for value in causes)
    assert not any("Jaringan SIAK sering down" in value for value in causes), "not a root cause"


def test_the_csv_and_kipp_drafts_carry_causes(demo):
    rows = list(
        csv.reader(io.StringIO(export(demo, "csv").content.decode("utf-8-sig")), delimiter=";")
    )
    kinds = {row[2] for row in rows[1:]}
    assert {"Sumbatan", "Penyebab", "Akar masalah"} <= kinds
    proposal = docx.Document(io.BytesIO(export(demo, "kipp", top=50).content))
    assert any("Akar masalah: " in p.text for p in proposal.paragraphs)


def test_causes_round_trip_through_json(demo):
    original = document(demo)
    causes = [c for c in original["cards"] if c["kind"] == "cause"]
    assert len(causes) >= 20 and any(c["root"] for c in causes)
    assert max(c["depth"] for c in causes) == 3
    with unit_of_work():
        copy = import_workshop(json.loads(json.dumps(original)))
    again = document(db.session.get(Workshop, copy.workshop.id))
    strip = ("exported_at", "created_at")

    def comparable(doc):
        doc = json.loads(json.dumps(doc))
        doc.pop(strip[0])
        for card in doc["cards"]:
            card.pop(strip[1])
        return doc

    assert comparable(again) == comparable(original)
    assert again["workshop"]["bones"] == original["workshop"]["bones"]
