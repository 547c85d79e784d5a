"""Polls and word clouds: steering, answers counted once, hidden results, moderation,
the profanity filter, stop words, and replay after a reconnect (docs/PROTOCOL.md)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import events_of
from workshop.core.models import Workshop
from workshop.extensions import db
from workshop.facilitation.phases import picker
from workshop.polls import words
from workshop.realtime.policy import (
    BACKUP_VIEW,
    DISPLAY_VIEW,
    REPORT_VIEW,
    STEERING_VIEW,
    participant_view,
)


def cid() -> str:
    return f"ans-{uuid.uuid4().hex}"


def add_step(boss: Any, kind: str, *, current: bool = True) -> int:
    """A poll or word-cloud step added as the facilitator's phase set-up does."""
    reply = boss.emit("phase:save", {"name": "Polling", "kind": kind}, callback=True)
    assert reply["ok"], reply
    phase_id: int = reply["phase"]["id"]
    if current:
        assert boss.emit("phase:set", {"phase_id": phase_id}, callback=True)["ok"]
    return phase_id


def setup_poll(boss: Any, results: str = "live") -> int:
    phase_id = add_step(boss, "poll")
    reply = boss.emit(
        "poll:save",
        {
            "phase_id": phase_id,
            "question": "Layanan mana paling mendesak?",
            "options": [{"text": "KTP-el"}, {"text": "Akta lahir"}, {"text": "KK"}],
            "results": results,
        },
        callback=True,
    )
    assert reply["ok"], reply
    assert [o["id"] for o in reply["poll"]["options"]] == [1, 2, 3]
    return phase_id


def answer(sock: Any, phase_id: int, choice: int, client_id: str | None = None) -> dict:
    payload = {"phase_id": phase_id, "choice": choice, "client_id": client_id or cid()}
    reply: dict = sock.emit("poll:answer", payload, callback=True)
    return reply


def say(sock: Any, phase_id: int, text: str, client_id: str | None = None) -> dict:
    payload = {"phase_id": phase_id, "text": text, "client_id": client_id or cid()}
    reply: dict = sock.emit("wordcloud:answer", payload, callback=True)
    return reply


def snapshot_of(sock: Any, kind: str, phase_id: int) -> dict:
    reply = sock.emit("sync", {"sector_id": None}, callback=True)
    if not reply["ok"]:  # a phone watches one board
        reply = sock.emit("sync", {"sector_id": 1}, callback=True)
    assert reply["ok"], reply
    (found,) = [p for p in reply["snapshot"]["activities"][kind] if p["phase_id"] == phase_id]
    return found


def phone_snapshot(room: Any, sock: Any, kind: str, phase_id: int) -> dict:
    reply = sock.emit("sync", {"sector_id": room.ws.sector_ids[0]}, callback=True)
    assert reply["ok"], reply
    (found,) = [p for p in reply["snapshot"]["activities"][kind] if p["phase_id"] == phase_id]
    return found


# -- polls ---------------------------------------------------------------------------


def test_each_phone_is_counted_once_and_may_change_its_answer(room):
    phase_id = setup_poll(room.boss)
    room.drain()
    first = cid()
    assert answer(room.phones[0], phase_id, 1, first) == {
        "ok": True,
        "mine": {"choice": 1, "entries": []},
        "duplicate": False,
        "held": False,
    }
    # The same send again (a retry after a lost acknowledgement) counts nothing more.
    again = answer(room.phones[0], phase_id, 1, first)
    assert again["ok"] and again["duplicate"] is True
    assert answer(room.phones[1], phase_id, 2)["ok"]
    assert answer(room.phones[2], phase_id, 2)["ok"]
    # A phone changes its mind while the poll is open: still one answer.
    assert answer(room.phones[2], phase_id, 3)["mine"]["choice"] == 3
    counted = events_of(room.screen, "poll.counted")
    assert len(counted) == 4, "one count a stored answer, none for the retry"
    assert counted[-1]["data"]["counts"] == {"1": 1, "2": 1, "3": 1}
    assert counted[-1]["data"]["total"] == 3
    assert events_of(room.phones[1], "poll.counted") == [], "phones are not sent every count"
    state = snapshot_of(room.boss, "poll", phase_id)
    assert state["counts"] == {"1": 1, "2": 1, "3": 1} and state["total"] == 3


def test_a_phone_answers_only_an_open_current_poll_with_a_real_option(room):
    phase_id = setup_poll(room.boss)
    assert answer(room.phones[0], phase_id, 9)["error"]["code"] == "invalid"
    assert answer(room.boss, phase_id, 1)["error"]["code"] == "forbidden"
    assert answer(room.screen, phase_id, 1)["error"]["code"] == "forbidden"
    assert room.boss.emit("poll:close", {"phase_id": phase_id, "closed": True}, callback=True)["ok"]
    assert answer(room.phones[0], phase_id, 1)["error"]["code"] == "forbidden"
    room.boss.emit("poll:close", {"phase_id": phase_id, "closed": False}, callback=True)
    assert answer(room.phones[0], phase_id, 1)["ok"]
    # Leaving the step closes it for answers; its results stay.
    assert room.boss.emit("phase:step", {"direction": -1}, callback=True)["ok"]
    assert answer(room.phones[1], phase_id, 2)["error"]["code"] == "forbidden"
    assert snapshot_of(room.boss, "poll", phase_id)["counts"] == {"1": 1}
    # Another phone's answer id is not taken over.
    taken = cid()
    room.boss.emit("phase:set", {"phase_id": phase_id}, callback=True)
    assert answer(room.phones[0], phase_id, 2, taken)["ok"]
    assert answer(room.phones[1], phase_id, 2, taken)["error"]["code"] == "conflict"


def test_an_option_phones_chose_cannot_be_removed(room):
    phase_id = setup_poll(room.boss)
    assert answer(room.phones[0], phase_id, 2)["ok"]
    edit = {"phase_id": phase_id, "options": [{"id": 1, "text": "KTP"}, {"id": 3, "text": "KK"}]}
    reply = room.boss.emit("poll:save", edit, callback=True)
    assert reply["error"]["code"] == "invalid"
    edit["options"].append({"id": 2, "text": "Akta kelahiran"})
    edit["options"].append({"text": "Lainnya"})
    reply = room.boss.emit("poll:save", edit, callback=True)
    assert [(o["id"], o["text"]) for o in reply["poll"]["options"]] == [
        (1, "KTP"),
        (3, "KK"),
        (2, "Akta kelahiran"),
        (4, "Lainnya"),
    ]


STEERING = [
    ("poll:save", lambda p, a: {"phase_id": p, "question": "Baru?"}),
    ("poll:close", lambda p, a: {"phase_id": p, "closed": True}),
    ("poll:reveal", lambda p, a: {"phase_id": p, "revealed": True}),
    ("wordcloud:hide", lambda p, a: {"phase_id": p, "term": "antrean", "hidden": True}),
    ("wordcloud:release", lambda p, a: {"answer_id": a}),
]


@pytest.mark.parametrize("caller", ["participant", "presenter", "facilitator"])
@pytest.mark.parametrize(("event", "payload"), STEERING, ids=[e for e, _ in STEERING])
def test_only_steering_steers(app, room, caller, event, payload):
    phase_id = add_step(room.boss, "wordcloud")
    assert say(room.phones[0], phase_id, "antrean")["ok"]
    assert say(room.phones[1], phase_id, "bangsat")["held"] is True
    state = snapshot_of(room.boss, "wordcloud", phase_id)
    (held,) = state["held"]
    sock = {"participant": room.phones[0], "presenter": room.screen, "facilitator": room.boss}[
        caller
    ]
    with app.app_context():
        before = db.session.get(Workshop, room.ws.id).seq
    reply = sock.emit(event, payload(phase_id, held["id"]), callback=True)
    with app.app_context():
        after = db.session.get(Workshop, room.ws.id).seq
    if caller == "facilitator":
        assert reply["ok"], reply
        assert after > before
    else:
        assert reply["error"]["code"] == "forbidden"
        assert after == before, "nothing changed"


def test_hidden_results_stay_hidden_until_revealed(room):
    phase_id = setup_poll(room.boss, results="hidden")
    mobile = room.phones[0]
    room.drain()
    assert answer(mobile, phase_id, 1)["ok"]
    (counted,) = events_of(room.screen, "poll.counted")
    assert "counts" not in counted["data"] and counted["data"]["total"] == 1
    (steered,) = events_of(room.boss, "poll.counted")
    assert steered["data"]["counts"] == {"1": 1}
    for sock in (room.screen, mobile):
        state = (
            snapshot_of(room.screen, "poll", phase_id)
            if sock is room.screen
            else (phone_snapshot(room, mobile, "poll", phase_id))
        )
        assert "counts" not in state and state["visible"] is False
    assert phone_snapshot(room, mobile, "poll", phase_id)["mine"]["choice"] == 1
    room.drain()
    reply = room.boss.emit("poll:reveal", {"phase_id": phase_id, "revealed": True}, callback=True)
    assert reply["poll"]["counts"] == {"1": 1}
    for sock in (room.screen, mobile):
        (updated,) = events_of(sock, "poll.updated")
        assert updated["data"]["counts"] == {"1": 1} and updated["data"]["visible"] is True
    assert snapshot_of(room.screen, "poll", phase_id)["counts"] == {"1": 1}


def test_replay_after_a_reconnect_carries_the_counts_as_each_may_see_them(room):
    phase_id = setup_poll(room.boss, results="hidden")
    since = room.screen.emit("sync", {"sector_id": None}, callback=True)["seq"]
    mobile_since = room.phones[1].emit("sync", {"sector_id": room.ws.sector_ids[0]}, callback=True)[
        "seq"
    ]
    assert answer(room.phones[0], phase_id, 2)["ok"]
    room.boss.emit("poll:reveal", {"phase_id": phase_id, "revealed": True}, callback=True)
    replay = room.screen.emit("sync", {"since": since, "sector_id": None}, callback=True)
    assert replay["mode"] == "events"
    types = [e["type"] for e in replay["events"]]
    assert types == ["poll.counted", "poll.updated"]
    assert "counts" not in replay["events"][0]["data"], "replayed as it was sent: hidden"
    assert replay["events"][1]["data"]["counts"] == {"2": 1}
    phone_replay = room.phones[1].emit(
        "sync", {"since": mobile_since, "sector_id": room.ws.sector_ids[0]}, callback=True
    )
    assert [e["type"] for e in phone_replay["events"]] == ["poll.updated"]


# -- word clouds ---------------------------------------------------------------------


def test_stop_words_and_punctuation_go_and_the_same_term_counts_once_a_phone(room):
    phase_id = add_step(room.boss, "wordcloud")
    room.drain()
    reply = say(room.phones[0], phase_id, "Pelayanan yang CEPAT!")
    assert reply["ok"] and reply["mine"]["entries"] == [
        {"text": "Pelayanan yang CEPAT!", "held": False}
    ]
    assert say(room.phones[1], phase_id, "pelayanan, cepat")["ok"]
    assert say(room.phones[1], phase_id, "PELAYANAN CEPAT")["duplicate"] is True
    assert say(room.phones[2], phase_id, "the queue")["ok"]
    assert say(room.phones[2], phase_id, "yang dan atau")["error"]["code"] == "invalid"
    assert say(room.phones[2], phase_id, "satu dua tiga empat")["error"]["code"] == "invalid"
    counted = events_of(room.screen, "wordcloud.counted")
    assert [c["data"]["terms"] for c in counted][-1] == [
        {"term": "queue", "count": 1, "hidden": False}
    ]
    state = snapshot_of(room.screen, "wordcloud", phase_id)
    assert state["terms"] == [
        {"term": "pelayanan cepat", "count": 2, "hidden": False},
        {"term": "queue", "count": 1, "hidden": False},
    ]


def test_a_phone_sends_at_most_three_entries(room):
    phase_id = add_step(room.boss, "wordcloud")
    mobile = room.phones[0]
    for text in ("antrean", "blanko", "jaringan"):
        assert say(mobile, phase_id, text)["ok"]
    assert say(mobile, phase_id, "petugas")["error"]["code"] == "forbidden"


def test_profanity_is_held_for_the_facilitator_and_never_shown(room):
    phase_id = add_step(room.boss, "wordcloud")
    room.drain()
    for text in ("Anjing!", "4nj1ng lu", "f u c k", "bullshit", "antrean"):
        reply = say(room.phones[0 if text != "antrean" else 1], phase_id, text)
        if reply["ok"] is False:  # a phone's three entries are used up
            reply = say(room.phones[2], phase_id, text)
        assert reply["ok"], (text, reply)
        assert reply["held"] is (text != "antrean"), text
    held = events_of(room.boss, "wordcloud.held")
    assert [h["data"]["entry"]["text"] for h in held] == [
        "Anjing!",
        "4nj1ng lu",
        "f u c k",
        "bullshit",
    ]
    shown = events_of(room.screen)
    assert [e["type"] for e in shown] == ["wordcloud.counted"], "nothing held reaches the projector"
    assert [t["term"] for t in shown[0]["data"]["terms"]] == ["antrean"]
    screen = snapshot_of(room.screen, "wordcloud", phase_id)
    assert [t["term"] for t in screen["terms"]] == ["antrean"] and "held" not in screen
    steering = snapshot_of(room.boss, "wordcloud", phase_id)
    assert len(steering["held"]) == 4
    # The facilitator lets one through (a false alarm): it counts from then on.
    bull = next(h for h in steering["held"] if h["text"] == "bullshit")
    reply = room.boss.emit("wordcloud:release", {"answer_id": bull["id"]}, callback=True)
    assert reply["ok"] and len(reply["poll"]["held"]) == 3
    assert {t["term"] for t in snapshot_of(room.screen, "wordcloud", phase_id)["terms"]} == {
        "antrean",
        "bullshit",
    }


def test_a_hidden_term_leaves_the_projector(room):
    phase_id = add_step(room.boss, "wordcloud")
    assert say(room.phones[0], phase_id, "antrean")["ok"]
    assert say(room.phones[1], phase_id, "calo")["ok"]
    room.drain()
    hide = {"phase_id": phase_id, "term": "calo", "hidden": True}
    assert room.boss.emit("wordcloud:hide", hide, callback=True)["ok"]
    (updated,) = events_of(room.screen, "wordcloud.updated")
    assert [t["term"] for t in updated["data"]["terms"]] == ["antrean"]
    assert "hidden_terms" not in updated["data"]
    (steering,) = events_of(room.boss, "wordcloud.updated")
    assert steering["data"]["hidden_terms"] == ["calo"]
    # A later entry of the hidden term is counted for steering, never shown.
    room.drain()
    assert say(room.phones[2], phase_id, "Calo!")["ok"]
    (counted,) = events_of(room.screen, "wordcloud.counted")
    assert counted["data"]["terms"] == []
    assert [t["term"] for t in snapshot_of(room.screen, "wordcloud", phase_id)["terms"]] == [
        "antrean"
    ]


def test_the_word_rules():
    assert words.entry_of("Pelayanan yang CEPAT!").term == "pelayanan cepat"
    assert words.entry_of("The long queue, again...").term == "long queue"
    assert words.entry_of("kupu-kupu").term == "kupu-kupu"
    assert words.entry_of("yg dgn").term == ""
    banned = words.profanity()
    assert words.is_profane("Bangsaaat", banned)
    assert words.is_profane("$hit", banned)
    assert not words.is_profane("pelayanan kelas satu", banned)
    assert not words.is_profane("kelas 1", banned)


def test_the_instance_folder_extends_the_profanity_list(app, room):
    from pathlib import Path

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    (Path(app.instance_path) / "profanity.txt").write_text("# lokal\npungli\n", "utf-8")
    phase_id = add_step(room.boss, "wordcloud")
    assert say(room.phones[0], phase_id, "pungli")["held"] is True


STATE = {
    "phase_id": 1,
    "kind": "wordcloud",
    "visible": False,
    "total": 3,
    "terms": [
        {"term": "antrean", "count": 2, "hidden": False},
        {"term": "calo", "count": 1, "hidden": True},
    ],
    "hidden_terms": ["calo"],
    "held": [{"id": 9, "text": "bangsat", "term": "bangsat"}],
}


@pytest.mark.parametrize(
    ("viewer", "visible", "terms", "moderation"),
    [
        (STEERING_VIEW, False, ["antrean", "calo"], True),
        (BACKUP_VIEW, False, ["antrean", "calo"], True),
        (REPORT_VIEW, False, ["antrean"], False),
        (DISPLAY_VIEW, False, None, False),
        (participant_view(5), False, None, False),
        (DISPLAY_VIEW, True, ["antrean"], False),
        (participant_view(5), True, ["antrean"], False),
    ],
)
def test_the_policy_table_for_a_word_cloud(viewer, visible, terms, moderation):
    shown = viewer.poll({**STATE, "visible": visible})
    assert ([t["term"] for t in shown["terms"]] if "terms" in shown else None) == terms
    assert ("held" in shown and "hidden_terms" in shown) is moderation
    assert shown["total"] == 3, "how many answered is never a secret"


def test_the_cockpit_picker_offers_a_poll_and_a_word_cloud(app):
    """Both kinds are activities of the agenda: the "Add phase" picker offers them."""
    with app.test_request_context(headers={"Accept-Language": "id"}):
        offered = {choice["kind"]: choice["label"] for choice in picker()}
    assert offered["poll"] == "Polling"
    assert offered["wordcloud"] == "Awan kata"
