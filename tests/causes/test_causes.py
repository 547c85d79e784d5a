"""Root causes from phones: a fishbone and a problem tree per chosen bottleneck.

Over real socket clients: who may add causes where, how deep, what each viewer
sees of them (concealed and anonymous modes), root marks, solutions that
address a root cause, and replay after a reconnect.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import events_of


def ok(reply: dict[str, Any]) -> dict[str, Any]:
    assert reply["ok"], reply
    return reply


def refused(reply: dict[str, Any], code: str) -> None:
    assert reply["ok"] is False, reply
    assert reply["error"]["code"] == code, reply


@pytest.fixture
def cause(socket_post):
    """`cause(sock, parent, client_id, text, bone="man")`: post a cause; the ack."""

    def post_cause(sock, parent: int, client_id: str, text: str, bone: str | None = "man") -> dict:
        extra = {} if bone is None else {"bone": bone}
        return socket_post(
            sock, None, text, kind="cause", client_id=client_id, parent_id=parent, **extra
        )

    return post_cause


@pytest.fixture
def room(make_workshop, phone, presenter, facilitator, socket_for, socket_post):
    """A workshop with one bottleneck on the first board, chosen for analysis, in the
    root-causes phase; two phones of that sector, one of another, the projector."""
    ws = make_workshop()
    board, other_board = ws.sector_ids[0], ws.sector_ids[1]
    author = socket_for(phone(ws, "Penulis"), ws)
    mate = socket_for(phone(ws, "Rekan"), ws)
    stranger = socket_for(phone(ws, "Tamu", sector=1), ws)
    projector = socket_for(presenter(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    bottleneck = ok(socket_post(author, board, "Pungli pencetakan KTP-el", client_id="rc-b-0001"))[
        "card"
    ]
    ok(boss.emit("causes:choose", {"card_id": bottleneck["id"], "chosen": True}, callback=True))
    phases = ok(boss.emit("sync", {}, callback=True))["snapshot"]["workshop"]["phases"]
    causes_phase = next(p for p in phases if p["kind"] == "causes")
    ok(boss.emit("phase:set", {"phase_id": causes_phase["id"]}, callback=True))
    for sock, sector in ((author, board), (mate, board), (stranger, other_board)):
        ok(sock.emit("sync", {"sector_id": sector}, callback=True))
    ok(projector.emit("sync", {}, callback=True))
    for sock in (author, mate, stranger, projector, boss):
        sock.get_received()
    return {
        "ws": ws,
        "board": board,
        "bottleneck": bottleneck,
        "author": author,
        "mate": mate,
        "stranger": stranger,
        "projector": projector,
        "boss": boss,
    }


def test_the_sectors_group_builds_a_fishbone_and_a_tree_live(room, cause):
    bottleneck, author, mate = room["bottleneck"], room["author"], room["mate"]
    first = ok(cause(author, bottleneck["id"], "rc-c-0001", "Calo di depan kantor"))["card"]
    assert (first["bone"], first["depth"], first["root"]) == ("man", 1, False)
    # "Why?" under a cause keeps its bone, one level deeper.
    why = ok(cause(mate, first["id"], "rc-c-0002", "Warga tidak tahu layanan gratis", None))
    assert (why["card"]["bone"], why["card"]["depth"]) == ("man", 2)
    # Everyone on the board and the projector see both, as they arrive.
    for sock in (author, mate, room["projector"], room["boss"]):
        texts = [e["data"]["text"] for e in events_of(sock, "card.created")]
        assert "Calo di depan kantor" in texts and "Warga tidak tahu layanan gratis" in texts
    # A participant watching another board hears nothing of it.
    assert events_of(room["stranger"], "card.created") == []


def test_causes_go_only_as_deep_as_the_facilitator_allows(room, cause):
    author, boss, bottleneck = room["author"], room["boss"], room["bottleneck"]
    ok(boss.emit("settings:update", {"cause_depth": 2}, callback=True))
    one = ok(cause(author, bottleneck["id"], "rc-d-0001", "Level satu"))["card"]
    two = ok(cause(author, one["id"], "rc-d-0002", "Level dua", None))["card"]
    assert "cause" not in two["actions"]
    refused(cause(author, two["id"], "rc-d-0003", "Level tiga", None), "not_found")
    refused(boss.emit("settings:update", {"cause_depth": 9}, callback=True), "invalid")


def test_only_chosen_bottlenecks_take_causes_and_only_on_a_known_bone(room, cause):
    author, boss, board = room["author"], room["boss"], room["board"]
    other = ok(
        boss.emit(
            "card:enter",
            {"client_id": "rc-e-0001", "kind": "bottleneck", "sector_id": board, "text": "Lain"},
            callback=True,
        )
    )["card"]
    refused(cause(author, other["id"], "rc-e-0002", "Belum dipilih"), "not_found")
    refused(cause(author, room["bottleneck"]["id"], "rc-e-0003", "Tulang asing", "x"), "invalid")
    refused(cause(author, room["bottleneck"]["id"], "rc-e-0004", "Tanpa tulang", None), "invalid")


def test_another_sectors_participant_adds_causes_only_when_the_facilitator_allows(room, cause):
    stranger, boss, bottleneck = room["stranger"], room["boss"], room["bottleneck"]
    refused(cause(stranger, bottleneck["id"], "rc-s-0001", "Dari sektor lain"), "forbidden")
    ok(boss.emit("settings:update", {"causes_open": True}, callback=True))
    ok(cause(stranger, bottleneck["id"], "rc-s-0002", "Dari sektor lain"))


def test_causes_are_collected_only_in_a_phase_that_asks_for_them(room, cause):
    author, boss, bottleneck = room["author"], room["boss"], room["bottleneck"]
    phases = ok(boss.emit("sync", {}, callback=True))["snapshot"]["workshop"]["phases"]
    vote = next(p for p in phases if p["kind"] == "vote")
    ok(boss.emit("phase:set", {"phase_id": vote["id"]}, callback=True))
    refused(cause(author, bottleneck["id"], "rc-p-0001", "Terlambat"), "forbidden")


def test_root_marks_and_a_solution_that_addresses_a_root_cause(room, cause, socket_post):
    author, boss, bottleneck = room["author"], room["boss"], room["bottleneck"]
    root = ok(cause(author, bottleneck["id"], "rc-r-0001", "Blanko KTP-el habis", "material"))
    root = root["card"]
    refused(
        author.emit("cause:root", {"card_id": root["id"], "root": True}, callback=True), "forbidden"
    )
    marked = ok(boss.emit("cause:root", {"card_id": root["id"], "root": True}, callback=True))
    assert marked["card"]["root"] is True
    assert [e["data"]["root"] for e in events_of(author, "card.updated")] == [True]
    boss.emit("phase:step", {"direction": 1}, callback=True)  # to the solutions phase
    solution = ok(
        socket_post(
            author,
            None,
            "Stok penyangga blanko",
            client_id="rc-r-0002",
            kind="solution",
            parent_id=bottleneck["id"],
            addresses_id=root["id"],
        )
    )["card"]
    assert solution["addresses"] == root["id"]
    # Only a cause of that same bottleneck can be addressed.
    refused(
        socket_post(
            author,
            None,
            "Salah alamat",
            client_id="rc-r-0003",
            kind="solution",
            parent_id=bottleneck["id"],
            addresses_id=bottleneck["id"],
        ),
        "invalid",
    )


def test_concealed_and_anonymous_causes_follow_the_same_rules_as_every_card(room, cause):
    author, mate, projector, boss = room["author"], room["mate"], room["projector"], room["boss"]
    ok(boss.emit("settings:update", {"concealed": True, "anonymous": True}, callback=True))
    for sock in (author, mate, projector, boss):
        sock.get_received()
    # Concealed: the bottleneck itself is now hidden from the mate, so they cannot
    # hang a cause on it; its author can, and sees their own cause.
    refused(cause(mate, room["bottleneck"]["id"], "rc-v-0001", "Tak terlihat"), "not_found")
    mine = ok(cause(author, room["bottleneck"]["id"], "rc-v-0002", "Punya saya"))["card"]
    assert mine["author"]["name"] == "Penulis"
    assert events_of(mate, "card.created") == []
    assert events_of(projector, "card.created") == []
    assert [e["data"]["id"] for e in events_of(boss, "card.created")] == [mine["id"]]
    # Revealed, but anonymous: everyone sees it, nobody but its author and staff who wrote it.
    ok(boss.emit("settings:update", {"concealed": False}, callback=True))
    for sock, named in ((mate, False), (projector, False), (author, True), (boss, True)):
        cards = ok(
            sock.emit(
                "sync",
                {"sector_id": room["board"]} if sock in (mate, author) else {},
                callback=True,
            )
        )["snapshot"]["cards"]
        shown = next(c for c in cards if c["id"] == mine["id"])
        assert (shown["author"] is not None) is named


def test_a_phone_that_was_away_gets_the_causes_it_missed(room, cause):
    author, mate, bottleneck = room["author"], room["mate"], room["bottleneck"]
    since = ok(mate.emit("sync", {"sector_id": room["board"]}, callback=True))["seq"]
    mate.disconnect()
    first = ok(cause(author, bottleneck["id"], "rc-x-0001", "Jaringan SIAK down", "machine"))
    ok(cause(author, first["card"]["id"], "rc-x-0002", "Server pusat lambat", None))
    mate.connect(auth={"workshop": room["ws"].code})
    reply = ok(mate.emit("sync", {"sector_id": room["board"], "since": since}, callback=True))
    assert reply["mode"] == "events"
    assert [e["data"]["text"] for e in reply["events"] if e["type"] == "card.created"] == [
        "Jaringan SIAK down",
        "Server pusat lambat",
    ]


def test_the_facilitator_chooses_the_top_bottlenecks_of_every_sector(room):
    boss, board = room["boss"], room["board"]
    second = ok(
        boss.emit(
            "card:enter",
            {"client_id": "rc-t-0001", "kind": "bottleneck", "sector_id": board, "text": "Dua"},
            callback=True,
        )
    )["card"]
    assert second["analysed"] is False
    ok(boss.emit("card:assess", {"card_id": second["id"], "u": 5, "s": 5, "g": 5}, callback=True))
    chosen = ok(boss.emit("causes:choose_top", {"count": 1, "by": "usg"}, callback=True))
    assert chosen["chosen"] == [second["id"]]
    refused(boss.emit("causes:choose_top", {"count": 9, "by": "usg"}, callback=True), "invalid")
    refused(
        room["author"].emit("causes:choose_top", {"count": 1, "by": "usg"}, callback=True),
        "forbidden",
    )


def test_bones_are_edited_without_losing_a_cause(room, cause):
    author, boss = room["author"], room["boss"]
    ok(cause(author, room["bottleneck"]["id"], "rc-k-0001", "Petugas kurang", "man"))
    bones = ok(boss.emit("sync", {}, callback=True))["snapshot"]["workshop"]["bones"]
    assert [b["name"] for b in bones][:2] == ["Manusia", "Metode"]
    renamed = [{**b, "name": "SDM"} if b["key"] == "man" else b for b in bones]
    saved = ok(boss.emit("bones:save", {"bones": [*renamed, {"name": "Regulasi"}]}, callback=True))
    assert saved["bones"][0] == {"key": "man", "name": "SDM"}
    assert saved["bones"][-1]["name"] == "Regulasi" and saved["bones"][-1]["key"]
    without_man = [b for b in saved["bones"] if b["key"] != "man"]
    refused(boss.emit("bones:save", {"bones": without_man}, callback=True), "invalid")
