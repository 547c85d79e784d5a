"""The fast path (core/fastpath.py): the workshop of an event comes with its
current phase in one statement, and that phase follows `phase_id`."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from workshop.boards.services import post_card
from workshop.core import fastpath
from workshop.core.errors import DomainError
from workshop.extensions import db
from workshop.participants.services import join
from workshop.workshops.services import create_workshop


@pytest.fixture
def ids(app):
    """(workshop id, sector id, participant id, {phase kind: phase id}), committed."""
    with app.app_context():
        workshop = create_workshop("Bimtek").workshop
        phases = {p.kind: p.id for p in workshop.phases}
        workshop.phase_id = phases["identify"]
        sector = workshop.active_sectors[0]
        author = join(workshop, name="Andi", agency="Dinkes", position=None, sector_id=sector.id)
        db.session.commit()
        yield workshop.id, sector.id, author.id, phases
        db.session.remove()


def statements_of(action):
    found = []

    def record(_conn, _cursor, statement, *_args):
        found.append(statement.split()[0].upper())

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return found


def test_an_events_workshop_brings_its_current_phase_in_the_same_statement(ids):
    workshop_id, _sector_id, _author_id, phases = ids
    db.session.expunge_all()
    read = {}

    def load():
        workshop = fastpath.workshop_by_id(workshop_id)
        read["phase"] = workshop.phase.id
        read["open"] = workshop.open_phase.id
        read["closed"] = workshop.closed_for(workshop.sector(_sector_id), "bottleneck")

    assert statements_of(load) == ["SELECT", "SELECT"]  # the workshop with its phase; the sector
    assert read == {"phase": phases["identify"], "open": phases["identify"], "closed": None}


def test_the_posting_rules_see_a_phase_changed_in_the_same_transaction(ids):
    workshop_id, sector_id, author_id, phases = ids
    db.session.expunge_all()
    workshop = fastpath.workshop_by_id(workshop_id)
    author = fastpath.participant_by_id(author_id)
    assert workshop.phase.kind == "identify"
    workshop.phase_id = phases["vote"]
    assert workshop.phase.kind == "vote"
    payload = {"kind": "bottleneck", "sector_id": sector_id, "text": "Antrean"}
    with pytest.raises(DomainError) as refused:
        post_card(workshop, author, {**payload, "client_id": "client-0001"})
    assert refused.value.code == "forbidden"
    workshop.phase_id = phases["identify"]
    assert post_card(workshop, author, {**payload, "client_id": "client-0002"}).created
