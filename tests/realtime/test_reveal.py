"""A reveal: the facilitator lifts concealment, shows tallies or turns anonymity
on or off, and every screen reshapes its board from one `board.shown` per
board, applied by the browser's own store.js, with no snapshot asked for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import card_of, events_of
from tests.reliability.test_properties import Pages, PageState


@pytest.fixture
def pages() -> Iterator[Pages]:
    driver = Pages()
    yield driver
    driver.close()


def setting(boss: Any, **values: Any) -> None:
    reply = boss.emit("settings:update", values, callback=True)
    assert reply["ok"], reply


def shown(state: PageState) -> dict[int, dict[str, Any]]:
    cards = state.pages.call(op="cards", id=state.id)["cards"]
    return {c["id"]: c for c in cards}


def essentials(cards: dict[int, dict[str, Any]]) -> dict[int, tuple[Any, ...]]:
    return {
        cid: (c["text"], c["status"], c.get("author"), c.get("votes"), sorted(c["actions"]))
        for cid, c in cards.items()
    }


def test_a_reveal_reshapes_every_screen_from_one_message_per_board(
    make_workshop, phone, presenter, facilitator, socket_for, pages, socket_post
):
    ws = make_workshop()
    board, other_board = ws.sector_ids[0], ws.sector_ids[1]
    author_browser = phone(ws, "Penulis")
    author = socket_for(author_browser, ws)
    other = socket_for(phone(ws, "Rekan"), ws)
    elsewhere = socket_for(phone(ws, "Tetangga", sector=1), ws)
    projector = socket_for(presenter(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    screens = {
        "author": (author, board),
        "other": (other, board),
        "elsewhere": (elsewhere, other_board),
        "projector": (projector, None),
    }
    states = {}
    for name, (sock, sector) in screens.items():
        states[name] = PageState(pages)
        payload = {"sector_id": sector} if sector else {}
        states[name].load(sock.emit("sync", payload, callback=True))

    setting(boss, concealed=True, votes_revealed=False)
    mine = card_of(socket_post(author, board, "Antrean KTP-el mengular", client_id="reveal-0001"))
    theirs = card_of(socket_post(other, board, "Blanko habis", client_id="reveal-0002"))
    card_of(socket_post(elsewhere, other_board, "Guru kurang", client_id="reveal-0003"))
    for name, (sock, _sector) in screens.items():
        for message in events_of(sock):
            states[name].apply(message)
    assert set(shown(states["other"])) == {theirs["id"]}, "concealed: only their own card"
    assert shown(states["projector"]) == {}

    for change in ({"concealed": False}, {"votes_revealed": True}, {"anonymous": True}):
        boss.get_received()
        setting(boss, **change)
        for name, (sock, sector) in screens.items():
            received = events_of(sock)
            kinds = [m["type"] for m in received]
            assert kinds[0] == "workshop.updated", (name, kinds)
            assert set(kinds[1:]) == {"board.shown"}, (name, kinds)
            for message in received:
                states[name].apply(message)
            payload = {"sector_id": sector} if sector else {}
            snapshot = sock.emit("sync", payload, callback=True)["snapshot"]["cards"]
            assert essentials(shown(states[name])) == essentials({c["id"]: c for c in snapshot}), (
                change,
                name,
            )
        # Steering sees every card in every setting: nothing to reshape.
        assert [m["type"] for m in events_of(boss)] == ["workshop.updated"]

    other_view = shown(states["other"])
    assert set(other_view) == {mine["id"], theirs["id"]}, "the reveal shows the board"
    assert other_view[mine["id"]]["votes"] == 0, "tallies revealed"
    assert other_view[mine["id"]]["author"] is None, "anonymous now"
    assert shown(states["author"])[mine["id"]]["author"]["name"] == "Penulis", "but not to me"
    assert set(shown(states["projector"])) == {
        mine["id"],
        theirs["id"],
        *shown(states["elsewhere"]),
    }

    # Tallies hidden again: no stale dots left on a phone.
    setting(boss, votes_revealed=False)
    for message in events_of(other):
        states["other"].apply(message)
    assert all("votes" not in card for card in shown(states["other"]).values())
    # Concealed again: the others' cards leave the phone.
    setting(boss, concealed=True)
    for message in events_of(other):
        states["other"].apply(message)
    assert set(shown(states["other"])) == {theirs["id"]}


def test_a_phone_that_missed_the_reveal_catches_up_from_the_log(
    make_workshop, phone, facilitator, socket_for, pages, socket_post
):
    ws = make_workshop()
    board = ws.sector_ids[0]
    author = socket_for(phone(ws, "Penulis"), ws)
    late_browser = phone(ws, "Terlambat")
    late = socket_for(late_browser, ws)
    boss = socket_for(facilitator(ws), ws)
    setting(boss, concealed=True)
    card = card_of(socket_post(author, board, "Jaringan SIAK putus", client_id="late-00001"))
    state = PageState(pages)
    reply = late.emit("sync", {"sector_id": board}, callback=True)
    state.load(reply)
    assert shown(state) == {}
    late.disconnect()

    setting(boss, concealed=False)
    back = socket_for(late_browser, ws)
    replay = back.emit("sync", {"sector_id": board, "since": reply["seq"]}, callback=True)
    assert replay["mode"] == "events"
    for message in replay["events"]:
        state.apply(message)
    assert set(shown(state)) == {card["id"]}
