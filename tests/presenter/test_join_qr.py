"""The join QR the facilitator brings up on the projector ("Tampilkan QR"): only
steering sends it, only the projector and steering hear of it, it lasts the
phase, and a projector that opens later during that phase starts with it."""

from __future__ import annotations

import json
import re

from tests.conftest import events_of


def page_join_state(browser, ws) -> dict:
    html = browser.get(f"/w/{ws.code}/present").get_data(as_text=True)
    found = re.search(r'<script type="application/json" id="join-shown">(.*?)</script>', html)
    assert found, "the projector's page carries the join QR's state"
    return json.loads(found.group(1))


def test_only_steering_shows_the_qr(make_workshop, phone, presenter, socket_for):
    ws = make_workshop()
    for sock in (socket_for(phone(ws), ws), socket_for(presenter(ws), ws)):
        reply = sock.emit("join:show", {"shown": True}, callback=True)
        assert reply["ok"] is False
        assert reply["error"]["code"] == "forbidden"


def test_the_qr_reaches_the_projector_for_the_phase(
    make_workshop, phone, presenter, facilitator, socket_for
):
    ws = make_workshop()
    mobile = socket_for(phone(ws), ws)
    mobile.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    screen_browser = presenter(ws)
    screen = socket_for(screen_browser, ws)
    boss = socket_for(facilitator(ws), ws)
    phase = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phase_id"]
    for sock in (mobile, screen, boss):
        sock.get_received()
    assert boss.emit("join:show", {"shown": True}, callback=True) == {"ok": True, "shown": True}
    for sock in (screen, boss):
        (event,) = events_of(sock, "join.shown")
        assert event["data"] == {"phase_id": phase}
    assert events_of(mobile) == [], "phones do not hear of the projector's QR"
    # A projector that reloads shows it too.
    assert page_join_state(screen_browser, ws) == {"phase_id": phase}
    assert boss.emit("join:show", {"shown": False}, callback=True)["ok"]
    (event,) = events_of(screen, "join.shown")
    assert event["data"] == {"phase_id": None}
    assert page_join_state(screen_browser, ws) == {"phase_id": None}


def test_anything_but_a_yes_or_no_is_refused(make_workshop, facilitator, socket_for):
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    for payload in ({}, {"shown": "yes"}, {"shown": 1}, {"shown": None}):
        reply = boss.emit("join:show", payload, callback=True)
        assert reply["ok"] is False and reply["error"]["code"] == "invalid", (payload, reply)
