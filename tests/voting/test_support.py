"""Supporting a card already on the board instead of posting it again (issue 26):
through the socket as a phone does, once a participant and card, never one's
own card nor a card one may not see, only while the board collects the kind;
the count reaches the facilitator on the card and comes back in a catch-up."""

from __future__ import annotations

from tests.conftest import card_of, events_of


def test_a_participant_supports_someone_else_s_card_once(
    make_workshop, phone, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    sector = ws.sector_ids[0]
    author = socket_for(phone(ws, "Andi"), ws)
    other = socket_for(phone(ws, "Budi"), ws)
    boss = socket_for(facilitator(ws), ws)
    card = card_of(socket_post(author, sector, "Antrean KTP-el sampai 3 jam"))
    assert card["supports"] == 0
    seen_by_budi = other.emit("sync", {"sector_id": sector}, callback=True)["snapshot"]["cards"]
    assert "support" in next(c for c in seen_by_budi if c["id"] == card["id"])["actions"]
    assert card["author"]["name"] == "Andi", "the page tells its own cards by their author"
    since = boss.emit("sync", {}, callback=True)["seq"]
    events_of(boss)

    reply = other.emit("card:support", {"card_id": card["id"]}, callback=True)
    assert reply == {"ok": True, "card_id": card["id"], "supports": 1, "added": True}
    updated = events_of(boss, "card.updated")
    assert [e["data"]["supports"] for e in updated] == [1]

    again = other.emit("card:support", {"card_id": card["id"]}, callback=True)
    assert again == {"ok": True, "card_id": card["id"], "supports": 1, "added": False}
    assert events_of(boss, "card.updated") == [], "a resend changes and sends nothing"

    # A facilitator who was away catches up on the count from the event log.
    caught_up = boss.emit("sync", {"since": since}, callback=True)
    assert caught_up["mode"] == "events"
    updates = [e for e in caught_up["events"] if e["type"] == "card.updated"]
    assert [e["data"]["supports"] for e in updates] == [1]
    cards = boss.emit("sync", {}, callback=True)["snapshot"]["cards"]
    assert next(c for c in cards if c["id"] == card["id"])["supports"] == 1


def test_one_s_own_card_a_hidden_card_and_staff_are_refused(
    make_workshop, phone, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    sector = ws.sector_ids[0]
    author = socket_for(phone(ws, "Andi"), ws)
    other = socket_for(phone(ws, "Budi"), ws)
    boss = socket_for(facilitator(ws), ws)
    card = card_of(socket_post(author, sector, "Pungli di loket"))
    hidden = card_of(socket_post(author, sector, "Petugas tidak ramah"))
    assert boss.emit("card:status", {"card_id": hidden["id"], "action": "hide"}, callback=True)[
        "ok"
    ]
    own = author.emit("card:support", {"card_id": card["id"]}, callback=True)
    assert own["error"]["code"] == "forbidden"
    unseen = other.emit("card:support", {"card_id": hidden["id"]}, callback=True)
    assert unseen["error"]["code"] == "not_found", "a hidden card is not told apart from none"
    staff = boss.emit("card:support", {"card_id": card["id"]}, callback=True)
    assert staff["error"]["code"] == "forbidden"
    bad = other.emit("card:support", {"card_id": "12"}, callback=True)
    assert bad["error"]["code"] == "invalid"
    cards = boss.emit("sync", {}, callback=True)["snapshot"]["cards"]
    assert {c["id"]: c["supports"] for c in cards} == {card["id"]: 0, hidden["id"]: 0}


def test_no_support_while_the_board_does_not_collect_the_kind(
    make_workshop, phone, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    sector = ws.sector_ids[0]
    author = socket_for(phone(ws, "Andi"), ws)
    other = socket_for(phone(ws, "Budi"), ws)
    boss = socket_for(facilitator(ws), ws)
    card = card_of(socket_post(author, sector, "Jaringan internet sering putus"))
    assert boss.emit("sector:lock", {"sector_id": sector, "locked": True}, callback=True)["ok"]
    closed = other.emit("card:support", {"card_id": card["id"]}, callback=True)
    assert closed["error"]["code"] == "forbidden"
    assert boss.emit("sector:lock", {"sector_id": sector, "locked": False}, callback=True)["ok"]
    assert other.emit("card:support", {"card_id": card["id"]}, callback=True)["ok"]
