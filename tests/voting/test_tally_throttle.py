"""A vote storm: tallies are stamped and reach a board at most once per
TALLY_INTERVAL, a quiet board's at once, and the last tally each phone is shown
(live or replayed) is the count in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import events_of
from workshop.extensions import socketio

INTERVAL = 0.3
PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "PROTOCOL.md"


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"TALLY_INTERVAL": INTERVAL}


def board_with_a_card(
    make_workshop: Any, phone: Any, socket_for: Any, socket_post: Any, client_id: str
) -> Any:
    """A workshop, its first board, a phone watching it and one bottleneck on it."""
    ws = make_workshop()
    board = {"sector_id": ws.sector_ids[0]}
    writer = socket_for(phone(ws, "Penulis"), ws)
    writer.emit("sync", board, callback=True)
    card = socket_post(writer, board["sector_id"], "Antrean", client_id=client_id)["card"]
    return ws, board, writer, card


def open_voting(boss: Any) -> None:
    phases = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
    vote_phase = next(p for p in phases if p["vote_on"] == "bottleneck")
    assert boss.emit("phase:set", {"phase_id": vote_phase["id"]}, callback=True)["ok"]


def test_a_burst_of_votes_reaches_the_board_as_few_tallies(
    app, make_workshop, phone, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    board = {"sector_id": ws.sector_ids[0]}
    writer = socket_for(phone(ws, "Penulis"), ws)
    writer.emit("sync", board, callback=True)
    cards = [
        socket_post(writer, board["sector_id"], f"Antrean {n}", client_id=f"tally-storm-{n}")[
            "card"
        ]
        for n in range(2)
    ]
    boss = socket_for(facilitator(ws), ws)
    open_voting(boss)
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
    socketio.sleep(3 * INTERVAL)  # the first batch at once, the rest one interval on
    got = events_of(watcher, "votes.tallied")
    assert 1 <= len(got) <= 2, "six votes: at most two batches, one message each"
    assert events_of(watcher, "votes.updated") == []
    seqs = [e["seq"] for e in got]
    assert seqs == sorted(seqs)
    last: dict[str, int] = {}
    for e in got:
        assert e["sector_id"] == board["sector_id"]
        last.update(e["data"]["tallies"])
    assert last == {str(c["id"]): 3 for c in cards}
    assert events_of(boss, "voting.progress")[-1]["data"]["voted"]["bottleneck"] == 3
    snap = watcher.emit("sync", {**board, "since": None}, callback=True)["snapshot"]
    assert {c["id"]: c["votes"] for c in snap["cards"]} == {c["id"]: 3 for c in cards}
    # The event log holds the batches: a phone that catches up ends on the count.
    replay = voters[0].emit("sync", {**board, "since": 0}, callback=True)
    assert replay["mode"] == "events"
    replayed = [e for e in replay["events"] if e["type"] == "votes.tallied"]
    assert [e["seq"] for e in replayed] == seqs
    replayed_last: dict[str, int] = {}
    for e in replayed:
        replayed_last.update(e["data"]["tallies"])
    assert replayed_last == last


def test_a_quiet_boards_tally_does_not_wait_for_the_interval(
    app, make_workshop, phone, facilitator, socket_for, socket_post
):
    ws, board, writer, card = board_with_a_card(
        make_workshop, phone, socket_for, socket_post, "tally-quiet-1"
    )
    boss = socket_for(facilitator(ws), ws)
    open_voting(boss)
    voter = socket_for(phone(ws, "Pemilih"), ws)
    voter.emit("sync", board, callback=True)
    writer.get_received()
    assert voter.emit("vote:cast", {"card_id": card["id"]}, callback=True)["ok"]
    got: list[dict[str, Any]] = []
    for _ in range(10):  # up to a third of the interval
        socketio.sleep(INTERVAL / 30)
        got += events_of(writer, "votes.tallied")
        if got:
            break
    assert [e["data"]["tallies"] for e in got] == [{str(card["id"]): 1}]


def test_a_refused_vote_stamps_no_tally(
    app, make_workshop, phone, facilitator, socket_for, socket_post
):
    _ws, _board, writer, card = board_with_a_card(
        make_workshop, phone, socket_for, socket_post, "tally-refused-1"
    )
    # Still collecting: voting is not open, the vote is refused and nothing is marked.
    writer.get_received()
    reply = writer.emit("vote:cast", {"card_id": card["id"]}, callback=True)
    assert reply["ok"] is False
    socketio.sleep(2 * INTERVAL)
    assert events_of(writer, "votes.tallied") == []


def test_batched_tallies_stay_hidden_until_revealed(
    app, make_workshop, phone, facilitator, presenter, socket_for, socket_post
):
    ws, board, writer, card = board_with_a_card(
        make_workshop, phone, socket_for, socket_post, "tally-hidden-1"
    )
    boss = socket_for(facilitator(ws), ws)
    open_voting(boss)
    assert boss.emit("settings:update", {"votes_revealed": False}, callback=True)["ok"]
    projector = socket_for(presenter(ws), ws)
    projector.emit("sync", {}, callback=True)
    voter = socket_for(phone(ws, "Pemilih"), ws)
    voter.emit("sync", board, callback=True)
    since = writer.emit("sync", board, callback=True)["seq"]
    for sock in (projector, writer, boss):
        sock.get_received()

    assert voter.emit("vote:cast", {"card_id": card["id"]}, callback=True)["ok"]
    socketio.sleep(2 * INTERVAL)
    assert events_of(projector, "votes.tallied") == []
    assert events_of(writer, "votes.tallied") == []
    assert [e["data"]["tallies"] for e in events_of(boss, "votes.tallied")] == [
        {str(card["id"]): 1}
    ]
    replay = writer.emit("sync", {**board, "since": since}, callback=True)
    assert replay["mode"] == "events"
    assert [e for e in replay["events"] if e["type"] == "votes.tallied"] == []


def test_a_merge_sends_both_tallies_in_the_next_batch_as_documented(
    app, make_workshop, phone, facilitator, socket_for, socket_post
):
    ws, board, writer, source = board_with_a_card(
        make_workshop, phone, socket_for, socket_post, "tally-mrg-1"
    )
    target = socket_post(writer, board["sector_id"], "Antrean lama", client_id="tally-mrg-2")[
        "card"
    ]
    boss = socket_for(facilitator(ws), ws)
    open_voting(boss)
    voter = socket_for(phone(ws, "Pemilih"), ws)
    assert voter.emit("vote:cast", {"card_id": source["id"]}, callback=True)["ok"]
    wait_for_tallies(boss)
    reply = boss.emit(
        "card:merge", {"source_id": source["id"], "target_id": target["id"]}, callback=True
    )
    assert reply["ok"], reply
    assert wait_for_tallies(boss) == {str(source["id"]): 0, str(target["id"]): 1}
    assert events_of(boss, "votes.updated") == []
    row = next(line for line in PROTOCOL.read_text().splitlines() if "| `votes.tallied`" in line)
    assert "merge" in row, "docs/PROTOCOL.md says which event a merge's tallies come in"


def wait_for_tallies(sock: Any) -> dict[str, int]:
    """The tallies of the next batch `sock` receives (waiting up to ten intervals)."""
    for _ in range(100):
        for message in [m["args"][0] for m in sock.get_received() if m["name"] == "event"]:
            if message["type"] == "votes.tallied":
                return dict(message["data"]["tallies"])
            assert message["type"] != "votes.updated", message
        socketio.sleep(INTERVAL / 10)
    raise AssertionError("no votes.tallied within ten intervals")
