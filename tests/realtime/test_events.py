"""Socket handlers with several real test clients: rooms, isolation, resync."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import events_of


def watch(sock: Any, sector_id: int | None = None, since: int | None = None) -> dict[str, Any]:
    reply = sock.emit("sync", {"sector_id": sector_id, "since": since}, callback=True)
    assert reply["ok"], reply
    return reply


def test_a_post_reaches_its_board_and_staff_and_nobody_else(
    make_workshop, phone, facilitator, presenter, socket_for, socket_post
):
    ws = make_workshop()
    other_ws = make_workshop("Bimtek lain")
    health, education = ws.sector_ids[1], ws.sector_ids[0]

    author = socket_for(phone(ws, "Penulis", sector=1), ws)
    same_board = socket_for(phone(ws, "Rekan", sector=1), ws)
    other_board = socket_for(phone(ws, "Guru", sector=0), ws)
    projector = socket_for(presenter(ws), ws)
    laptop = socket_for(facilitator(ws), ws)
    elsewhere = socket_for(phone(other_ws, "Orang lain"), other_ws)
    elsewhere_staff = socket_for(facilitator(other_ws), other_ws)

    watch(author, health)
    watch(same_board, health)
    watch(other_board, education)
    watch(projector)
    watch(laptop)
    watch(elsewhere, other_ws.sector_ids[1])
    watch(elsewhere_staff)
    for sock in (author, same_board, other_board, projector, laptop, elsewhere, elsewhere_staff):
        sock.get_received()

    reply = socket_post(author, health, "Antrean KTP-el sampai 3 jam", client_id="client-0001")
    assert reply["ok"] is True
    assert reply["card"]["text"] == "Antrean KTP-el sampai 3 jam"
    assert reply["card"]["author"]["name"] == "Penulis"

    for sock in (author, same_board, projector, laptop):
        created = events_of(sock, "card.created")
        assert [e["data"]["id"] for e in created] == [reply["card"]["id"]]
    for sock in (other_board, elsewhere, elsewhere_staff):
        assert events_of(sock, "card.created") == []


def test_every_broadcast_carries_an_increasing_sequence_number(
    make_workshop, phone, presenter, socket_for, socket_post
):
    ws = make_workshop()
    author = socket_for(phone(ws), ws)
    projector = socket_for(presenter(ws), ws)
    start = watch(projector)["seq"]
    watch(author, ws.sector_ids[0])
    projector.get_received()
    for n in range(3):
        assert socket_post(
            author, ws.sector_ids[0], "Antrean KTP-el sampai 3 jam", client_id=f"client-seq-{n}"
        )["ok"]
    seqs = [e["seq"] for e in events_of(projector)]
    assert seqs == [start + 1, start + 2, start + 3]


def test_a_solution_goes_under_its_bottleneck_on_the_same_board(
    make_workshop, phone, presenter, socket_for, socket_post
):
    ws = make_workshop()
    author = socket_for(phone(ws, sector=2), ws)
    projector = socket_for(presenter(ws), ws)
    watch(author, ws.sector_ids[2])
    watch(projector)
    parent = socket_post(
        author, ws.sector_ids[2], "Antrean KTP-el sampai 3 jam", client_id="client-parent"
    )["card"]
    projector.get_received()
    reply = socket_post(
        author,
        None,
        "Bank sampah di tiap kelurahan",
        client_id="client-child",
        kind="solution",
        parent_id=parent["id"],
    )
    assert reply["ok"], reply
    (event,) = events_of(projector, "card.created")
    assert event["data"]["parent_id"] == parent["id"]
    assert event["data"]["sector_id"] == ws.sector_ids[2]


def test_reconnect_with_an_old_sequence_number_receives_exactly_what_was_missed(
    make_workshop, phone, socket_for, socket_post
):
    ws = make_workshop()
    board = ws.sector_ids[3]
    reader_browser = phone(ws, "Pembaca", sector=3)
    reader = socket_for(reader_browser, ws)
    writer = socket_for(phone(ws, "Penulis", sector=3), ws)
    watch(writer, board)
    before = socket_post(writer, board, "Antrean KTP-el sampai 3 jam", client_id="client-before")[
        "card"
    ]
    last_seen = watch(reader, board)["seq"]
    reader.disconnect()

    missed = [
        socket_post(writer, board, f"Sumbatan {n}", client_id=f"client-missed-{n}")["card"]["id"]
        for n in range(3)
    ]
    # A card on another board and a roster change happen too; the reader must not get them.
    other = socket_for(phone(ws, "Lain", sector=0), ws)
    watch(other, ws.sector_ids[0])
    socket_post(
        other, ws.sector_ids[0], "Antrean KTP-el sampai 3 jam", client_id="client-elsewhere"
    )

    back = socket_for(reader_browser, ws)
    reply = watch(back, board, since=last_seen)
    assert reply["mode"] == "events"
    got = [e["data"]["id"] for e in reply["events"] if e["type"] == "card.created"]
    assert got == missed
    assert before["id"] not in got
    assert all(e["seq"] > last_seen for e in reply["events"])
    assert reply["seq"] > last_seen


@pytest.mark.parametrize("app_config", [{"SYNC_MAX_EVENTS": 2}])
def test_a_large_gap_is_answered_with_a_snapshot(
    make_workshop, phone, socket_for, app_config, socket_post
):
    ws = make_workshop()
    board = ws.sector_ids[0]
    browser = phone(ws)
    sock = socket_for(browser, ws)
    start = watch(sock, board)["seq"]
    for n in range(5):
        socket_post(sock, board, f"Kartu {n}", client_id=f"client-gap-{n}")
    reply = watch(sock, board, since=start)
    assert reply["mode"] == "snapshot"
    texts = [c["text"] for c in reply["snapshot"]["cards"]]
    assert texts == [f"Kartu {n}" for n in range(5)]
    assert reply["snapshot"]["workshop"]["code"] == ws.code


def test_first_sync_is_a_snapshot_of_the_watched_board_only(
    make_workshop, phone, socket_for, socket_post
):
    ws = make_workshop()
    a = socket_for(phone(ws, sector=0), ws)
    watch(a, ws.sector_ids[0])
    socket_post(a, ws.sector_ids[0], "Di papan A", client_id="client-board-a")
    b = socket_for(phone(ws, "B", sector=1), ws)
    snap = watch(b, ws.sector_ids[1])
    assert snap["mode"] == "snapshot" and snap["snapshot"]["cards"] == []
    switched = watch(b, ws.sector_ids[0])
    assert [c["text"] for c in switched["snapshot"]["cards"]] == ["Di papan A"]


def test_switching_boards_moves_the_phone_to_the_new_board_room(
    make_workshop, phone, socket_for, socket_post
):
    ws = make_workshop()
    reader = socket_for(phone(ws, "Pembaca", sector=0), ws)
    writer = socket_for(phone(ws, "Penulis", sector=1), ws)
    watch(reader, ws.sector_ids[0])
    watch(reader, ws.sector_ids[1])
    reader.get_received()
    watch(writer, ws.sector_ids[1])
    socket_post(writer, ws.sector_ids[1], "Antrean KTP-el sampai 3 jam", client_id="client-room-1")
    watch(writer, ws.sector_ids[0])
    socket_post(writer, ws.sector_ids[0], "Antrean KTP-el sampai 3 jam", client_id="client-room-0")
    received = [e["data"]["client_id"] for e in events_of(reader, "card.created")]
    assert received == ["client-room-1"]


def test_a_double_tap_is_stored_once(make_workshop, phone, presenter, socket_for, app, socket_post):
    ws = make_workshop()
    sock = socket_for(phone(ws), ws)
    projector = socket_for(presenter(ws), ws)
    watch(sock, ws.sector_ids[0])
    watch(projector)
    projector.get_received()
    first = socket_post(
        sock, ws.sector_ids[0], "Antrean KTP-el sampai 3 jam", client_id="client-double"
    )
    second = socket_post(
        sock, ws.sector_ids[0], "Antrean KTP-el sampai 3 jam", client_id="client-double"
    )
    assert first["ok"] and second["ok"]
    assert second["card"]["id"] == first["card"]["id"]
    assert second["duplicate"] is True
    assert len(events_of(projector, "card.created")) == 1
    snap = watch(projector)
    assert len(snap["snapshot"]["cards"]) == 1


def test_connecting_without_joining_is_refused(make_workshop, app, socket_for):
    ws = make_workshop()
    stranger = socket_for(app.test_client(), ws)
    assert not stranger.is_connected()
    nowhere = socket_for(app.test_client(), "ZZZZZZ")
    assert not nowhere.is_connected()


def test_a_participant_cannot_enter_another_workshop(make_workshop, phone, socket_for):
    mine, theirs = make_workshop(), make_workshop("Lain")
    browser = phone(mine)
    assert not socket_for(browser, theirs).is_connected()


def test_staff_cannot_post_as_a_participant(make_workshop, facilitator, socket_for, socket_post):
    ws = make_workshop()
    laptop = socket_for(facilitator(ws), ws)
    reply = socket_post(
        laptop, ws.sector_ids[0], "Antrean KTP-el sampai 3 jam", client_id="client-staff"
    )
    assert reply["ok"] is False and reply["error"]["code"] == "forbidden"


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ("not an object", "invalid", None),
        ({"kind": "bottleneck", "text": "x", "sector_id": 1}, "invalid", "client_id"),
        ({"client_id": "client-kind", "kind": "poem", "text": "x"}, "invalid", "kind"),
        ({"client_id": "client-empty", "kind": "bottleneck", "text": "   "}, "invalid", "text"),
        ({"client_id": "client-long", "kind": "bottleneck", "text": "a" * 501}, "invalid", "text"),
        ({"client_id": "client-type", "kind": "bottleneck", "text": 12}, "invalid", "text"),
        ({"client_id": "client-nosector", "kind": "bottleneck", "text": "x"}, "not_found", None),
        (
            {"client_id": "client-orphan", "kind": "solution", "text": "x", "parent_id": 999},
            "not_found",
            None,
        ),
    ],
)
def test_bad_posts_get_a_clear_error_and_store_nothing(
    make_workshop, phone, presenter, socket_for, payload, code, field
):
    ws = make_workshop()
    sock = socket_for(phone(ws), ws)
    if isinstance(payload, dict) and payload.get("kind") == "bottleneck" and "sector_id" in payload:
        payload = {**payload, "sector_id": ws.sector_ids[0]}
    reply = sock.emit("card:post", payload, callback=True)
    assert reply["ok"] is False
    assert reply["error"]["code"] == code
    assert reply["error"]["message"]
    if field:
        assert field in reply["error"]["fields"]
    projector = socket_for(presenter(ws), ws)
    assert watch(projector)["snapshot"]["cards"] == []


def test_unknown_events_get_an_error(make_workshop, phone, socket_for):
    ws = make_workshop()
    sock = socket_for(phone(ws), ws)
    reply = sock.emit("card:explode", {"x": 1}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "unknown_event"


def test_the_catch_all_name_is_an_unknown_event_too(make_workshop, phone, socket_for):
    """python-socketio's own catch-all name `*`, sent as an event, is answered like
    any other unknown name (it used to reach the handler without its name)."""
    ws = make_workshop()
    sock = socket_for(phone(ws), ws)
    reply = sock.emit("*", {}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "unknown_event"
    sock.emit("*", {})  # no acknowledgement id: no answer
    assert sock.get_received() == []
    assert watch(sock, ws.sector_ids[0])["ok"] is True, "the socket still works"


def test_sync_rejects_a_board_of_another_workshop(make_workshop, phone, socket_for):
    ws, other = make_workshop(), make_workshop("Lain")
    sock = socket_for(phone(ws), ws)
    reply = sock.emit("sync", {"sector_id": other.sector_ids[0]}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "not_found"
    reply = sock.emit("sync", {"sector_id": ws.sector_ids[0], "since": "abc"}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "invalid"


def test_staff_snapshot_has_every_board_and_the_roster(
    make_workshop, phone, presenter, socket_for, socket_post
):
    ws = make_workshop()
    for n, sector in enumerate((0, 0, 4)):
        sock = socket_for(phone(ws, f"Peserta {n}", sector=sector), ws)
        watch(sock, ws.sector_ids[sector])
        socket_post(
            sock,
            ws.sector_ids[sector],
            "Antrean KTP-el sampai 3 jam",
            client_id=f"client-roster-{n}",
        )
    snap = watch(socket_for(presenter(ws), ws))["snapshot"]
    assert len(snap["cards"]) == 3
    assert snap["roster"]["total"] == 3
    assert snap["roster"]["per_sector"] == {str(ws.sector_ids[0]): 2, str(ws.sector_ids[4]): 1}
    assert [s["name"] for s in snap["workshop"]["sectors"]][:2] == ["Pendidikan", "Kesehatan"]


def test_joining_is_broadcast_to_staff_only(make_workshop, phone, presenter, socket_for):
    ws = make_workshop()
    projector = socket_for(presenter(ws), ws)
    early = socket_for(phone(ws, "Awal"), ws)
    watch(projector)
    watch(early, ws.sector_ids[0])
    projector.get_received()
    early.get_received()
    phone(ws, "Baru", sector=2)
    (update,) = events_of(projector, "roster.updated")
    assert update["data"]["total"] == 2
    assert events_of(early) == []


def test_a_phone_watching_a_removed_board_is_moved_to_its_own(
    make_workshop, phone, facilitator, socket_for
):
    ws = make_workshop()
    browser = phone(ws, sector=1)
    sock = socket_for(browser, ws)
    seen = watch(sock, ws.sector_ids[5])["seq"]
    sock.disconnect()
    laptop = facilitator(ws)
    assert laptop.post(f"/w/{ws.code}/sectors/{ws.sector_ids[5]}/remove").status_code == 303
    back = socket_for(browser, ws)
    reply = back.emit("sync", {"sector_id": ws.sector_ids[5], "since": seen}, callback=True)
    assert reply["ok"] and reply["mode"] == "snapshot"
    assert reply["snapshot"]["sector_id"] == ws.sector_ids[1]


@pytest.mark.parametrize(
    "payload",
    [
        {"category": ["U1"]},
        {"category": {"a": 1}},
        {"sector_id": 2**70},
        {"kind": "solution", "parent_id": 2**70},
        {"text": {"$gt": ""}},
        {"client_id": ["x" * 10]},
    ],
)
def test_odd_types_are_invalid_not_internal(make_workshop, phone, socket_for, payload):
    ws = make_workshop()
    sock = socket_for(phone(ws), ws)
    base = {
        "client_id": "client-odd-1",
        "kind": "bottleneck",
        "sector_id": ws.sector_ids[0],
        "text": "Teks",
    }
    reply = sock.emit("card:post", {**base, **payload}, callback=True)
    assert reply["ok"] is False
    assert reply["error"]["code"] in ("invalid", "not_found")
