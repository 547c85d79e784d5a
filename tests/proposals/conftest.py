"""A workshop with a scored bottleneck, a root cause and a solution on the first
board, and the people who draft its proposal: the facilitator, two phones of
that sector, a phone of another sector, the projector, and a phone of another
workshop. Each socket has synced its board and its inbox is empty."""

from __future__ import annotations

from typing import Any

import pytest


def ok(reply: dict[str, Any]) -> dict[str, Any]:
    assert reply["ok"], reply
    return reply


def refused(reply: dict[str, Any], code: str) -> dict[str, Any]:
    assert reply["ok"] is False, reply
    assert reply["error"]["code"] == code, reply
    return reply


BOTTLENECK = "Antrean KTP-el sampai tiga jam di kecamatan"
ROOT = "Blanko KTP-el sering habis"
SOLUTION = "Nomor antrean lewat WhatsApp"


@pytest.fixture
def room(make_workshop, phone, presenter, facilitator, socket_for, socket_post) -> dict[str, Any]:
    ws = make_workshop(phase="identify")
    board, other_board = ws.sector_ids[0], ws.sector_ids[1]
    author = socket_for(phone(ws, "Andi", agency="Disdukcapil"), ws)
    mate = socket_for(phone(ws, "Rina", agency="Kecamatan Bontoa"), ws)
    stranger = socket_for(phone(ws, "Tamu", sector=1), ws)
    projector = socket_for(presenter(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    elsewhere_ws = make_workshop(title="Bimtek lain")
    elsewhere = socket_for(phone(elsewhere_ws, "Orang lain"), elsewhere_ws)
    bottleneck = ok(socket_post(author, board, BOTTLENECK, client_id="kp-b-0001"))["card"]
    ok(
        boss.emit(
            "card:assess", {"card_id": bottleneck["id"], "u": 5, "s": 4, "g": 3}, callback=True
        )
    )
    ok(boss.emit("causes:choose", {"card_id": bottleneck["id"], "chosen": True}, callback=True))
    root = ok(
        boss.emit(
            "card:enter",
            {
                "client_id": "kp-c-0001",
                "kind": "cause",
                "parent_id": bottleneck["id"],
                "bone": "material",
                "text": ROOT,
            },
            callback=True,
        )
    )["card"]
    ok(boss.emit("cause:root", {"card_id": root["id"], "root": True}, callback=True))
    solution = ok(
        socket_post(
            author,
            None,
            SOLUTION,
            client_id="kp-s-0001",
            kind="solution",
            parent_id=bottleneck["id"],
        )
    )["card"]
    for sock, sector in ((author, board), (mate, board), (stranger, other_board)):
        ok(sock.emit("sync", {"sector_id": sector}, callback=True))
    ok(elsewhere.emit("sync", {"sector_id": elsewhere_ws.sector_ids[0]}, callback=True))
    ok(projector.emit("sync", {}, callback=True))
    ok(boss.emit("sync", {}, callback=True))
    for sock in (author, mate, stranger, projector, boss, elsewhere):
        sock.get_received()
    return {
        "ws": ws,
        "board": board,
        "other_board": other_board,
        "bottleneck": bottleneck,
        "solution": solution,
        "author": author,
        "mate": mate,
        "stranger": stranger,
        "projector": projector,
        "boss": boss,
        "elsewhere": elsewhere,
    }


@pytest.fixture
def promoted(room) -> dict[str, Any]:
    """The room with its solution promoted; inboxes emptied again."""
    proposal = ok(
        room["boss"].emit("proposal:promote", {"card_id": room["solution"]["id"]}, callback=True)
    )["proposal"]
    for name in ("author", "mate", "stranger", "projector", "boss"):
        room[name].get_received()
    return {**room, "proposal": proposal}
