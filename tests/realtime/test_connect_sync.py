"""Connecting and catching up in one trip: a connect whose `auth` carries `sync`
is answered with a `synced` event, the same answer `sync` gives."""

from __future__ import annotations

from typing import Any

from tests.conftest import card_of, events_of
from workshop.extensions import socketio


def connect(app: Any, browser: Any, code: str, sync: Any) -> Any:
    return socketio.test_client(
        app, flask_test_client=browser, auth={"workshop": code, "sync": sync}
    )


def synced(sock: Any) -> list[dict[str, Any]]:
    return [m["args"][0] for m in sock.get_received() if m["name"] == "synced"]


def test_a_reconnect_gets_what_it_missed_and_then_its_boards_posts(
    app, make_workshop, phone, socket_for, socket_post
):
    ws = make_workshop()
    board = ws.sector_ids[2]
    reader_browser = phone(ws, "Pembaca", sector=2)
    first = connect(app, reader_browser, ws.code, {"sector_id": board, "since": None})
    [snapshot] = synced(first)
    assert snapshot["ok"] and snapshot["mode"] == "snapshot"
    assert snapshot["snapshot"]["sector_id"] == board
    last_seen = snapshot["seq"]
    first.disconnect()

    writer = socket_for(phone(ws, "Penulis", sector=2), ws)
    writer.emit("sync", {"sector_id": board}, callback=True)
    missed = [
        card_of(socket_post(writer, board, f"Sumbatan {n}", client_id=f"connect-missed-{n}"))["id"]
        for n in range(3)
    ]

    back = connect(app, reader_browser, ws.code, {"sector_id": board, "since": last_seen})
    [reply] = synced(back)
    assert reply["ok"] and reply["mode"] == "events"
    assert [e["data"]["id"] for e in reply["events"] if e["type"] == "card.created"] == missed
    assert reply["seq"] > last_seen
    # It watches its board from the connect on, with no `sync` sent.
    live = card_of(socket_post(writer, board, "Sesudah tersambung lagi", client_id="connect-live"))
    assert [e["data"]["id"] for e in events_of(back, "card.created")] == [live["id"]]
    back.disconnect()


def test_a_bad_sync_in_the_connect_is_answered_and_the_socket_stays(app, make_workshop, phone):
    ws = make_workshop()
    other = make_workshop()
    browser = phone(ws, "Andi")
    for bad in ({"sector_id": other.sector_ids[0]}, {"sector_id": "1"}, ["junk"], {"since": -4}):
        sock = connect(app, browser, ws.code, bad)
        assert sock.is_connected()
        [reply] = synced(sock)
        assert reply["ok"] is False
        assert reply["error"]["code"] in ("invalid", "not_found")
        # A plain `sync` still works on the same socket.
        fixed = sock.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
        assert fixed["ok"] and fixed["mode"] == "snapshot"
        sock.disconnect()


def test_a_refused_connect_gets_no_answer(app, make_workshop, client):
    ws = make_workshop()
    sock = connect(app, client, ws.code, {"sector_id": ws.sector_ids[0], "since": None})
    assert not sock.is_connected()
