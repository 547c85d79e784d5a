"""Voting progress ("18/25 have voted") reaches those who steer, live, on
resync and on replay; participants and the projector never receive it."""

from __future__ import annotations

from tests.conftest import events_of
from workshop.core.models import Workshop
from workshop.extensions import db


def _voting_phase(app, ws) -> int:
    with app.app_context():
        workshop = db.session.get(Workshop, ws.id)
        return next(p.id for p in workshop.phases if p.kind == "vote")


def test_only_steering_hears_how_many_have_voted(
    app, make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    board = ws.sector_ids[0]
    andi = socket_for(phone(ws, "Andi"), ws)
    budi = socket_for(phone(ws, "Budi"), ws)
    projector = socket_for(presenter(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    helper = socket_for(facilitator(ws), ws)  # a second steering screen (co-facilitator)
    for sock in (andi, budi):
        assert sock.emit("sync", {"sector_id": board}, callback=True)["mode"] == "snapshot"
    for sock in (projector, boss, helper):
        sock.emit("sync", {}, callback=True)
    posted = socket_post(andi, board, "Antre", client_id="progress-1")
    assert posted["ok"], posted
    card_id = posted["card"]["id"]
    reply = boss.emit("phase:set", {"phase_id": _voting_phase(app, ws)}, callback=True)
    assert reply["ok"], reply
    seq_before = boss.emit("sync", {}, callback=True)["seq"]
    for sock in (andi, budi, projector, boss, helper):
        sock.get_received()

    assert andi.emit("vote:cast", {"card_id": card_id}, callback=True)["ok"]
    assert andi.emit("vote:cast", {"card_id": card_id}, callback=True)["ok"]
    assert budi.emit("vote:cast", {"card_id": card_id}, callback=True)["ok"]

    for steering in (boss, helper):
        progress = events_of(steering, "voting.progress")
        # Andi's second dot changes nobody's count: no progress event for it.
        assert [p["data"]["voted"]["bottleneck"] for p in progress] == [1, 2]
    for other in (andi, budi, projector):
        received = events_of(other)
        assert received, "the tallies themselves still arrive"
        assert all(m["type"] != "voting.progress" for m in received)
        assert all("voted" not in m["data"] for m in received)

    # A resync: the snapshot carries it for steering only.
    assert boss.emit("sync", {}, callback=True)["snapshot"]["voting_progress"] == {
        "voted": {"bottleneck": 2, "solution": 0, "cause": 0}
    }
    for sock, payload in ((andi, {"sector_id": board}), (projector, {})):
        snap = sock.emit("sync", payload, callback=True)["snapshot"]
        assert "voting_progress" not in snap
    # A replay of missed events: the same rule.
    for sock, payload in (
        (andi, {"sector_id": board, "since": seq_before}),
        (projector, {"since": seq_before}),
    ):
        caught = sock.emit("sync", payload, callback=True)
        assert caught["mode"] == "events", caught["mode"]
        assert all(e["type"] != "voting.progress" for e in caught["events"])
    caught = boss.emit("sync", {"since": seq_before}, callback=True)
    assert [
        e["data"]["voted"]["bottleneck"] for e in caught["events"] if e["type"] == "voting.progress"
    ] == [1, 2]

    # Taking a dot back: Andi still has one, so still two have voted (no event);
    # the last one back, and one fewer has voted.
    for sock in (andi, boss):
        sock.get_received()
    assert andi.emit("vote:retract", {"card_id": card_id}, callback=True)["ok"]
    assert events_of(boss, "voting.progress") == []
    assert andi.emit("vote:retract", {"card_id": card_id}, callback=True)["ok"]
    assert events_of(boss, "voting.progress")[-1]["data"]["voted"]["bottleneck"] == 1
    assert events_of(andi, "voting.progress") == []
