"""Approving a queue at once and acting on a selection, over real sockets: steering
only, one event and one commit, every screen told, and each card refused that its
`actions` do not allow, with why."""

from __future__ import annotations

import pytest

from tests.conftest import card_of, events_of


@pytest.fixture
def room(make_workshop, phone, facilitator, presenter, socket_for):
    """A workshop with approval on: two phones on two boards, two steering laptops
    and the projector."""
    ws = make_workshop()
    phones = [socket_for(phone(ws, f"Peserta {n}", sector=n), ws) for n in (0, 1)]
    boss = socket_for(facilitator(ws), ws)
    second = socket_for(facilitator(ws), ws)
    screen = socket_for(presenter(ws), ws)
    assert boss.emit("settings:update", {"approval_required": True}, callback=True)["ok"]
    for n, sock in enumerate(phones):
        sock.emit("sync", {"sector_id": ws.sector_ids[n]}, callback=True)
    return ws, phones, boss, second, screen


def _post(socket_post, sock, sector_id, text, **extra):
    return card_of(socket_post(sock, sector_id, text, **extra))


def test_approve_all_on_one_board_then_everywhere(room, socket_post):
    ws, phones, boss, second, screen = room
    first = [
        _post(socket_post, phones[0], ws.sector_ids[0], f"Antrean loket {n}") for n in range(4)
    ]
    other = _post(socket_post, phones[1], ws.sector_ids[1], "Jalan rusak di desa")
    assert {c["status"] for c in [*first, other]} == {"pending"}
    for sock in (*phones, second, screen):
        sock.get_received()
    reply = boss.emit("cards:approve_all", {"sector_id": ws.sector_ids[0]}, callback=True)
    assert reply == {"ok": True, "approved": [c["id"] for c in first]}
    updated = [e["data"] for e in events_of(second, "card.updated")]
    assert sorted(c["id"] for c in updated) == [c["id"] for c in first]
    assert {c["status"] for c in updated} == {"visible"}
    shown = [e["data"]["id"] for e in events_of(screen, "card.updated")]
    assert sorted(shown) == [c["id"] for c in first], "the projector sees them now"
    assert events_of(phones[1], "card.updated") == [], "the other board is untouched"
    # Everywhere: the last card, on the other board.
    reply = boss.emit("cards:approve_all", {}, callback=True)
    assert reply == {"ok": True, "approved": [other["id"]]}
    assert [e["data"]["status"] for e in events_of(phones[1], "card.updated")] == ["visible"]
    assert boss.emit("cards:approve_all", {}, callback=True) == {"ok": True, "approved": []}


def test_approve_all_is_steering_only(room, socket_post):
    ws, phones, boss, _second, screen = room
    waiting = _post(socket_post, phones[0], ws.sector_ids[0], "Antrean loket")
    for sock in (phones[0], screen):
        reply = sock.emit("cards:approve_all", {}, callback=True)
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
        reply = sock.emit(
            "cards:bulk", {"card_ids": [waiting["id"]], "action": "approve"}, callback=True
        )
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
    state = boss.emit("sync", {}, callback=True)["snapshot"]
    assert {c["id"]: c["status"] for c in state["cards"]}[waiting["id"]] == "pending"


def test_approve_all_refuses_a_board_of_another_workshop(room, make_workshop):
    _ws, _phones, boss, _second, _screen = room
    elsewhere = make_workshop(title="Lain")
    reply = boss.emit("cards:approve_all", {"sector_id": elsewhere.sector_ids[0]}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "not_found"
    reply = boss.emit("cards:approve_all", {"sector_id": "1"}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "invalid"


def test_a_bulk_action_changes_what_each_card_allows_and_says_why_not(room, socket_post):
    ws, phones, boss, second, _screen = room
    waiting = _post(socket_post, phones[0], ws.sector_ids[0], "Antrean loket")
    shown = _post(socket_post, phones[0], ws.sector_ids[0], "Berkas hilang")
    assert boss.emit("cards:approve_all", {}, callback=True)["approved"] == [
        waiting["id"],
        shown["id"],
    ]
    assert boss.emit("card:status", {"card_id": shown["id"], "action": "hide"}, callback=True)["ok"]
    second.get_received()
    # Approve: the hidden card has no `approve` action; the visible one neither.
    reply = boss.emit(
        "cards:bulk", {"card_ids": [waiting["id"], shown["id"]], "action": "approve"}, callback=True
    )
    assert reply["ok"] is True and reply["done"] == []
    assert [r["card_id"] for r in reply["refused"]] == [waiting["id"], shown["id"]]
    assert all(r["message"] for r in reply["refused"])
    # Delete both: both allow it, in one event.
    reply = boss.emit(
        "cards:bulk",
        {"card_ids": [waiting["id"], shown["id"], waiting["id"]], "action": "delete"},
        callback=True,
    )
    assert reply == {"ok": True, "done": [waiting["id"], shown["id"]], "refused": []}
    assert [e["data"]["status"] for e in events_of(second, "card.updated")] == [
        "deleted",
        "deleted",
    ]
    # Restore, with a card of nowhere among them: refused, the others done.
    reply = boss.emit(
        "cards:bulk", {"card_ids": [waiting["id"], 999999], "action": "restore"}, callback=True
    )
    assert reply["done"] == [waiting["id"]]
    assert reply["refused"][0]["card_id"] == 999999


@pytest.mark.parametrize(
    "payload",
    [
        {"card_ids": [], "action": "hide"},
        {"card_ids": "1,2", "action": "hide"},
        {"card_ids": [1], "action": "explode"},
        {"card_ids": [1], "action": "merge"},
        {"card_ids": ["1"], "action": "hide"},
        {"card_ids": list(range(1, 502)), "action": "hide"},
    ],
)
def test_a_bulk_action_refuses_what_is_not_one(room, payload):
    _ws, _phones, boss, _second, _screen = room
    reply = boss.emit("cards:bulk", payload, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "invalid", reply


def test_causes_can_skip_the_queue_while_bottlenecks_wait(room, socket_post):
    ws, phones, boss, _second, _screen = room
    bottleneck = _post(socket_post, phones[0], ws.sector_ids[0], "Antrean loket")
    assert bottleneck["status"] == "pending"
    assert boss.emit("cards:approve_all", {}, callback=True)["approved"] == [bottleneck["id"]]
    causes_phase = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
    phase = next(p for p in causes_phase if p["kind"] == "causes")
    assert boss.emit("phase:set", {"phase_id": phase["id"]}, callback=True)["ok"]
    assert boss.emit("causes:choose", {"card_id": bottleneck["id"], "chosen": True}, callback=True)[
        "ok"
    ]
    cause = {"kind": "cause", "parent_id": bottleneck["id"], "bone": "method"}
    held = _post(socket_post, phones[0], None, "Petugas kurang", **cause)
    assert held["status"] == "pending", "approval on: a cause waits like any card"
    reply = boss.emit("settings:update", {"causes_skip_approval": True}, callback=True)
    assert reply["ok"], reply
    settings = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["settings"]
    assert settings["causes_skip_approval"] is True
    direct = _post(socket_post, phones[0], None, "Formulir rumit", **cause)
    assert direct["status"] == "visible"
    why = _post(
        socket_post, phones[0], None, "Tidak ada pelatihan", kind="cause", parent_id=direct["id"]
    )
    assert why["status"] == "visible", "a why? of a cause skips the queue too"
    identify = next(p for p in causes_phase if p["kind"] == "identify")
    assert boss.emit("phase:set", {"phase_id": identify["id"]}, callback=True)["ok"]
    late = _post(socket_post, phones[0], ws.sector_ids[0], "Jalan rusak")
    assert late["status"] == "pending", "bottlenecks still wait"
    reply = phones[0].emit("settings:update", {"causes_skip_approval": False}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
