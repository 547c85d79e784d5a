"""Answers that arrive at the same instant, each on its own connection and
transaction: every phone counted once, and the last count broadcast is the
count stored (on SQLite, and on PostgreSQL where the poll row is locked)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from tests.conftest import BASE_CONFIG
from workshop import create_app
from workshop.core.errors import DomainError
from workshop.core.models import Participant, Workshop
from workshop.dbwrites import writing
from workshop.extensions import db
from workshop.facilitation.services import save_phase, set_phase
from workshop.polls.models import PollAnswer
from workshop.polls.services import answer_poll, answer_wordcloud, save_poll
from workshop.realtime.broadcast import commit_and_broadcast, rollback
from workshop.realtime.models import Event
from workshop.workshops.services import create_workshop

PHONES = 12


def room(app: Flask) -> tuple[int, int, list[int]]:
    """A workshop whose current step is a poll of two options, and PHONES phones."""
    with app.app_context():
        workshop = create_workshop("Bimtek").workshop
        phase = save_phase(workshop, {"name": "Polling", "kind": "poll"})
        set_phase(workshop, phase.id)
        save_poll(workshop, {"phase_id": phase.id, "options": [{"text": "A"}, {"text": "B"}]})
        people = [
            Participant(workshop_id=workshop.id, name=f"P{i}", agency="Dinas")
            for i in range(PHONES)
        ]
        db.session.add_all(people)
        commit_and_broadcast()
        return workshop.id, phase.id, [p.id for p in people]


def at_once(
    app: Flask, workshop_id: int, sends: list[tuple[int, int, str]], cloud: bool = False
) -> list[str]:
    """One thread a (phase, participant, client id), all answering option 1 or 2 (or,
    for a word cloud, one of two words) at once."""
    barrier = threading.Barrier(len(sends))
    outcomes: list[str] = []

    def send(phase_id: int, person_id: int, client_id: str, choice: int) -> None:
        with app.app_context(), writing():
            barrier.wait()
            try:
                workshop = db.session.get(Workshop, workshop_id)
                who = db.session.get(Participant, person_id)
                if cloud:
                    text = ("antrean", "calo")[choice - 1]
                    payload = {"phase_id": phase_id, "text": text, "client_id": client_id}
                    answer_wordcloud(workshop, who, payload)
                else:
                    payload = {"phase_id": phase_id, "choice": choice, "client_id": client_id}
                    answer_poll(workshop, who, payload)
                commit_and_broadcast()
                outcomes.append("ok")
            except DomainError as err:
                rollback()
                outcomes.append(err.code)

    threads = [
        threading.Thread(target=send, args=(*item, 1 + n % 2)) for n, item in enumerate(sends)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def check(app: Flask) -> None:
    workshop_id, phase_id, people = room(app)
    sends = [(phase_id, person, f"burst-{person}-first") for person in people]
    # Half the phones send again at the same instant: the same id (a retry) or a new one.
    sends += [(phase_id, person, f"burst-{person}-first") for person in people[: PHONES // 4]]
    sends += [(phase_id, person, f"burst-{person}-again") for person in people[-PHONES // 4 :]]
    assert set(at_once(app, workshop_id, sends)) == {"ok"}
    with app.app_context():
        rows = db.session.scalars(select(PollAnswer)).all()
        assert sorted(r.participant_id for r in rows) == sorted(people), "each phone once"
        stored = {str(c): sum(1 for r in rows if r.choice == c) for c in (1, 2)}
        last = db.session.scalars(
            select(Event).where(Event.type == "poll.counted").order_by(Event.seq.desc())
        ).first()
        assert last is not None
        assert last.data["counts"] == {k: v for k, v in stored.items() if v}
        assert last.data["total"] == PHONES


def first_words(app: Flask) -> None:
    """The first answers to a word cloud nobody edited arrive at the same instant: its
    poll row is made once and no phone is refused (none gets `internal`)."""
    with app.app_context():
        workshop = create_workshop("Bimtek").workshop
        phase = save_phase(workshop, {"name": "Awan kata", "kind": "wordcloud"})
        set_phase(workshop, phase.id)
        people = [
            Participant(workshop_id=workshop.id, name=f"P{i}", agency="Dinas")
            for i in range(PHONES)
        ]
        db.session.add_all(people)
        commit_and_broadcast()
        workshop_id, phase_id, ids = workshop.id, phase.id, [p.id for p in people]
    sends = [(phase_id, person, f"cloud-{person}-first") for person in ids]
    assert at_once(app, workshop_id, sends, cloud=True) == ["ok"] * PHONES
    with app.app_context():
        rows = db.session.scalars(select(PollAnswer)).all()
        assert sorted(r.participant_id for r in rows) == sorted(ids), "each phone once"
        assert len({r.poll_id for r in rows}) == 1, "one poll row"


def test_a_burst_counts_each_phone_once(app):
    check(app)


def test_the_first_answers_to_a_word_cloud_at_once(app):
    first_words(app)


@pytest.fixture
def pg_app(
    postgres_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Flask]:
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path / "instance"))
    application = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": postgres_database})
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        db.engine.dispose()


def test_a_burst_counts_each_phone_once_on_postgresql(pg_app):
    check(pg_app)


def test_the_first_answers_to_a_word_cloud_at_once_on_postgresql(pg_app):
    first_words(pg_app)
