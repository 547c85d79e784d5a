"""Speakers' questions (issue 28, point 2): asking, upvoting, moderation, the
projector's highlight, answers; who sees what (the identity behind an anonymous
question reaches nobody but its author); replay after a reconnect."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import events_of
from workshop.extensions import db
from workshop.questions.models import Question


def cid() -> str:
    return f"q-{uuid.uuid4().hex}"


@pytest.fixture
def room(question_room):
    """A workshop whose current step is a speaker's question session, with the
    facilitator, the projector and three phones connected and synced."""
    opened = question_room(("Andi", "Budi", "Citra"))
    for sock in [opened["staff"], opened["projector"], *opened["phones"]]:
        sock.get_received()
    return opened


def ask(sock: Any, text: str, **extra: Any) -> dict[str, Any]:
    return sock.emit("question:ask", {"client_id": cid(), "text": text, **extra}, callback=True)


def questions_in(sock: Any) -> dict[int, dict[str, Any]]:
    """The questions a client holds after a fresh snapshot."""
    reply = sock.emit("sync", {"since": None, "sector_id": None}, callback=True)
    assert reply["ok"], reply
    return {q["id"]: q for q in reply["snapshot"]["activities"]["questions"]["questions"]}


def phone_questions(sock: Any, sector: int) -> dict[str, Any]:
    reply = sock.emit("sync", {"since": None, "sector_id": sector}, callback=True)
    assert reply["ok"], reply
    state: dict[str, Any] = reply["snapshot"]["activities"]["questions"]
    return state


def test_a_question_reaches_everyone_and_upvotes_count_once(room):
    andi, budi, citra = room["phones"]
    reply = ask(andi, "Bagaimana anggaran inovasi dihitung?")
    assert reply["ok"], reply
    question = reply["question"]
    assert question["status"] == "visible" and question["author"]["name"] == "Andi"
    assert question["actions"] == []  # not on one's own question
    (seen,) = events_of(budi, "questions.created")
    assert seen["data"]["text"] == question["text"] and seen["data"]["actions"] == ["upvote"]
    assert events_of(room["projector"], "questions.created")[0]["data"]["actions"] == []

    up = budi.emit("question:upvote", {"question_id": question["id"]}, callback=True)
    assert up["ok"] and up["votes"] == 1, up
    again = budi.emit("question:upvote", {"question_id": question["id"]}, callback=True)
    assert again["error"]["code"] == "invalid"
    own = andi.emit("question:upvote", {"question_id": question["id"]}, callback=True)
    assert own["error"]["code"] == "forbidden"
    assert (
        citra.emit("question:upvote", {"question_id": question["id"]}, callback=True)["votes"] == 2
    )
    voted = events_of(room["projector"], "questions.voted")
    key = str(question["id"])
    assert [e["data"] for e in voted] == [
        {"phase_id": room["phase_id"], "votes": {key: n}} for n in (1, 2)
    ]
    back = budi.emit("question:upvote", {"question_id": question["id"], "up": False}, callback=True)
    assert back["ok"] and back["votes"] == 1
    assert phone_questions(citra, room["made"].sector_ids[0])["my_upvotes"] == [question["id"]]


def test_participants_cannot_steer_questions(room):
    andi, budi, _citra = room["phones"]
    qid = ask(andi, "Kapan aplikasi diluncurkan?")["question"]["id"]
    steering = [
        ("question:moderate", {"question_id": qid, "action": "hide"}),
        ("question:highlight", {"question_id": qid}),
        ("question:answer", {"question_id": qid, "answered": True}),
        ("questions:configure", {"phase_id": room["phase_id"], "speaker": "Saya"}),
    ]
    for sock in (andi, budi, room["projector"]):
        for event, payload in steering:
            reply = sock.emit(event, payload, callback=True)
            assert reply["error"]["code"] == "forbidden", (event, reply)
    # Staff and the projector do not ask or upvote as a participant.
    assert ask(room["staff"], "Dari fasilitator")["error"]["code"] == "forbidden"
    assert (
        room["projector"].emit("question:upvote", {"question_id": qid}, callback=True)["error"][
            "code"
        ]
        == "forbidden"
    )


def test_with_approval_a_question_waits_unseen_by_others(room):
    staff, projector = room["staff"], room["projector"]
    andi, budi, _citra = room["phones"]
    sector = room["made"].sector_ids[0]
    set_up = {"phase_id": room["phase_id"], "speaker": "Dr. Sri Mulyani", "approval_required": True}
    assert staff.emit("questions:configure", set_up, callback=True)["ok"]
    waiting = ask(andi, "Mengapa SOP berbeda tiap kecamatan?")["question"]
    assert waiting["status"] == "pending"
    assert events_of(budi, "questions.created") == []
    assert events_of(projector, "questions.created") == []
    assert waiting["id"] not in phone_questions(budi, sector)["questions"]
    assert [q["id"] for q in phone_questions(andi, sector)["questions"]] == [waiting["id"]]
    assert waiting["id"] not in questions_in(projector)
    assert questions_in(staff)[waiting["id"]]["actions"] == ["approve", "hide"]
    # Not upvoted while it waits (the page offers nothing; the server refuses too).
    refused = budi.emit("question:upvote", {"question_id": waiting["id"]}, callback=True)
    assert refused["error"]["code"] == "forbidden"

    budi.get_received()
    moderated = staff.emit(
        "question:moderate", {"question_id": waiting["id"], "action": "approve"}, callback=True
    )
    assert moderated["ok"] and moderated["question"]["status"] == "visible"
    assert [e["data"]["id"] for e in events_of(budi, "questions.updated")] == [waiting["id"]]
    staff.emit("question:moderate", {"question_id": waiting["id"], "action": "hide"}, callback=True)
    assert events_of(budi, "questions.removed")[0]["data"] == {"id": waiting["id"]}


def test_flood_limits_and_text_rules(room):
    andi = room["phones"][0]
    assert ask(andi, "   ")["error"]["code"] == "invalid"
    assert ask(andi, "x" * 301)["error"]["fields"]["text"]
    assert ask(andi, 42)["error"]["code"] == "invalid"
    same = cid()
    first = andi.emit("question:ask", {"client_id": same, "text": "Satu kali"}, callback=True)
    second = andi.emit("question:ask", {"client_id": same, "text": "Satu kali"}, callback=True)
    assert first["question"]["id"] == second["question"]["id"] and second["duplicate"]
    staff = room["staff"]
    staff.emit(
        "questions:configure",
        {"phase_id": room["phase_id"], "approval_required": True},
        callback=True,
    )
    answers = [ask(andi, f"Pertanyaan menunggu {n}") for n in range(4)]
    assert [a["ok"] for a in answers] == [True, True, True, False]
    assert answers[3]["error"]["code"] == "cap"  # shown on the phone, not resent by itself


def test_an_anonymous_question_names_its_author_to_nobody_else(room, app):
    staff, projector = room["staff"], room["projector"]
    andi, budi, _citra = room["phones"]
    sector = room["made"].sector_ids[0]
    reply = ask(andi, "Apakah ada pungli di loket?", anonymous=True)
    question = reply["question"]
    assert question["author"]["name"] == "Andi"  # its author recognises it as theirs
    for sock in (budi, projector, staff):
        (event,) = events_of(sock, "questions.created")
        assert event["data"]["author"] is None and event["data"]["anonymous"]
    assert questions_in(staff)[question["id"]]["author"] is None
    assert questions_in(projector)[question["id"]]["author"] is None
    theirs = {q["id"]: q for q in phone_questions(budi, sector)["questions"]}
    assert theirs[question["id"]]["author"] is None
    mine = {q["id"]: q for q in phone_questions(andi, sector)["questions"]}
    assert mine[question["id"]]["author"]["name"] == "Andi"
    # A replay from the event log shapes it the same way.
    replay = budi.emit("sync", {"since": 0, "sector_id": sector}, callback=True)
    shown = [e for e in replay["events"] if e["type"] == "questions.created"]
    assert shown and all(e["data"]["author"] is None for e in shown)
    # The session may forbid it.
    staff.emit(
        "questions:configure",
        {"phase_id": room["phase_id"], "anonymous_allowed": False},
        callback=True,
    )
    refused = ask(andi, "Boleh tanpa nama?", anonymous=True)
    assert refused["error"]["code"] == "invalid" and "anonymous" in refused["error"]["fields"]
    with app.app_context():
        assert db.session.get(Question, question["id"]).author_id is not None


def test_highlight_and_answer_reach_the_projector(room):
    staff, projector = room["staff"], room["projector"]
    andi, budi, _ = room["phones"]
    qid = ask(andi, "Apa indikator keberhasilan?")["question"]["id"]
    lit = staff.emit("question:highlight", {"question_id": qid}, callback=True)
    assert lit["ok"] and lit["session"]["highlighted_id"] == qid
    (event,) = events_of(projector, "questions.session")
    assert event["data"]["highlighted_id"] == qid
    note = "Dijawab: indikator ada di Perbup."
    done = staff.emit(
        "question:answer", {"question_id": qid, "answered": True, "note": note}, callback=True
    )
    assert done["ok"] and done["question"]["answered"] and done["question"]["answer_note"] == note
    assert events_of(projector, "questions.updated")[0]["data"]["answered"]
    refused = budi.emit("question:upvote", {"question_id": qid}, callback=True)
    assert refused["error"]["code"] == "forbidden"  # answered: no more upvotes
    cleared = staff.emit(
        "question:highlight", {"phase_id": room["phase_id"], "question_id": None}, callback=True
    )
    assert cleared["session"]["highlighted_id"] is None


def test_leaving_the_step_closes_it_for_input(room):
    staff = room["staff"]
    andi, budi, _ = room["phones"]
    qid = ask(andi, "Pertanyaan sebelum pindah")["question"]["id"]
    assert staff.emit("phase:step", {"direction": -1}, callback=True)["ok"]
    assert ask(andi, "Sesudah pindah")["error"]["code"] == "forbidden"
    assert budi.emit("question:upvote", {"question_id": qid}, callback=True)["error"]["code"] == (
        "forbidden"
    )
    assert qid in questions_in(room["projector"])  # its results stay


def test_closing_posting_closes_questions_too(room):
    staff = room["staff"]
    andi = room["phones"][0]
    assert staff.emit("settings:update", {"locked": True}, callback=True)["ok"]
    assert ask(andi, "Saat dikunci")["error"]["code"] == "forbidden"
    assert staff.emit("settings:update", {"locked": False}, callback=True)["ok"]
    assert ask(andi, "Sesudah dibuka")["ok"]


def test_a_phone_that_missed_events_catches_up(room):
    andi, budi, _ = room["phones"]
    sector = room["made"].sector_ids[0]
    since = budi.emit("sync", {"since": None, "sector_id": sector}, callback=True)["seq"]
    budi.disconnect()
    qid = ask(andi, "Ditanyakan saat Budi offline")["question"]["id"]
    room["staff"].emit("question:highlight", {"question_id": qid}, callback=True)
    room["phones"][2].emit("question:upvote", {"question_id": qid}, callback=True)
    budi.connect(auth={"workshop": room["made"].code})
    reply = budi.emit("sync", {"since": since, "sector_id": sector}, callback=True)
    assert reply["mode"] == "events"
    types = [e["type"] for e in reply["events"]]
    assert types == ["questions.created", "questions.session", "questions.voted"]
    assert reply["events"][0]["data"]["actions"] == ["upvote"]
