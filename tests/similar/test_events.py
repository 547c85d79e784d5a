"""Similar cards over real socket clients: what a phone is offered while typing,
what the facilitator is offered to merge or cluster, and that nobody is offered a
card they may not see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import card_of


def ok(reply: dict[str, Any]) -> dict[str, Any]:
    assert reply["ok"], reply
    return reply


def similar(sock, board: int, text: str) -> list[dict[str, Any]]:
    payload = {"sector_id": board, "kind": "bottleneck", "text": text}
    return ok(sock.emit("card:similar", payload, callback=True))["similar"]


TEXTS = [
    "Antrean perekaman KTP-el di Disdukcapil sampai 3 jam",
    "Pungli Rp50.000 untuk percepat cetak KTP-el",
    "Jaringan SIAK sering putus, pelayanan akta berhenti",
    "Blanko KTP elektronik habis berminggu-minggu",
    "Syarat pindah domisili tidak diumumkan di kantor desa",
    "Petugas loket sering tidak di tempat saat jam layanan",
]


@pytest.fixture
def board(make_workshop, phone, facilitator, socket_for, socket_post):
    ws = make_workshop()
    sector = ws.sector_ids[0]
    author = socket_for(phone(ws, "Penulis"), ws)
    other = socket_for(phone(ws, "Rekan"), ws)
    boss = socket_for(facilitator(ws), ws)
    cards = [
        card_of(socket_post(author, sector, text, client_id=f"sim-card-{n:03}"))
        for n, text in enumerate(TEXTS)
    ]
    return ws, sector, author, other, boss, cards


def test_a_phone_typing_a_near_duplicate_is_offered_the_existing_card(board):
    _ws, sector, _author, other, _boss, cards = board
    offered = similar(other, sector, "antri e-KTP berjam-jam di dukcapil")
    assert offered and offered[0]["id"] == cards[0]["id"]
    assert len(offered) <= 3
    assert "vote" in offered[0]["actions"]
    assert similar(other, sector, "KTP") == []  # too short to look up


def test_nobody_is_offered_a_card_they_may_not_see(board):
    _ws, sector, author, other, boss, cards = board
    ok(boss.emit("card:status", {"card_id": cards[3]["id"], "action": "hide"}, callback=True))
    assert all(c["id"] != cards[3]["id"] for c in similar(other, sector, "blanko KTP-el habis"))
    # Concealed: the other phone sees no one else's card, so it is offered none;
    # the author still sees (and is offered) their own.
    ok(boss.emit("settings:update", {"concealed": True}, callback=True))
    assert similar(other, sector, "antrean KTP-el lama di Dukcapil") == []
    mine = similar(author, sector, "antrean KTP-el lama di Dukcapil")
    assert mine and mine[0]["id"] == cards[0]["id"]
    # Anonymous: a suggestion carries no author.
    ok(boss.emit("settings:update", {"concealed": False, "anonymous": True}, callback=True))
    assert similar(other, sector, "antrean KTP-el lama di Dukcapil")[0]["author"] is None


def test_the_facilitator_is_offered_merges_and_may_dismiss_them(board, socket_post):
    _ws, sector, author, _other, boss, cards = board
    twin = card_of(
        socket_post(
            author, sector, "antri ktp elektronik di dukcapil 3 jam", client_id="sim-card-100"
        )
    )
    offered = ok(boss.emit("suggestions:get", {"sector_id": sector}, callback=True))
    pair = sorted([cards[0]["id"], twin["id"]])
    assert pair in [m["cards"] for m in offered["merges"]]
    ok(boss.emit("suggestion:dismiss", {"kind": "merge", "cards": pair}, callback=True))
    again = ok(boss.emit("suggestions:get", {"sector_id": sector}, callback=True))
    assert pair not in [m["cards"] for m in again["merges"]]
    # Participants are offered no suggestions and may dismiss none.
    refused = author.emit("suggestions:get", {"sector_id": sector}, callback=True)
    assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
    refused = author.emit("suggestion:dismiss", {"kind": "merge", "cards": pair}, callback=True)
    assert refused["ok"] is False and refused["error"]["code"] == "forbidden"


def test_an_accepted_merge_leaves_the_suggestions(board, socket_post):
    _ws, sector, author, _other, boss, cards = board
    twin = card_of(
        socket_post(
            author, sector, "Antrian rekam KTP-el di Dukcapil 3 jam lebih", client_id="sim-card-200"
        )
    )
    pair = sorted([cards[0]["id"], twin["id"]])
    offered = ok(boss.emit("suggestions:get", {"sector_id": sector}, callback=True))
    assert pair in [m["cards"] for m in offered["merges"]]
    merge = {"source_id": twin["id"], "target_id": cards[0]["id"]}
    ok(boss.emit("card:merge", merge, callback=True))
    after = ok(boss.emit("suggestions:get", {"sector_id": sector}, callback=True))
    assert all(twin["id"] not in m["cards"] for m in after["merges"])


def test_a_board_of_look_alike_cards_sends_the_best_few_suggestions_and_pages(board, socket_post):
    """Forty people write about the KTP-el queue: every pair looks alike, and the
    facilitator is sent the closest few with how many there are, more on request."""
    _ws, sector, author, _other, boss, _cards = board
    for n in range(12):
        text = f"Antrean perekaman KTP-el di Disdukcapil sampai {n + 3} jam"
        socket_post(author, sector, text, client_id=f"sim-look-{n:03}")
    first = ok(boss.emit("suggestions:get", {"sector_id": sector}, callback=True))
    total = first["total"]["merges"]
    assert total > 10 and len(first["merges"]) == 10
    scores = [m["score"] for m in first["merges"]]
    assert scores == sorted(scores, reverse=True)
    more = ok(boss.emit("suggestions:get", {"sector_id": sector, "limit": 15}, callback=True))
    assert more["merges"][:10] == first["merges"] and len(more["merges"]) == min(15, total)
    for limit in (0, 201, "10", True):
        refused = boss.emit("suggestions:get", {"sector_id": sector, "limit": limit}, callback=True)
        assert refused["ok"] is False and refused["error"]["code"] == "invalid", limit


def test_bad_queries_get_clear_errors(board):
    _ws, sector, _author, other, _boss, _cards = board
    for payload, field in (
        ({"sector_id": sector, "kind": "x", "text": "antrean"}, "kind"),
        ({"sector_id": 999999, "kind": "bottleneck", "text": "antrean"}, None),
        ({"sector_id": sector, "kind": "bottleneck", "text": "a" * 501}, "text"),
    ):
        reply = other.emit("card:similar", payload, callback=True)
        assert reply["ok"] is False
        if field:
            assert field in reply["error"]["fields"]


@pytest.mark.parametrize("extended", [False, True])
def test_the_facilitators_own_synonyms_file_extends_matching(
    app, make_workshop, phone, socket_for, extended, socket_post
):
    if extended:  # instance/synonyms.txt: one group of equivalent terms a line
        (Path(app.instance_path) / "synonyms.txt").write_text("galodo, banjir bandang\n")
    ws = make_workshop()
    sector = ws.sector_ids[2]
    sock = socket_for(phone(ws, "Warga", sector=2), ws)
    card = card_of(
        socket_post(sock, sector, "Galodo merusak rumah di hulu sungai", client_id="sim-syn-001")
    )
    card_of(socket_post(sock, sector, "Sampah menumpuk di TPS pasar", client_id="sim-syn-002"))
    offered = [c["id"] for c in similar(sock, sector, "banjir bandang di hulu")]
    assert (card["id"] in offered) is extended
