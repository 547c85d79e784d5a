"""The page offers exactly what the server accepts.

For the rules the server tells the page (each card's `actions`, the
workshop's `open.gates`, the page config's `viewer.group_sector`), the real
static/js/shared/rules.js is asked, in node (tests/js/rules-driver.js), what a
participant's page offers on every card of every board, in every phase, with
causes open to every board or not; then the participant's socket tries each
of them, and the server accepts exactly those.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import card_of, events_of, post_through_socket
from tests.node import NodeDriver
from workshop.boards.services import post_card
from workshop.core.models import Participant, Workshop
from workshop.extensions import db
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.realtime.policy import STEERING_VIEW, participant_view
from workshop.web import page_config

GATED = ("vote", "assess", "solve", "cause")


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"EVENT_BURST": 100000}  # one participant tries every action in every phase


class RulesPage(NodeDriver):
    """The page's own rules.js, run by node."""

    def __init__(self) -> None:
        super().__init__("rules-driver.js")

    def offers(
        self, snapshot: dict[str, Any], viewer: dict[str, Any], asks: list[tuple[int, str]]
    ) -> list[bool]:
        return list(self.call(snapshot=snapshot, viewer=viewer, asks=asks)["offers"])

    def merges(
        self, snapshot: dict[str, Any], same: list[str], pairs: list[tuple[int, int]]
    ) -> list[bool]:
        return list(self.call(snapshot=snapshot, same=same, pairs=pairs)["offers"])

    def spotlights(
        self, snapshot: dict[str, Any], rule: dict[str, Any], ids: list[int]
    ) -> list[bool]:
        return list(self.call(snapshot=snapshot, spotlight=rule, ids=ids)["offers"])


@pytest.fixture
def page() -> Iterator[RulesPage]:
    rules = RulesPage()
    yield rules
    rules.close()


def board_of_cards(app, ws) -> list[int]:
    """A chosen bottleneck on each of three boards (the last locked), a solution
    and a cause under each: the cards a participant of the first board is asked about."""
    with app.app_context():
        workshop = db.session.get(Workshop, ws.id)
        ids = []
        for n, sector_id in enumerate(ws.sector_ids[:3]):
            bottleneck = post_card(
                workshop,
                None,
                {
                    "client_id": f"told-b-{n:04}",
                    "kind": "bottleneck",
                    "sector_id": sector_id,
                    "text": f"Sumbatan {n}",
                },
                by_facilitator=True,
            ).card
            bottleneck.analysed = True
            ids.append(bottleneck.id)
            for kind, extra in (("solution", {}), ("cause", {"bone": "man"})):
                child = post_card(
                    workshop,
                    None,
                    {
                        "client_id": f"told-{kind[0]}-{n:04}",
                        "kind": kind,
                        "parent_id": bottleneck.id,
                        "text": f"{kind} {n}",
                        **extra,
                    },
                    by_facilitator=True,
                ).card
                ids.append(child.id)
        workshop.sectors[2].locked = True
        workshop.vote_budget = 50
        commit_and_broadcast()
    return ids


def viewer_of(app, ws, name: str) -> dict[str, Any]:
    """The page config's viewer, as the board page is told it."""
    with app.app_context():
        workshop = db.session.get(Workshop, ws.id)
        me = db.session.scalars(db.select(Participant).where(Participant.name == name)).one()
        return dict(page_config(workshop, participant_view(me.id), me)["viewer"])


def attempt(sock: Any, action: str, card: dict[str, Any], n: int) -> dict[str, Any]:
    """The participant's page sends `action` on `card`, as its buttons do."""
    if action == "vote":
        return sock.emit("vote:cast", {"card_id": card["id"]}, callback=True)
    if action == "assess":
        return sock.emit("card:assess", {"card_id": card["id"], "u": 3}, callback=True)
    under = {"client_id": f"told-try-{n:05}", "parent_id": card["id"]}
    if action == "solve":
        return post_through_socket(sock, None, f"Coba {n}", kind="solution", **under)
    return post_through_socket(sock, None, f"Coba {n}", kind="cause", bone="man", **under)


def test_a_participant_s_page_offers_what_the_server_accepts(
    app, make_workshop, phone, facilitator, socket_for, page
):
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    me = socket_for(phone(ws, "Andi", sector=0), ws)
    ids = board_of_cards(app, ws)
    viewer = viewer_of(app, ws, "Andi")
    assert viewer["group_sector"] == ws.sector_ids[0]
    phases = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
    tried, gate_refusals = 0, set()
    offered_somewhere = {action: False for action in GATED}
    # Every phase; and the causes phase again with causes open to every board.
    settings = [(phase, False) for phase in phases]
    settings += [(phase, True) for phase in phases if phase["allow_causes"]]
    for phase, causes_open in settings:
        assert boss.emit("settings:update", {"causes_open": causes_open}, callback=True)["ok"]
        assert boss.emit("phase:set", {"phase_id": phase["id"]}, callback=True)["ok"]
        for sector_id in ws.sector_ids[:3]:
            snapshot = me.emit("sync", {"sector_id": sector_id}, callback=True)["snapshot"]
            cards = [c for c in snapshot["cards"] if c["id"] in ids]
            asks = [(c["id"], action) for c in cards for action in GATED]
            offers = page.offers(snapshot, viewer, asks)
            shown = {c["id"]: c for c in cards}
            for (card_id, action), offered in zip(asks, offers, strict=True):
                tried += 1
                reply = attempt(me, action, shown[card_id], tried)
                where = (phase["kind"], causes_open, shown[card_id]["kind"], sector_id, action)
                assert reply["ok"] is offered, (where, reply)
                offered_somewhere[action] |= offered
                if not reply["ok"] and action in shown[card_id]["actions"]:
                    gate_refusals.add(reply["error"]["code"])
    assert all(offered_somewhere.values()), offered_somewhere
    # A card that takes the action, refused by the phase's gate: forbidden, with its reason.
    assert gate_refusals == {"forbidden"}


def test_scoring_another_sector_s_bottleneck_is_forbidden_with_the_rule_s_reason(
    app, make_workshop, phone, facilitator, socket_for
):
    """Issue 29: the card exists and the participant sees it; the gate refuses it."""
    ws = make_workshop("Bimtek", phase="prioritise")
    me = socket_for(phone(ws, "Andi", sector=0), ws)
    ids = board_of_cards(app, ws)
    elsewhere = ids[3]  # the bottleneck of the second board
    snapshot = me.emit("sync", {"sector_id": ws.sector_ids[1]}, callback=True)["snapshot"]
    assert elsewhere in {card["id"] for card in snapshot["cards"]}, "the participant sees it"
    reply = me.emit("card:assess", {"card_id": elsewhere, "u": 4}, callback=True)
    assert reply["ok"] is False
    assert reply["error"]["code"] == "forbidden"
    assert (
        reply["error"]["message"] == "Hanya kelompok sektor ini yang memberi skor pada sumbatannya."
    )
    assert me.emit("card:assess", {"card_id": ids[0], "u": 4}, callback=True)["ok"]


def test_the_facilitator_s_page_offers_the_merges_the_server_accepts(
    app, make_workshop, phone, facilitator, socket_for, page
):
    """Merge candidates: cards of every status on two boards, of two kinds. The page
    offers a merge by each card's `merge` action and `rules.merge_same`; the server
    accepts exactly those (not across boards, not of a deleted card)."""
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    andi = socket_for(phone(ws, "Andi", sector=0), ws)
    ids = board_of_cards(app, ws)
    first, solution, second = ids[0], ids[1], ids[3]

    def post(sock: Any, client_id: str, event: str = "card:post") -> int:
        card = {"client_id": client_id, "kind": "bottleneck", "sector_id": ws.sector_ids[0]}
        reply = sock.emit(event, {**card, "text": client_id}, callback=True)
        assert reply["ok"], reply
        return int(reply["card"]["id"])

    hidden, deleted, twin = (post(boss, f"told-m-{n}", "card:enter") for n in range(3))
    merged = post(boss, "told-m-3", "card:enter")
    assert boss.emit("settings:update", {"approval_required": True}, callback=True)["ok"]
    pending = post(andi, "told-m-4")
    for card_id, action in ((hidden, "hide"), (deleted, "delete")):
        reply = boss.emit("card:status", {"card_id": card_id, "action": action}, callback=True)
        assert reply["ok"], reply
    merge = {"source_id": merged, "target_id": twin}
    assert boss.emit("card:merge", merge, callback=True)["ok"]
    candidates = [first, solution, second, hidden, deleted, twin, merged, pending]
    pairs = [(source, target) for source in candidates for target in candidates]
    snapshot = boss.emit("sync", {}, callback=True)["snapshot"]
    same = page_rules(app, ws)["merge_same"]
    offers = page.merges(snapshot, same, pairs)
    assert sum(offers) > 0
    for (source, target), offered in zip(pairs, offers, strict=True):
        reply = boss.emit("card:merge", {"source_id": source, "target_id": target}, callback=True)
        assert reply["ok"] is offered, (source, target, reply)
        if offered:
            assert boss.emit("card:unmerge", {"card_id": source}, callback=True)["ok"]
        else:
            assert reply["error"]["code"] == "invalid" and reply["error"]["message"]


def test_the_facilitator_s_page_offers_the_spotlights_the_server_accepts(
    app, make_workshop, phone, facilitator, socket_for, page
):
    """Cards of every status, with the boards concealed and not: the page offers
    the spotlight by `rules.spotlight`, and the server accepts exactly those."""
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    andi = socket_for(phone(ws, "Andi", sector=0), ws)
    shown = board_of_cards(app, ws)[0]
    entered = []
    for n in range(3):
        card = {"client_id": f"told-s-{n}", "kind": "bottleneck", "sector_id": ws.sector_ids[0]}
        reply = boss.emit("card:enter", {**card, "text": f"Kartu {n}"}, callback=True)
        entered.append(reply["card"]["id"])
    hidden, deleted, merged = entered
    for card_id, action in ((hidden, "hide"), (deleted, "delete")):
        assert boss.emit("card:status", {"card_id": card_id, "action": action}, callback=True)["ok"]
    assert boss.emit("card:merge", {"source_id": merged, "target_id": shown}, callback=True)["ok"]
    assert boss.emit("settings:update", {"approval_required": True}, callback=True)["ok"]
    pending = card_of(
        post_through_socket(andi, ws.sector_ids[0], "Menunggu", client_id="told-s-pending")
    )["id"]
    ids = [shown, hidden, deleted, merged, pending]
    rule = page_rules(app, ws)["spotlight"]
    for concealed in (False, True):
        assert boss.emit("settings:update", {"concealed": concealed}, callback=True)["ok"]
        snapshot = boss.emit("sync", {}, callback=True)["snapshot"]
        offers = page.spotlights(snapshot, rule, ids)
        assert offers[0] is not concealed, "a visible card, while the room sees the boards"
        for card_id, offered in zip(ids, offers, strict=True):
            reply = boss.emit("spotlight:set", {"card_id": card_id}, callback=True)
            assert reply["ok"] is offered, (card_id, concealed, reply)


def page_rules(app, ws) -> dict[str, Any]:
    """The rules the facilitator's page is told."""
    with app.app_context():
        workshop = db.session.get(Workshop, ws.id)
        return dict(page_config(workshop, STEERING_VIEW)["rules"])


def test_each_phase_says_whether_it_ranks_and_shows_the_results(
    app, make_workshop, facilitator, socket_for
):
    """The projector's results view and the facilitator's scoring progress follow
    what the server says of each phase (presenter-model.js and facilitator-model.js
    type none of it)."""
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    phases = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
    told = {p["kind"]: (p["ranks"], p["results"]) for p in phases}
    assert told == {
        "lobby": (False, False),
        "identify": (False, False),
        "group": (False, False),
        "vote": (False, False),
        "causes": (False, False),
        "solve": (False, False),
        "prioritise": (True, True),
        "close": (False, True),
    }
    # A phase that opens scoring ranks; a phase added last closes the day.
    vote = next(p for p in phases if p["kind"] == "vote")
    saved = {"id": vote["id"], "name": vote["name"], "allow_scoring": True}
    assert boss.emit("phase:save", saved, callback=True)["ok"]
    assert boss.emit("phase:save", {"name": "Penutup kedua"}, callback=True)["ok"]
    phases = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
    assert [(p["ranks"], p["results"]) for p in phases if p["id"] == vote["id"]] == [(True, True)]
    assert (phases[-1]["name"], phases[-1]["results"]) == ("Penutup kedua", True)
    assert [p["results"] for p in phases if p["kind"] == "close"] == [True]


def test_a_new_card_comes_with_its_tally_where_tallies_are_shown(
    make_workshop, phone, presenter, facilitator, socket_for
):
    """The server says a new card's tally (0): no page makes it up (store.js)."""
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    screen = socket_for(presenter(ws), ws)
    andi = socket_for(phone(ws, "Andi", sector=0), ws)
    andi.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    for revealed, n in ((True, 1), (False, 2)):
        assert boss.emit("settings:update", {"votes_revealed": revealed}, callback=True)["ok"]
        for sock in (boss, screen, andi):
            sock.get_received()
        card_of(post_through_socket(andi, ws.sector_ids[0], f"Baru {n}", client_id=f"told-new-{n}"))
        (for_boss,) = events_of(boss, "card.created")
        assert for_boss["data"]["votes"] == 0, "steering always sees tallies"
        for sock in (screen, andi):
            (created,) = events_of(sock, "card.created")
            assert created["data"].get("votes") == (0 if revealed else None), (revealed, created)


def test_the_board_page_is_told_where_it_goes_when_the_workshop_is_reopened(
    app, make_workshop, phone, facilitator, socket_for
):
    """The phone's board page follows the server's redirect, told in its config."""
    ws = make_workshop()
    browser = phone(ws, "Andi")
    page = browser.get(f"/w/{ws.code}/board").get_data(as_text=True)
    config = json.loads(page.split('id="page-config">', 1)[1].split("</script>", 1)[0])
    steering = facilitator(ws)
    assert steering.post(f"/w/{ws.code}/state/end").status_code == 303
    assert steering.post(f"/w/{ws.code}/state/follow_up").status_code == 303
    boss = socket_for(steering, ws)
    state = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["state"]
    reply = browser.get(f"/w/{ws.code}/board")
    assert reply.status_code == 303
    assert config["elsewhere"] == {state: reply.headers["Location"]}
