"""A room upvoting a speaker's questions at once: with a tally interval,
an upvote's transaction stores the upvote only, and the session's new counts
reach every screen as one `questions.voted` a batch, not one an upvote; every
phone, live or replayed, ends on the counts in the database, and each phone's
own upvotes are right."""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import events_of
from workshop.extensions import db, socketio
from workshop.questions.models import Question

INTERVAL = 0.3
PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "PROTOCOL.md"
NAMES = ("Andi", "Budi", "Citra", "Dewi", "Eka", "Fajar")


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"TALLY_INTERVAL": INTERVAL}


@pytest.fixture
def room(question_room):
    """A question session as the current step; the facilitator, the projector and six
    phones connected; the first three phones have asked a question each."""
    opened = question_room(NAMES)
    staff, projector, phones = opened["staff"], opened["projector"], opened["phones"]
    asked = [
        sock.emit(
            "question:ask",
            {"client_id": f"q-{uuid.uuid4().hex}", "text": f"Pertanyaan {n}"},
            callback=True,
        )
        for n, sock in enumerate(phones[:3])
    ]
    assert all(reply["ok"] for reply in asked), asked
    socketio.sleep(0)
    for sock in [staff, projector, *phones]:
        sock.get_received()
    return {**opened, "questions": [reply["question"]["id"] for reply in asked]}


def upvote(sock: Any, question_id: int, up: bool = True) -> dict[str, Any]:
    reply: dict[str, Any] = sock.emit(
        "question:upvote", {"question_id": question_id, "up": up}, callback=True
    )
    assert reply["ok"], reply
    return reply


def shown_counts(events: list[dict[str, Any]]) -> dict[int, int]:
    """The counts a page shows after these `questions.voted`, applied in order."""
    shown: dict[int, int] = {}
    for event in events:
        shown.update({int(qid): votes for qid, votes in event["data"]["votes"].items()})
    return shown


def state_of(sock: Any, sector: int | None) -> dict[str, Any]:
    reply = sock.emit("sync", {"since": None, "sector_id": sector}, callback=True)
    assert reply["ok"], reply
    state: dict[str, Any] = reply["snapshot"]["activities"]["questions"]
    return state


def test_a_storm_of_upvotes_reaches_each_screen_as_few_batches_of_exact_counts(room, app):
    phones, questions, sector = room["phones"], room["questions"], room["sector"]
    since = phones[0].emit("sync", {"sector_id": sector}, callback=True)["seq"]
    # Every phone upvotes every question it did not ask, in three waves a third of
    # an interval apart (a room tapping within a second); then two take one back.
    mine: dict[int, set[int]] = {n: set() for n in range(len(phones))}
    pairs = [(n, q) for n, q in itertools.product(range(len(phones)), questions)]
    pairs = [(n, q) for n, q in pairs if n >= 3 or questions[n] != q]
    waves = [pairs[i::3] for i in range(3)]
    for wave in waves:
        for n, qid in wave:
            assert upvote(phones[n], qid)["up"] is True
            mine[n].add(qid)
        socketio.sleep(INTERVAL / 3)
    back = upvote(phones[4], questions[0], up=False)
    assert back["up"] is False
    mine[4].discard(questions[0])
    upvote(phones[5], questions[1], up=False)
    mine[5].discard(questions[1])
    upvotes = len(pairs) + 2
    socketio.sleep(3 * INTERVAL)  # the last batch, one interval on

    expected = {q: sum(q in held for held in mine.values()) for q in questions}
    assert expected == {questions[0]: 4, questions[1]: 4, questions[2]: 5}
    for sock in [room["staff"], room["projector"], *phones]:
        got = events_of(sock, "questions.voted")
        assert 1 <= len(got) < upvotes / 3, f"{len(got)} messages for {upvotes} upvotes"
        assert [e["seq"] for e in got] == sorted(e["seq"] for e in got)
        assert all(e["data"]["phase_id"] == room["phase_id"] for e in got)
        assert shown_counts(got) == expected
    for n, sock in enumerate(phones):
        state = state_of(sock, sector)
        assert set(state["my_upvotes"]) == mine[n], NAMES[n]
        shown = {q["id"]: q for q in state["questions"]}
        assert {q: shown[q]["votes"] for q in questions} == expected
        # "upvote" offered on the others' questions, not on one's own.
        for qid in questions:
            offered = "upvote" in shown[qid]["actions"]
            assert offered == (n >= 3 or questions[n] != qid), (NAMES[n], qid)
    # The column follows the batches; the event log holds them, for a phone that
    # catches up after a reconnect.
    with app.app_context():
        stored = dict(db.session.execute(select(Question.id, Question.votes)).all())
    assert stored == expected
    replay = phones[0].emit("sync", {"since": since, "sector_id": sector}, callback=True)
    assert replay["mode"] == "events"
    assert shown_counts([e for e in replay["events"] if e["type"] == "questions.voted"]) == (
        expected
    )


def test_an_upvote_is_acknowledged_with_its_count_and_a_quiet_one_is_sent_at_once(room, app):
    budi, dewi = room["phones"][1], room["phones"][3]
    first = room["questions"][0]
    reply = upvote(budi, first)
    assert reply == {"ok": True, "question_id": first, "votes": 1, "up": True}
    assert events_of(dewi, "questions.voted") == []  # not in the upvote's transaction
    # Before its batch, a snapshot counts it already (it counts the rows).
    waiting = {q["id"]: q["votes"] for q in state_of(dewi, room["sector"])["questions"]}
    assert waiting[first] == 1
    with app.app_context():
        assert db.session.get(Question, first).votes == 0  # the column waits for the batch
    got: list[dict[str, Any]] = []
    for _ in range(10):  # up to a third of the interval
        socketio.sleep(INTERVAL / 30)
        got += events_of(dewi, "questions.voted")
        if got:
            break
    assert [e["data"] for e in got] == [{"phase_id": room["phase_id"], "votes": {str(first): 1}}]
    assert upvote(dewi, first)["votes"] == 2
    assert upvote(budi, first, up=False) == {
        "ok": True,
        "question_id": first,
        "votes": 1,
        "up": False,
    }
    # Taking back an upvote one does not hold changes nothing, and is answered so.
    assert upvote(budi, first, up=False)["votes"] == 1
    socketio.sleep(2 * INTERVAL)
    assert shown_counts(events_of(dewi, "questions.voted")) == {first: 1}
    assert state_of(budi, room["sector"])["my_upvotes"] == []
    assert state_of(dewi, room["sector"])["my_upvotes"] == [first]


def test_a_refused_upvote_marks_nothing(room):
    andi, budi = room["phones"][:2]
    first = room["questions"][0]
    own = andi.emit("question:upvote", {"question_id": first}, callback=True)
    assert own["error"]["code"] == "forbidden"
    upvote(budi, first)
    again = budi.emit("question:upvote", {"question_id": first}, callback=True)
    assert again["error"]["code"] == "invalid"
    socketio.sleep(3 * INTERVAL)
    assert shown_counts(events_of(room["staff"], "questions.voted")) == {first: 1}


def test_a_question_hidden_before_its_batch_is_not_named_to_the_room(room):
    staff, budi = room["staff"], room["phones"][1]
    first, second = room["questions"][:2]
    upvote(budi, first)
    upvote(room["phones"][3], second)
    hidden = staff.emit(
        "question:moderate", {"question_id": first, "action": "hide"}, callback=True
    )
    assert hidden["ok"] and hidden["question"]["votes"] == 1  # counted, though not yet batched
    assert events_of(staff, "questions.updated")[0]["data"]["votes"] == 1
    socketio.sleep(2 * INTERVAL)
    for sock in (staff, room["projector"], budi):
        assert shown_counts(events_of(sock, "questions.voted")) == {second: 1}
    assert first not in {q["id"] for q in state_of(budi, room["sector"])["questions"]}
    assert state_of(staff, None)["questions"][0]["votes"] == 1


def test_the_protocol_documents_the_batch():
    row = next(line for line in PROTOCOL.read_text().splitlines() if "| `questions.voted`" in line)
    assert "{phase_id, votes: {" in row and "batch" in row
