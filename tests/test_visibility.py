"""What each viewer sees: anonymous mode, cards hidden until reveal, the approval
queue, hidden cards. Checked live and on resync, which must agree."""

from __future__ import annotations

import pytest

from tests.conftest import card_of, events_of
from workshop.core.models import Workshop
from workshop.exports.data import gather
from workshop.exports.json_export import document
from workshop.extensions import db
from workshop.realtime.policy import REPORT_VIEW, Settings


def setting(boss, **values):
    reply = boss.emit("settings:update", values, callback=True)
    assert reply["ok"], reply


def room(make_workshop, phone, presenter, facilitator, socket_for):
    ws = make_workshop()
    board = ws.sector_ids[0]
    author = socket_for(phone(ws, "Penulis"), ws)
    other = socket_for(phone(ws, "Rekan"), ws)
    projector = socket_for(presenter(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    for sock in (author, other):
        sock.emit("sync", {"sector_id": board}, callback=True)
    for sock in (projector, boss):
        sock.emit("sync", {}, callback=True)
    return ws, board, author, other, projector, boss


def snapshot_cards(sock, board=None):
    payload = {"sector_id": board} if board else {}
    return sock.emit("sync", payload, callback=True)["snapshot"]["cards"]


def test_anonymous_mode_hides_authors_from_everyone_but_the_facilitator(
    make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    _ws, board, author, other, projector, boss = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    setting(boss, anonymous=True)
    for sock in (author, other, projector, boss):
        sock.get_received()
    card_of(socket_post(author, board, "Antrean KTP-el", client_id="anon-card-1"))
    assert events_of(other, "card.created")[0]["data"]["author"] is None
    assert events_of(projector, "card.created")[0]["data"]["author"] is None
    assert events_of(boss, "card.created")[0]["data"]["author"]["name"] == "Penulis"
    assert events_of(author, "card.created")[-1]["data"]["author"]["name"] == "Penulis"
    assert snapshot_cards(other, board)[0]["author"] is None
    assert snapshot_cards(projector)[0]["author"] is None
    assert snapshot_cards(author, board)[0]["author"]["name"] == "Penulis"


def test_concealed_boards_show_each_participant_only_their_own_cards_until_reveal(
    make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    _ws, board, author, other, projector, boss = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    setting(boss, concealed=True)
    for sock in (author, other, projector, boss):
        sock.get_received()
    card_of(socket_post(author, board, "Rahasia sampai dibuka", client_id="hidden-card-1"))
    card_of(socket_post(other, board, "Punya rekan", client_id="hidden-card-2"))
    assert [e["data"]["text"] for e in events_of(author, "card.created")] == [
        "Rahasia sampai dibuka"
    ]
    assert events_of(projector, "card.created") == []
    assert len(events_of(boss, "card.created")) == 2
    assert [c["text"] for c in snapshot_cards(author, board)] == ["Rahasia sampai dibuka"]
    assert snapshot_cards(projector) == []

    setting(boss, concealed=False)
    (update,) = events_of(projector, "workshop.updated")
    assert update["data"]["settings"]["concealed"] is False
    assert len(snapshot_cards(projector)) == 2
    assert len(snapshot_cards(other, board)) == 2


def test_the_approval_queue_keeps_cards_off_the_projector_until_approved(
    make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    _ws, board, author, other, projector, boss = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    setting(boss, approval_required=True)
    for sock in (author, other, projector, boss):
        sock.get_received()
    card = card_of(socket_post(author, board, "Antrean KTP-el", client_id="queue-card-1"))
    assert card["status"] == "pending"
    assert events_of(projector) == [] and events_of(other) == []
    assert events_of(author, "card.created")[0]["data"]["status"] == "pending"
    assert boss.emit("card:status", {"card_id": card["id"], "action": "approve"}, callback=True)[
        "ok"
    ]
    (shown,) = events_of(projector, "card.updated")
    assert shown["data"]["status"] == "visible"
    assert snapshot_cards(other, board)[0]["id"] == card["id"]


def test_a_hidden_card_is_taken_off_every_screen_and_replayed_the_same_way(
    make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    ws, board, author, other, projector, boss = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    card = card_of(socket_post(author, board, "Kata kasar", client_id="hide-card-1"))
    seen = other.emit("sync", {"sector_id": board, "since": None}, callback=True)["seq"]
    other.disconnect()
    for sock in (projector, boss):
        sock.get_received()
    assert boss.emit("card:status", {"card_id": card["id"], "action": "hide"}, callback=True)["ok"]
    assert events_of(projector) == [
        {
            "seq": events_of(boss)[0]["seq"],
            "type": "card.removed",
            "sector_id": board,
            "data": {"id": card["id"]},
        }
    ]
    back = socket_for(phone(ws, "Rekan lagi"), ws)
    replay = back.emit("sync", {"sector_id": board, "since": seen}, callback=True)
    assert [e["type"] for e in replay["events"]] == ["card.removed"]
    assert snapshot_cards(projector) == []
    boss_cards = snapshot_cards(boss)
    assert boss_cards[0]["status"] == "hidden", "the facilitator can still restore it"


def phase(boss, kind):
    phases = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
    target = next(p for p in phases if p["kind"] == kind)
    assert boss.emit("phase:set", {"phase_id": target["id"]}, callback=True)["ok"]


def test_no_reply_to_a_participant_carries_what_they_may_not_see(
    make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    """Found in review: the reply to scoring returned the whole card (author in
    anonymous mode; hidden cards too). Every path a participant can name a
    card by id is checked here."""
    _ws, board, author, other, _projector, boss = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    card = card_of(socket_post(author, board, "Sumbatan rahasia", client_id="anon-score-1"))
    setting(boss, anonymous=True)
    phase(boss, "prioritise")
    reply = other.emit("card:assess", {"card_id": card["id"], "u": 3}, callback=True)
    assert reply["ok"] and reply["card"]["author"] is None, "no author in anonymous mode"

    boss.emit("card:status", {"card_id": card["id"], "action": "hide"}, callback=True)
    for event, payload in (
        ("card:assess", {"card_id": card["id"], "u": 5}),
        ("vote:cast", {"card_id": card["id"]}),
    ):
        reply = other.emit(event, payload, callback=True)
        assert reply["ok"] is False and reply["error"]["code"] == "not_found", event
    boss_cards = boss.emit("sync", {}, callback=True)["snapshot"]["cards"]
    assert boss_cards[0]["assessment"]["u"] == 3, "the hidden card's score was not changed"


def test_nobody_hangs_a_solution_under_a_card_they_cannot_see(
    make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    _ws, board, author, other, _projector, boss = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    setting(boss, approval_required=True)
    waiting = card_of(
        socket_post(author, board, "Menunggu persetujuan", client_id="queued-parent-1")
    )
    stranger = socket_post(
        other, None, "Intip", client_id="probe-solution-1", kind="solution", parent_id=waiting["id"]
    )
    assert stranger["ok"] is False and stranger["error"]["code"] == "not_found"
    own = socket_post(
        author,
        None,
        "Solusi sendiri",
        client_id="own-solution-1",
        kind="solution",
        parent_id=waiting["id"],
    )
    assert own["ok"], "the author may add to their own waiting card"


def test_concealed_boards_take_no_votes_on_unseen_cards(
    make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    _ws, board, author, other, _projector, boss = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    card = card_of(socket_post(author, board, "Belum dibuka", client_id="concealed-vote-1"))
    setting(boss, concealed=True)
    phase(boss, "vote")
    reply = other.emit("vote:cast", {"card_id": card["id"]}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "not_found"
    assert author.emit("vote:cast", {"card_id": card["id"]}, callback=True)["ok"]


def apply_events(cards, events):
    """What a client holds after these broadcasts (store.js applies them the same way)."""
    for message in events:
        data = message["data"]
        if message["type"] in ("card.created", "card.updated"):
            cards[data["id"]] = {**cards.get(data["id"], {}), **data}
        elif message["type"] == "card.removed":
            cards.pop(data["id"], None)
    return cards


def essentials(cards):
    keys = ("status", "text", "author", "actions", "rank_key", "parent_id")
    return {cid: {k: card.get(k) for k in keys} for cid, card in cards.items()}


@pytest.mark.parametrize(
    "settings",
    [{"anonymous": True, "approval_required": True}, {"concealed": True}, {}],
    ids=["anonymous-queue", "concealed", "open"],
)
def test_broadcast_replay_snapshot_and_exports_agree_for_every_viewer(
    app, make_workshop, phone, presenter, facilitator, socket_for, settings, socket_post
):
    ws, board, author, other, projector, boss = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    if settings:
        setting(boss, **settings)
    viewers = {"author": author, "other": other, "projector": projector, "boss": boss}
    start = {
        name: sock.emit(
            "sync", {"sector_id": board} if name in ("author", "other") else {}, callback=True
        )["seq"]
        for name, sock in viewers.items()
    }
    for sock in viewers.values():
        sock.get_received()
    first = card_of(socket_post(author, board, "Antrean KTP-el lama", client_id="agree-0001"))
    second = card_of(socket_post(author, board, "Blanko KTP-el habis", client_id="agree-0002"))
    card_of(socket_post(other, board, "Jaringan SIAK sering putus", client_id="agree-0003"))
    paper = boss.emit(
        "card:enter",
        {"client_id": "agree-0004", "kind": "bottleneck", "sector_id": board, "text": "Calo"},
        callback=True,
    )["card"]
    solution = socket_post(
        author,
        None,
        "Loket antrean daring",
        client_id="agree-0005",
        kind="solution",
        parent_id=first["id"],
    )
    assert solution["ok"], solution
    if settings.get("approval_required"):
        assert boss.emit(
            "card:status", {"card_id": first["id"], "action": "approve"}, callback=True
        )["ok"]
    assert boss.emit("card:status", {"card_id": second["id"], "action": "hide"}, callback=True)[
        "ok"
    ]
    assert boss.emit(
        "card:assess", {"card_id": paper["id"], "u": 5, "s": 4, "g": 4}, callback=True
    )["ok"]

    for name, sock in viewers.items():
        payload = {"sector_id": board} if name in ("author", "other") else {}
        live = essentials(apply_events({}, events_of(sock)))
        replayed = sock.emit("sync", {**payload, "since": start[name]}, callback=True)
        assert replayed["mode"] == "events"
        replay = essentials(apply_events({}, replayed["events"]))
        snap = essentials(
            {c["id"]: c for c in sock.emit("sync", payload, callback=True)["snapshot"]["cards"]}
        )
        assert live == replay == snap, name
        if name == "boss":
            whole = snap

    # What a filed report and the backup hold is what the policy lets them see.
    with app.app_context():
        workshop = db.session.get(Workshop, ws.id)
        policy = Settings.of(workshop)
        report = {
            row.card.id: row.author.name if row.author else None
            for result in gather(workshop).sectors
            for bottleneck in result.bottlenecks
            for row in (bottleneck, *bottleneck.solutions)
        }
        backup = document(workshop)
    cards = {c["id"]: c for c in boss.emit("sync", {}, callback=True)["snapshot"]["cards"]}
    assert set(cards) == set(whole)
    expected_report = {
        cid: (shown["author"] or {}).get("name")
        for cid, card in cards.items()
        if (shown := REPORT_VIEW.card(card, policy)) is not None
    }
    assert report == expected_report
    assert second["id"] not in report
    assert len(backup["cards"]) == len(cards)
    named = [c["author"] is not None for c in backup["cards"]]
    if settings.get("anonymous"):
        assert not any(named)
    else:
        assert any(named)
