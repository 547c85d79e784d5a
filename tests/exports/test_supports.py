"""Supports ("+1" on a card instead of a duplicate, issue 26) in the report, the
workbook and the backup: counted where the votes are, restored by import."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from workshop.boards.services import post_card
from workshop.core.cards import Card
from workshop.core.models import Workshop
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.exports.services import export
from workshop.extensions import db
from workshop.participants.services import join
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.voting.support import support_card
from workshop.workshops.services import create_workshop

TEXT = "Antrean perekaman KTP-el sampai 3 jam"


@pytest.fixture
def supported(app):
    """A card posted by Andi and supported by Budi and Citra."""
    with app.app_context():
        workshop = create_workshop("Bimtek dukungan").workshop
        workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "identify")
        sector = workshop.active_sectors[3]
        people = [
            join(workshop, name=name, agency="Disdukcapil", position=None, sector_id=sector.id)
            for name in ("Andi", "Budi", "Citra")
        ]
        payload = {"client_id": "supports-1", "kind": "bottleneck", "sector_id": sector.id}
        card = post_card(workshop, people[0], {**payload, "text": TEXT}).card
        for person in people[1:]:
            assert support_card(workshop, person.id, card.id).added
        commit_and_broadcast()
        yield db.session.get(Workshop, workshop.id), sector.name


def test_the_workbook_and_the_report_count_the_supports(supported):
    workshop, sector = supported
    book = load_workbook(io.BytesIO(export(workshop, "xlsx").content))
    rows = [[c.value for c in row] for row in book[sector].iter_rows()]
    header = rows[0]
    row = dict(zip(header, next(r for r in rows if TEXT in r), strict=True))
    assert (row["Suara"], row["Dukungan"]) == (0, 2)
    report = Document(io.BytesIO(export(workshop, "docx").content))
    cells = [cell.text for table in report.tables for r in table.rows for cell in r.cells]
    assert "0 (+2 dukungan)" in cells


def test_the_backup_keeps_the_supports(supported):
    workshop, _sector = supported
    original = document(workshop)
    assert original["supports"] == [{"card": 1, "participant": 2}, {"card": 1, "participant": 3}]
    copy = import_workshop(json.loads(json.dumps(original)))
    commit_and_broadcast()
    restored = db.session.get(Workshop, copy.workshop.id)
    assert document(restored)["supports"] == original["supports"]
    card = db.session.scalars(select(Card).where(Card.workshop_id == restored.id)).one()
    assert card.supports == 2, "the count on the card comes back with the supports"


def test_the_backup_keeps_a_merged_card_s_supports_on_the_card_it_went_into(app):
    """Dewi supports a duplicate the facilitator then merges: the card it went
    into counts her, in the workshop and in its restored copy."""
    from workshop.moderation.services import merge_cards

    with app.app_context():
        workshop = create_workshop("Bimtek gabung").workshop
        workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "identify")
        sector = workshop.active_sectors[3]
        andi, budi, citra, dewi = (
            join(workshop, name=name, agency="Disdukcapil", position=None, sector_id=sector.id)
            for name in ("Andi", "Budi", "Citra", "Dewi")
        )
        payload = {"kind": "bottleneck", "sector_id": sector.id}
        kept = post_card(workshop, andi, {**payload, "client_id": "supports-m1", "text": TEXT}).card
        duplicate = post_card(
            workshop, budi, {**payload, "client_id": "supports-m2", "text": "antri e-KTP lama"}
        ).card
        assert support_card(workshop, citra.id, kept.id).added
        assert support_card(workshop, dewi.id, duplicate.id).added
        merge_cards(workshop, duplicate.id, kept.id)
        commit_and_broadcast()
        assert kept.supports == 2
        copy = import_workshop(json.loads(json.dumps(document(workshop))))
        commit_and_broadcast()
        cards = db.session.scalars(select(Card).where(Card.workshop_id == copy.workshop.id))
        assert {c.text: c.supports for c in cards} == {TEXT: 2, "antri e-KTP lama": 1}
