"""A room with a pre-test, a post-test and an evaluation step, steered over sockets."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

_ids = itertools.count(1)

QUESTIONS = [
    {
        "text": "Apa arti sumbatan pelayanan?",
        "choices": ["Hambatan yang memperlambat layanan", "Peraturan baru", "Anggaran"],
        "answer": 0,
        "explanation": "Sumbatan menghambat layanan sampai ke masyarakat.",
    },
    {
        "text": "Alat apa untuk mencari akar masalah?",
        "choices": ["Daftar hadir", "Diagram tulang ikan"],
        "answer": 1,
        "explanation": None,
    },
]


def client_id() -> str:
    return f"answer-{next(_ids):06d}"


@dataclass
class Room:
    ws: Any
    boss: Any
    andi_browser: Any
    andi: Any
    budi: Any
    projector: Any
    phases: dict[str, int]


def add_step(boss: Any, kind: str) -> int:
    reply = boss.emit("phase:save", {"name": "", "kind": kind}, callback=True)
    assert reply["ok"], reply
    return int(reply["phase"]["id"])


def go(boss: Any, phase_id: int) -> None:
    reply = boss.emit("phase:set", {"phase_id": phase_id}, callback=True)
    assert reply["ok"], reply


def room(make_workshop, phone, presenter, facilitator, socket_for, *, bank=True) -> Room:
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    andi_browser = phone(ws, "Andi Rahmawati")
    andi = socket_for(andi_browser, ws)
    budi = socket_for(phone(ws, "Budi Santoso", agency="Bappeda", sector=1), ws)
    projector = socket_for(presenter(ws), ws)
    for sock, board in ((andi, ws.sector_ids[0]), (budi, ws.sector_ids[1])):
        assert sock.emit("sync", {"sector_id": board}, callback=True)["ok"]
    for sock in (boss, projector):
        assert sock.emit("sync", {}, callback=True)["ok"]
    phases = {kind: add_step(boss, kind) for kind in ("pretest", "posttest", "evaluation")}
    if bank:
        for question in QUESTIONS:
            assert boss.emit("test:save", question, callback=True)["ok"]
    return Room(ws, boss, andi_browser, andi, budi, projector, phases)


def answer(sock: Any, question_id: int, choice: int, cid: str | None = None) -> dict[str, Any]:
    payload = {"question_id": question_id, "choice": choice, "client_id": cid or client_id()}
    reply: dict[str, Any] = sock.emit("test:answer", payload, callback=True)
    return reply


def activities(sock: Any, **payload: Any) -> dict[str, Any]:
    reply = sock.emit("sync", payload, callback=True)
    assert reply["ok"], reply
    state: dict[str, Any] = reply["snapshot"]["activities"]
    return state
