"""The projector's spotlight over real sockets: only steering sets it, only a card
the room can see goes in it, only the projector and steering hear of it, and it
clears itself when its card leaves the room's view."""

from __future__ import annotations

from tests.conftest import card_of, events_of


def test_a_participant_cannot_spotlight(make_workshop, phone, presenter, socket_for, socket_post):
    ws = make_workshop()
    mobile = socket_for(phone(ws), ws)
    card = card_of(
        socket_post(
            mobile, ws.sector_ids[0], "Antrean panjang di loket", client_id="spot-card-0001"
        )
    )
    for sock in (mobile, socket_for(presenter(ws), ws)):
        reply = sock.emit("spotlight:set", {"card_id": card["id"]}, callback=True)
        assert reply["ok"] is False
        assert reply["error"]["code"] == "forbidden"


def test_the_spotlight_reaches_the_projector_and_steering_only(
    make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    mobile = socket_for(phone(ws), ws)
    mobile.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    card = card_of(
        socket_post(
            mobile, ws.sector_ids[0], "Antrean panjang di loket", client_id="spot-card-0001"
        )
    )
    screen = socket_for(presenter(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    for sock in (mobile, screen, boss):
        sock.get_received()
    reply = boss.emit("spotlight:set", {"card_id": card["id"]}, callback=True)
    assert reply == {"ok": True, "card_id": card["id"]}
    for sock in (screen, boss):
        (event,) = events_of(sock, "spotlight.updated")
        assert event["data"] == {"card_id": card["id"], "pinned": False}
    assert events_of(mobile) == [], "phones do not hear of the projector's spotlight"
    # A projector that opens later finds it in its snapshot; a phone does not.
    late = socket_for(presenter(ws), ws)
    assert late.emit("sync", {}, callback=True)["snapshot"]["spotlight"] == card["id"]
    reply = mobile.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    assert "snapshot" in reply, reply
    assert "spotlight" not in reply["snapshot"]
    assert boss.emit("spotlight:set", {"card_id": None}, callback=True)["ok"]
    (event,) = events_of(screen, "spotlight.updated")
    assert event["data"] == {"card_id": None, "pinned": False}


def test_a_hidden_or_waiting_card_cannot_be_spotlighted(
    make_workshop, phone, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    mobile = socket_for(phone(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    card = card_of(
        socket_post(
            mobile, ws.sector_ids[0], "Antrean panjang di loket", client_id="spot-card-0001"
        )
    )
    assert boss.emit("card:status", {"card_id": card["id"], "action": "hide"}, callback=True)["ok"]
    reply = boss.emit("spotlight:set", {"card_id": card["id"]}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "invalid", reply
    assert boss.emit("settings:update", {"approval_required": True}, callback=True)["ok"]
    waiting = card_of(
        socket_post(mobile, ws.sector_ids[0], "Berkas hilang", client_id="spot-card-0002")
    )
    assert waiting["status"] == "pending"
    reply = boss.emit("spotlight:set", {"card_id": waiting["id"]}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "invalid", reply


def test_hiding_or_deleting_the_spotlighted_card_clears_the_spotlight(
    make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    mobile = socket_for(phone(ws), ws)
    screen = socket_for(presenter(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    for action in ("hide", "delete"):
        card = card_of(
            socket_post(
                mobile, ws.sector_ids[0], f"Kartu untuk {action}", client_id=f"spot-card-{action}"
            )
        )
        assert boss.emit("spotlight:set", {"card_id": card["id"]}, callback=True)["ok"]
        screen.get_received()
        reply = boss.emit("card:status", {"card_id": card["id"], "action": action}, callback=True)
        assert reply["ok"], reply
        (event,) = events_of(screen, "spotlight.updated")
        assert event["data"] == {"card_id": None, "pinned": False}
        assert screen.emit("sync", {}, callback=True)["snapshot"]["spotlight"] is None
