"""A socket's events use the session copied at connect; the signed cookie is not
verified and decoded again for each event (realtime/sessions.py)."""

from __future__ import annotations

from typing import Any

import pytest
from flask.sessions import SecureCookieSessionInterface

from tests.conftest import events_of


def test_events_act_as_the_connected_participant_without_reading_the_cookie_again(
    app, make_workshop, phone, socket_for, monkeypatch: pytest.MonkeyPatch, socket_post
):
    ws = make_workshop()
    board = {"sector_id": ws.sector_ids[0]}
    opened: list[str] = []
    original = SecureCookieSessionInterface.open_session

    def counting(self: Any, flask_app: Any, request: Any) -> Any:
        opened.append(request.path)
        return original(self, flask_app, request)

    monkeypatch.setattr(SecureCookieSessionInterface, "open_session", counting)
    writer = socket_for(phone(ws, "Penulis Sesi"), ws)
    assert writer.emit("sync", board, callback=True)["ok"]
    before = len(opened)
    posted = [
        socket_post(writer, board["sector_id"], f"Antrean {n}", client_id=f"session-card-{n}")
        for n in range(5)
    ]
    assert all(reply["ok"] for reply in posted)
    assert {reply["card"]["author"]["name"] for reply in posted} == {"Penulis Sesi"}
    assert len(opened) == before, "no event verified the cookie again"
    # The board chosen by `sync` (kept in the socket's session) still holds.
    assert {e["sector_id"] for e in events_of(writer, "card.created")} == {board["sector_id"]}
