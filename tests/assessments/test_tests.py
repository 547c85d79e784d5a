"""Pre-test and post-test: the bank, who may answer when, one answer a question a
phone, what each screen is told (never a right answer to a phone while open,
nobody's score but its own), and the replay after a reconnect."""

from __future__ import annotations

import json

import pytest

from tests.assessments.helpers import QUESTIONS, activities, answer, client_id, go, room
from tests.conftest import events_of
from workshop.assessments.models import QuizAnswer
from workshop.extensions import db


def bank_ids(r) -> list[int]:
    return [q["id"] for q in activities(r.boss)["pretest"]["bank"]]


def test_the_facilitator_types_in_the_bank_and_only_steering_sees_the_right_answers(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    bank = activities(r.boss)["pretest"]["bank"]
    assert [(q["text"], q["answer"]) for q in bank] == [(q["text"], q["answer"]) for q in QUESTIONS]
    assert activities(r.boss)["posttest"]["bank"] == bank  # one bank, asked twice
    # A phone knows how many questions there are, not which, before the test opens.
    phone_state = activities(r.andi, sector_id=r.ws.sector_ids[0])["pretest"]
    assert phone_state["count"] == 2 and "questions" not in phone_state
    assert "bank" not in phone_state and "bank" not in activities(r.projector)["pretest"]


def test_a_bad_question_is_refused_with_the_field_named(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for, bank=False)
    for payload, field in (
        ({"text": "", "choices": ["a", "b"], "answer": 0}, "text"),
        ({"text": "Q", "choices": ["a"], "answer": 0}, "choices"),
        ({"text": "Q", "choices": ["a", "A"], "answer": 0}, "choices"),
        ({"text": "Q", "choices": ["a", "b"], "answer": 2}, "answer"),
        ({"text": "Q", "choices": ["a", "b"], "answer": True}, "answer"),
    ):
        reply = r.boss.emit("test:save", payload, callback=True)
        assert not reply["ok"] and field in reply["error"]["fields"], (payload, reply)


def test_participants_and_the_projector_cannot_steer_the_test(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    for sock in (r.andi, r.projector):
        for event, payload in (
            ("test:save", QUESTIONS[0]),
            ("test:remove", {"id": 1}),
            ("test:close", {"stage": "pretest"}),
            ("evaluation:close", {"phase_id": r.phases["evaluation"]}),
            ("evaluation:form", {"phase_id": r.phases["evaluation"], "scale": 5}),
        ):
            reply = sock.emit(event, payload, callback=True)
            assert not reply["ok"] and reply["error"]["code"] == "forbidden", (event, reply)


def test_a_phone_answers_only_while_its_test_is_open(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    first = bank_ids(r)[0]
    assert answer(r.andi, first, 0)["error"]["code"] == "forbidden"
    go(r.boss, r.phases["pretest"])
    assert answer(r.andi, first, 0)["ok"]
    assert r.boss.emit("test:close", {"stage": "pretest"}, callback=True)["ok"]
    reply = answer(r.budi, first, 0)
    assert reply["error"] == {"code": "forbidden", "message": "Tes sudah ditutup.", "fields": {}}


def test_one_answer_a_question_a_phone_however_often_it_is_sent(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    first = bank_ids(r)[0]
    go(r.boss, r.phases["pretest"])
    cid = client_id()
    replies = [answer(r.andi, first, 0, cid) for _ in range(3)] + [answer(r.andi, first, 1)]
    assert [reply["duplicate"] for reply in replies] == [False, True, True, True]
    assert {reply["answer"]["choice"] for reply in replies} == {0}  # the first answer counts
    with app.app_context():
        assert db.session.query(QuizAnswer).count() == 1


def test_the_bank_changes_until_the_first_answer_and_open_phones_hear_it(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    go(r.boss, r.phases["pretest"])
    r.andi.get_received()
    extra = {"text": "Soal tambahan", "choices": ["Ya", "Tidak"], "answer": 1, "explanation": "X"}
    assert r.boss.emit("test:save", extra, callback=True)["ok"]
    [heard] = events_of(r.andi, "pretest.questions")
    assert [q["text"] for q in heard["data"]["questions"]][-1] == "Soal tambahan"
    assert "answer" not in json.dumps(heard) and "explanation" not in json.dumps(heard)
    answer(r.andi, bank_ids(r)[0], 0)
    reply = r.boss.emit("test:remove", {"id": bank_ids(r)[0]}, callback=True)
    assert reply["error"]["code"] == "forbidden" and reply["error"]["message"]
    assert len(bank_ids(r)) == 3


def test_no_right_answer_reaches_a_phone_while_the_test_is_open(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    go(r.boss, r.phases["pretest"])
    for sock in (r.andi, r.budi, r.projector):
        sock.get_received()
    test = r.andi.emit("test:questions", {}, callback=True)["test"]
    assert [q["text"] for q in test["questions"]] == [q["text"] for q in QUESTIONS]
    first, second = (q["id"] for q in test["questions"])
    answer(r.andi, first, 0)
    answer(r.budi, second, 0)
    snapshot = activities(r.andi, sector_id=r.ws.sector_ids[0])
    everything = json.dumps(snapshot) + json.dumps([m for m in r.andi.get_received()])
    everything += json.dumps(r.andi.emit("test:questions", {}, callback=True))
    assert '"answer"' not in everything and "explanation" not in everything
    assert "Budi" not in everything  # nor who else answered what
    assert snapshot["pretest"]["mine"] == {str(first): 0}
    # Budi hears only of his own answer; the projector only how many phones answered.
    heard = [e["data"] for e in events_of(r.budi, "pretest.answered")]
    assert [(d["question_id"], d["mine"]) for d in heard] == [(second, True)]
    assert [e["data"] for e in events_of(r.projector, "pretest.answered")][-1] == {
        "stage": "pretest",
        "phones": 2,
    }


def test_closing_tells_each_phone_its_own_score_and_the_cockpit_everyones(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    first, second = bank_ids(r)
    go(r.boss, r.phases["pretest"])
    answer(r.andi, first, 0)  # right
    answer(r.andi, second, 0)  # wrong
    answer(r.budi, first, 1)  # wrong
    for sock in (r.boss, r.andi, r.budi, r.projector):
        sock.get_received()
    results = r.boss.emit("test:close", {"stage": "pretest"}, callback=True)["results"]
    assert [(p["name"], p["pre"]) for p in results["people"]] == [
        ("Andi Rahmawati", 1),
        ("Budi Santoso", 0),
    ]
    assert results["average"]["pre"] == 0.5
    assert [q["pre"] for q in results["questions"]] == [50.0, 0.0]

    andi_events = r.andi.get_received()
    scores = [m["args"][0]["data"] for m in andi_events if m["args"][0]["type"] == "pretest.score"]
    assert scores == [{"stage": "pretest", "score": 1, "total": 2, "mine": True}]
    closed = [m["args"][0]["data"] for m in andi_events if m["args"][0]["type"] == "pretest.closed"]
    assert closed == [{"stage": "pretest"}]  # no key after the pre-test: the post-test is next
    assert "Budi" not in json.dumps(andi_events)
    budi_scores = [e["data"]["score"] for e in events_of(r.budi, "pretest.score")]
    assert budi_scores == [0]
    [shown] = events_of(r.projector, "pretest.closed")
    assert "people" not in shown["data"] and shown["data"]["average"]["pre"] == 0.5
    assert events_of(r.projector, "pretest.score") == []


def test_the_post_test_gives_the_gain_and_at_last_the_right_answers(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    first, second = bank_ids(r)
    go(r.boss, r.phases["pretest"])
    answer(r.andi, first, 1)
    answer(r.andi, second, 0)
    r.boss.emit("test:close", {"stage": "pretest"}, callback=True)
    go(r.boss, r.phases["posttest"])
    questions = r.andi.emit("test:questions", {}, callback=True)["test"]
    assert questions["stage"] == "posttest" and "key" not in questions
    answer(r.andi, first, 0)
    answer(r.andi, second, 1)
    r.andi.get_received()
    results = r.boss.emit("test:close", {"stage": "posttest"}, callback=True)["results"]
    [andi] = results["people"]
    assert (andi["pre"], andi["post"], andi["gain"]) == (0, 2, 2)
    assert results["average"] == {"pre": 0.0, "post": 2.0, "gain": 2.0}
    [score] = events_of(r.andi, "posttest.score")
    assert (score["data"]["score"], score["data"]["pre"], score["data"]["gain"]) == (2, 0, 2)

    # A phone that reconnects sees the same: its score, the right answers, explanations.
    state = activities(r.andi, sector_id=r.ws.sector_ids[0])["posttest"]
    assert state["status"] == "closed" and state["score"]["gain"] == 2
    assert [k["answer"] for k in state["key"]] == [0, 1]
    assert state["key"][0]["explanation"].startswith("Sumbatan")
    assert "people" not in state
    other = activities(r.budi, sector_id=r.ws.sector_ids[1])["posttest"]
    assert "score" not in other and other["mine"] == {}


def test_a_phone_that_reconnects_sees_its_answers_then_its_score(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    first, _second = bank_ids(r)
    go(r.boss, r.phases["pretest"])
    answer(r.andi, first, 0)
    r.andi.disconnect()
    state = activities(r.budi, sector_id=r.ws.sector_ids[1])["pretest"]
    assert state["status"] == "open" and state["mine"] == {}
    r.boss.emit("test:close", {"stage": "pretest"}, callback=True)
    andi = r.andi
    andi.connect(auth={"workshop": r.ws.code})
    state = activities(andi, sector_id=r.ws.sector_ids[0])["pretest"]
    assert state["status"] == "closed" and state["mine"] == {str(first): 0}
    assert state["score"]["score"] == 1 and state["score"]["total"] == 2
    assert "key" not in state and "people" not in state


def test_a_phone_that_catches_up_by_events_gets_its_own_score_only(
    make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    first, _second = bank_ids(r)
    go(r.boss, r.phases["pretest"])
    answer(r.andi, first, 0)
    answer(r.budi, first, 1)
    board = r.ws.sector_ids[0]
    last = r.andi.emit("sync", {"sector_id": board}, callback=True)["seq"]
    r.andi.disconnect()
    r.boss.emit("test:close", {"stage": "pretest"}, callback=True)
    r.andi.connect(auth={"workshop": r.ws.code})
    reply = r.andi.emit("sync", {"sector_id": board, "since": last}, callback=True)
    assert reply["ok"] and reply["mode"] == "events", reply
    kinds = [(e["type"], e["data"]) for e in reply["events"]]
    assert ("pretest.closed", {"stage": "pretest"}) in kinds
    scores = [data for kind, data in kinds if kind == "pretest.score"]
    assert scores == [{"stage": "pretest", "score": 1, "total": 2, "mine": True}]


@pytest.mark.parametrize("app_config", [{"EVENT_BURST": 1_000}])
def test_a_room_answering_at_once_with_retries_is_counted_once_each(
    app, make_workshop, phone, presenter, facilitator, socket_for, app_config
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    first, second = bank_ids(r)
    go(r.boss, r.phases["pretest"])
    socks = [r.andi, r.budi] + [
        socket_for(phone(r.ws, f"Peserta {n}", sector=n % 2), r.ws) for n in range(10)
    ]
    sent = {}
    for turn in range(2):  # every phone sends each answer twice, interleaved
        for question in (first, second):
            for n, sock in enumerate(socks):
                cid = sent.setdefault((n, question), client_id())
                reply = answer(sock, question, (n + turn) % 2, cid)
                assert reply["ok"] and reply["duplicate"] is (turn == 1)
    with app.app_context():
        assert db.session.query(QuizAnswer).count() == 2 * len(socks)
    results = r.boss.emit("test:close", {"stage": "pretest"}, callback=True)["results"]
    assert results["phones"]["pre"] == len(socks) and len(results["people"]) == len(socks)
    assert [q["pre"] for q in results["questions"]] == [50.0, 50.0]
