"""Display settings over real sockets: a change reaches every screen once; a
settings:update that changes nothing is answered ok and broadcasts nothing."""

from __future__ import annotations

from tests.conftest import events_of
from workshop.core.models import Workshop
from workshop.extensions import db


def test_a_settings_update_that_changes_nothing_broadcasts_nothing(
    app, make_workshop, phone, facilitator, socket_for
):
    ws = make_workshop()
    phone_sock = socket_for(phone(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    assert boss.emit("settings:update", {"anonymous": True}, callback=True)["ok"]
    assert len(events_of(phone_sock, "workshop.updated")) == 1
    assert len(events_of(boss, "workshop.updated")) == 1
    with app.app_context():
        seq = db.session.get(Workshop, ws.id).seq
    for _ in range(3):
        reply = boss.emit("settings:update", {"anonymous": True, "vote_budget": 3}, callback=True)
        assert reply["ok"], reply
    assert events_of(phone_sock) == []
    assert events_of(boss) == []
    with app.app_context():
        assert db.session.get(Workshop, ws.id).seq == seq
