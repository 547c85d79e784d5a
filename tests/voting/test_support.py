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


def test_supports_follow_a_merge_and_come_back_on_unmerge(
    make_workshop, phone, facilitator, socket_for, socket_post
):
    """The facilitator merges a duplicate: the people who supported it now count
    on the card it went into, each once, and an unmerge gives them back."""
    ws = make_workshop()
    sector = ws.sector_ids[0]
    andi = socket_for(phone(ws, "Andi"), ws)
    budi = socket_for(phone(ws, "Budi"), ws)
    citra = socket_for(phone(ws, "Citra"), ws)
    eka = socket_for(phone(ws, "Eka"), ws)
    boss = socket_for(facilitator(ws), ws)
    target = card_of(socket_post(andi, sector, "Antrean KTP-el sampai 3 jam"))
    source = card_of(socket_post(budi, sector, "antri e-KTP berjam-jam"))
    pairs = ((budi, target), (citra, target), (citra, source), (andi, source), (eka, source))
    for who, card in pairs:
        assert who.emit("card:support", {"card_id": card["id"]}, callback=True)["ok"]

    def counts() -> dict[int, int]:
        cards = boss.emit("sync", {}, callback=True)["snapshot"]["cards"]
        return {c["id"]: c["supports"] for c in cards if c["id"] in (target["id"], source["id"])}

    assert counts() == {target["id"]: 2, source["id"]: 3}
    merged = boss.emit(
        "card:merge", {"source_id": source["id"], "target_id": target["id"]}, callback=True
    )
    assert merged["ok"], merged
    # Budi, Citra and Eka; Andi's support was on a duplicate of his own card.
    assert counts()[target["id"]] == 3
    again = citra.emit("card:support", {"card_id": target["id"]}, callback=True)
    assert again["added"] is False and again["supports"] == 3, "Citra counts once"

    dani = socket_for(phone(ws, "Dani"), ws)
    assert dani.emit("card:support", {"card_id": target["id"]}, callback=True)["supports"] == 4
    assert boss.emit("card:unmerge", {"card_id": source["id"]}, callback=True)["ok"]
    assert counts() == {target["id"]: 3, source["id"]: 3}
