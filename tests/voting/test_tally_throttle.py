"""A vote storm: tallies reach a board at most once per TALLY_INTERVAL, and the
last tally each phone is shown is the count in the database."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import events_of
from workshop.extensions import socketio

INTERVAL = 0.3


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"TALLY_INTERVAL": INTERVAL}


def test_a_burst_of_votes_reaches_the_board_as_few_tallies(
    app, make_workshop, phone, facilitator, socket_for
):
    ws = make_workshop()
    board = {"sector_id": ws.sector_ids[0]}
    writer = socket_for(phone(ws, "Penulis"), ws)
    writer.emit("sync", board, callback=True)
    cards = [
        writer.emit(
            "card:post",
            {
                "client_id": f"tally-storm-{n}",
                "kind": "bottleneck",
                "text": f"Antrean {n}",
                **board,
            },
            callback=True,
        )["card"]
        for n in range(2)
    ]
    boss = socket_for(facilitator(ws), ws)
    phases = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
    vote_phase = next(p for p in phases if p["vote_on"] == "bottleneck")
    assert boss.emit("phase:set", {"phase_id": vote_phase["id"]}, callback=True)["ok"]
    voters = [socket_for(phone(ws, f"Pemilih {n}"), ws) for n in range(3)]
    for sock in voters:
        sock.emit("sync", board, callback=True)
    watcher = writer
    socketio.sleep(INTERVAL)
    watcher.get_received()

    # Six votes at once: 3 on the first card, 3 on the second.
    for sock in voters:
        for card in cards:
            assert sock.emit("vote:cast", {"card_id": card["id"]}, callback=True)["ok"]
    first = events_of(watcher, "votes.updated")
    assert [(e["data"]["card_id"], e["data"]["votes"]) for e in first] == [(cards[0]["id"], 1)]

    socketio.sleep(2 * INTERVAL)  # the rest comes once, the latest tally of each card
    rest = events_of(watcher, "votes.updated")
    assert sorted((e["data"]["card_id"], e["data"]["votes"]) for e in rest) == [
        (cards[0]["id"], 3),
        (cards[1]["id"], 3),
    ]
    snap = watcher.emit("sync", {**board, "since": None}, callback=True)["snapshot"]
    assert {c["id"]: c["votes"] for c in snap["cards"]} == {c["id"]: 3 for c in cards}
    # Every vote is still in the event log: a phone that catches up gets them all.
    replay = voters[0].emit("sync", {**board, "since": 0}, callback=True)
    replayed = [e for e in replay.get("events", []) if e["type"] == "votes.updated"]
    assert replay["mode"] == "snapshot" or len(replayed) == 6
