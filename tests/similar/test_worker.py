"""The similarity indexes live in a child process: the same answers as matching
in the server process, from another process id; a child that dies is replaced
without a wrong or lost answer; the child refuses what it cannot do."""

from __future__ import annotations

import os
from collections import OrderedDict
from typing import Any

import pytest

from tests.conftest import card_of
from workshop.similar import Matcher
from workshop.similar.worker import handle

from .test_events import TEXTS, ok, similar

TWIN = "antri ktp elektronik di dukcapil 3 jam"


@pytest.fixture
def room(app, make_workshop, phone, facilitator, socket_for, socket_post):
    ws = make_workshop()
    sector = ws.sector_ids[0]
    author = socket_for(phone(ws, "Penulis"), ws)
    boss = socket_for(facilitator(ws), ws)
    cards = [
        card_of(socket_post(author, sector, t, client_id=f"worker-{n:03}"))
        for n, t in enumerate([*TEXTS, TWIN])
    ]
    return app, sector, author, boss, cards


def merges(boss: Any, sector: int) -> list[list[int]]:
    reply = ok(boss.emit("suggestions:get", {"sector_id": sector}, callback=True))
    return [m["cards"] for m in reply["merges"]]


@pytest.mark.parametrize(
    "app_config", [{"SIMILAR_WORKER": True}, {"SIMILAR_WORKER": False}], ids=["child", "inline"]
)
def test_the_same_answers_in_a_child_process_or_inline(room, app_config):
    app, sector, author, boss, cards = room
    offered = similar(author, sector, "antri e-KTP berjam-jam di dukcapil")
    assert {c["id"] for c in offered[:2]} == {cards[0]["id"], cards[-1]["id"]}
    assert sorted([cards[0]["id"], cards[-1]["id"]]) in merges(boss, sector)
    worker = app.extensions["urai_similar"].worker
    if app_config["SIMILAR_WORKER"]:
        assert worker is not None and worker.pid not in (None, os.getpid())
    else:
        assert worker is None


@pytest.mark.parametrize("app_config", [{"SIMILAR_WORKER": True}], ids=["child"])
def test_a_dead_child_is_replaced_and_the_board_sent_again(room, socket_post):
    app, sector, author, boss, cards = room
    worker = app.extensions["urai_similar"].worker
    assert worker is not None, "the real child process is under test"
    similar(author, sector, "antrean KTP-el lama")  # the child now holds the board
    first = worker.pid
    os.kill(first, 9)
    # A card posted while no child runs is on the new child's board too.
    late = card_of(
        socket_post(author, sector, "calo e-KTP minta bayaran di dukcapil", client_id="worker-late")
    )
    offered = similar(author, sector, "calo KTP-el minta bayaran")
    assert offered and offered[0]["id"] == late["id"]
    assert worker.pid != first
    assert sorted([cards[0]["id"], cards[-1]["id"]]) in merges(boss, sector)


def test_the_child_refuses_what_it_cannot_do():
    matcher = Matcher()
    boards: OrderedDict[Any, Any] = OrderedDict()
    board = {"board": (1, 1, "bottleneck"), "kwargs": {}, "changes": []}
    assert handle(matcher, boards, {**board, "op": "drop", "reset": True}).keys() == {"error"}
    assert handle(matcher, boards, {**board, "op": "duplicates", "reset": False}) == {
        "missing": True
    }
    changes = [("update", 1, TEXTS[0]), ("update", 2, TWIN), ("remove", 2)]
    answer = handle(
        matcher,
        boards,
        {
            **board,
            "op": "similar",
            "reset": True,
            "changes": changes,
            "kwargs": {"text": TWIN, "k": 3},
        },
    )
    assert [card_id for card_id, _score in answer["result"]] == [1]
    assert "error" in handle(matcher, boards, {**board, "op": "similar", "reset": False})
