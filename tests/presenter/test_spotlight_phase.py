"""The spotlight and the focus end with the phase unless pinned, over real sockets:
the phase change clears them and every steering screen and the projector hear it;
a pin keeps them; only steering pins."""

from __future__ import annotations

import pytest

from tests.conftest import card_of, events_of


def heard(sock):
    """Every event a socket received since last asked, by type (in order)."""
    found: dict[str, list[dict]] = {}
    for event in events_of(sock):
        found.setdefault(event["type"], []).append(event["data"])
    return found


@pytest.fixture
def lit(make_workshop, phone, facilitator, presenter, socket_for, socket_post):
    """A visible bottleneck in the spotlight and in focus, with two steering laptops,
    the projector and a phone connected."""
    ws = make_workshop()
    mobile = socket_for(phone(ws), ws)
    card = card_of(socket_post(mobile, ws.sector_ids[0], "Antrean panjang di loket"))
    boss = socket_for(facilitator(ws), ws)
    second = socket_for(facilitator(ws), ws)
    screen = socket_for(presenter(ws), ws)
    assert boss.emit("spotlight:set", {"card_id": card["id"]}, callback=True)["ok"]
    assert boss.emit("causes:choose", {"card_id": card["id"], "chosen": True}, callback=True)["ok"]
    assert boss.emit("focus:set", {"card_id": card["id"]}, callback=True)["ok"]
    for sock in (mobile, second, screen):
        sock.get_received()
    return ws, card, mobile, boss, second, screen


def test_the_next_phase_takes_the_spotlight_and_the_focus_off(lit):
    _ws, _card, mobile, boss, second, screen = lit
    assert boss.emit("phase:step", {"direction": 1}, callback=True)["ok"]
    told = {name: heard(sock) for name, sock in (("s", second), ("p", screen), ("m", mobile))}
    for name in ("s", "p"):
        assert told[name]["spotlight.updated"] == [{"card_id": None, "pinned": False}]
    for name in ("s", "p", "m"):
        (update,) = told[name]["workshop.updated"]
        assert update["focus_card_id"] is None
    assert "spotlight.updated" not in told["m"], "phones do not hear of the spotlight"
    snapshot = boss.emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["spotlight"] is None and snapshot["workshop"]["focus_card_id"] is None


def test_a_pinned_spotlight_and_focus_stay_into_the_next_phase(lit):
    _ws, card, _mobile, boss, second, screen = lit
    assert boss.emit("pin:set", {"what": "spotlight", "pinned": True}, callback=True)["ok"]
    (event,) = events_of(second, "spotlight.updated")
    assert event["data"] == {"card_id": card["id"], "pinned": True}
    assert boss.emit("pin:set", {"what": "focus", "pinned": True}, callback=True)["ok"]
    (update,) = events_of(second, "workshop.updated")
    assert update["data"]["focus_pinned"] is True
    screen.get_received()
    assert boss.emit("phase:step", {"direction": 1}, callback=True)["ok"]
    told = heard(screen)
    assert "spotlight.updated" not in told
    (update,) = told["workshop.updated"]
    assert update["focus_card_id"] == card["id"]
    snapshot = second.emit("sync", {}, callback=True)["snapshot"]
    assert (snapshot["spotlight"], snapshot["spotlight_pinned"]) == (card["id"], True)
    # Unpinned, the next phase takes them off.
    assert boss.emit("pin:set", {"what": "spotlight", "pinned": False}, callback=True)["ok"]
    assert boss.emit("pin:set", {"what": "focus", "pinned": False}, callback=True)["ok"]
    assert boss.emit("phase:step", {"direction": 1}, callback=True)["ok"]
    snapshot = second.emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["spotlight"] is None and snapshot["workshop"]["focus_card_id"] is None


def test_setting_the_same_phase_again_keeps_the_projector(lit):
    _ws, card, _mobile, boss, second, _screen = lit
    current = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phase_id"]
    assert boss.emit("phase:set", {"phase_id": current}, callback=True)["ok"]
    snapshot = second.emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["spotlight"] == card["id"]
    assert snapshot["workshop"]["focus_card_id"] == card["id"]


def test_a_new_spotlight_or_focus_is_not_pinned_by_the_last_pin(lit):
    _ws, card, _mobile, boss, _second, _screen = lit
    assert boss.emit("pin:set", {"what": "focus", "pinned": True}, callback=True)["ok"]
    assert boss.emit("focus:set", {"card_id": None}, callback=True)["ok"]
    assert boss.emit("focus:set", {"card_id": card["id"]}, callback=True)["ok"]
    snapshot = boss.emit("sync", {}, callback=True)["snapshot"]
    assert snapshot["workshop"]["focus_pinned"] is False
    reply = boss.emit("spotlight:set", {"card_id": card["id"], "pinned": True}, callback=True)
    assert reply["ok"], reply
    assert boss.emit("sync", {}, callback=True)["snapshot"]["spotlight_pinned"] is True
    assert boss.emit("spotlight:set", {"card_id": card["id"]}, callback=True)["ok"]
    assert boss.emit("sync", {}, callback=True)["snapshot"]["spotlight_pinned"] is False


def test_only_steering_pins_and_only_what_is_shown(lit):
    _ws, _card, mobile, boss, _second, screen = lit
    for sock in (mobile, screen):
        reply = sock.emit("pin:set", {"what": "spotlight", "pinned": True}, callback=True)
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
    for payload in (
        {"what": "projector", "pinned": True},
        {"what": "spotlight", "pinned": "yes"},
        {"what": "spotlight"},
    ):
        reply = boss.emit("pin:set", payload, callback=True)
        assert reply["ok"] is False and reply["error"]["code"] == "invalid", payload
    assert boss.emit("spotlight:set", {"card_id": None}, callback=True)["ok"]
    reply = boss.emit("pin:set", {"what": "spotlight", "pinned": True}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "invalid"
    reply = boss.emit("spotlight:set", {"card_id": None, "pinned": "x"}, callback=True)
    assert reply["ok"] is True, "clearing takes no pin"
