"""Dot voting: budget, cap, taking back, the phase rule, hidden tallies, and
the budget holding when many votes arrive at once."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from tests.conftest import events_of
from workshop.boards.services import post_card
from workshop.core.errors import DomainError
from workshop.core.models import Workshop
from workshop.core.votes import Vote
from workshop.extensions import db
from workshop.participants.services import join
from workshop.realtime.broadcast import commit_and_broadcast, rollback
from workshop.voting.services import cast_vote, retract_vote, votes_of
from workshop.workshops.services import create_workshop


def make_board(cards=3, phase="vote", **settings):
    """A workshop in the voting phase with `cards` bottlenecks and one voter."""
    workshop = create_workshop("Bimtek").workshop
    for name, value in settings.items():
        setattr(workshop, name, value)
    sector = workshop.active_sectors[0]
    workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "identify")
    voter = join(workshop, name="Andi", agency="Dinkes", position=None, sector_id=sector.id)
    made = [
        post_card(
            workshop,
            voter,
            {
                "client_id": f"vote-card-{n:03}",
                "kind": "bottleneck",
                "sector_id": sector.id,
                "text": f"Sumbatan {n}",
            },
        ).card
        for n in range(cards)
    ]
    workshop.phase_id = next(p.id for p in workshop.phases if p.kind == phase)
    commit_and_broadcast()
    return workshop, voter, made


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def test_the_budget_runs_out_and_taking_back_returns_a_dot(ctx):
    workshop, voter, cards = make_board()
    for card in cards:
        mine = cast_vote(workshop, voter.id, card.id)
    assert mine["left"]["bottleneck"] == 0
    with pytest.raises(DomainError) as caught:
        cast_vote(workshop, voter.id, cards[0].id)
    assert caught.value.code == "budget" and "3" in caught.value.message
    mine = retract_vote(workshop, voter.id, cards[0].id)
    assert mine["left"]["bottleneck"] == 1 and mine["cards"].get(str(cards[0].id)) is None
    cast_vote(workshop, voter.id, cards[1].id)
    assert votes_of(workshop, voter.id)["cards"][str(cards[1].id)] == 2


def test_the_cap_limits_dots_on_one_card(ctx):
    workshop, voter, cards = make_board(vote_cap=1)
    cast_vote(workshop, voter.id, cards[0].id)
    with pytest.raises(DomainError) as caught:
        cast_vote(workshop, voter.id, cards[0].id)
    assert caught.value.code == "cap"
    cast_vote(workshop, voter.id, cards[1].id)


def test_voting_follows_the_phase(ctx):
    workshop, voter, cards = make_board(phase="identify")
    with pytest.raises(DomainError) as caught:
        cast_vote(workshop, voter.id, cards[0].id)
    assert caught.value.code == "forbidden"
    # The facilitator may still vote for someone without a phone.
    cast_vote(workshop, voter.id, cards[0].id, by_facilitator=True)


def test_solutions_have_their_own_budget(ctx):
    workshop, voter, cards = make_board(phase="identify")
    solution = post_card(
        workshop,
        voter,
        {"client_id": "vote-sol-001", "kind": "solution", "parent_id": cards[0].id, "text": "SMS"},
    ).card
    workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "prioritise")
    with pytest.raises(DomainError):
        cast_vote(workshop, voter.id, cards[0].id)
    mine = cast_vote(workshop, voter.id, solution.id)
    assert mine["left"] == {"bottleneck": 3, "solution": 2, "cause": 3}


def test_hidden_and_deleted_cards_take_no_votes(ctx):
    workshop, voter, cards = make_board()
    cards[0].status = "hidden"
    with pytest.raises(DomainError) as caught:
        cast_vote(workshop, voter.id, cards[0].id)
    assert caught.value.code == "not_found"


def votes_at_once(app, workshop_id: int, voter_id: int, card_ids: list[int]) -> list[str]:
    """One thread per card id, each its own connection and transaction, all
    casting at the same instant; returns each one's outcome."""
    from workshop.dbwrites import writing

    barrier = threading.Barrier(len(card_ids))
    outcomes: list[str] = []

    def vote(card_id: int) -> None:
        with app.app_context(), writing():
            barrier.wait()
            try:
                ws = db.session.get(Workshop, workshop_id)
                cast_vote(ws, voter_id, card_id)
                commit_and_broadcast()
                outcomes.append("ok")
            except DomainError as err:
                rollback()
                outcomes.append(err.code)

    threads = [threading.Thread(target=vote, args=(cid,)) for cid in card_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(outcomes)


def test_the_budget_holds_when_many_votes_arrive_at_once(app):
    """Eight threads cast at once with a budget of three."""
    with app.app_context():
        workshop, voter, cards = make_board(cards=8, vote_budget=3)
        ids = (workshop.id, voter.id, [c.id for c in cards])
    assert votes_at_once(app, *ids) == ["budget"] * 5 + ["ok"] * 3
    with app.app_context():
        assert db.session.scalar(select(func.count(Vote.id))) == 3


def test_the_cap_holds_when_one_card_gets_many_votes_at_once(app):
    with app.app_context():
        workshop, voter, cards = make_board(cards=1, vote_budget=10, vote_cap=2)
        ids = (workshop.id, voter.id, [cards[0].id] * 6)
    assert votes_at_once(app, *ids) == ["cap"] * 4 + ["ok"] * 2


def test_tallies_reach_phones_only_once_revealed(
    app, make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    writer = socket_for(phone(ws, "Penulis"), ws)
    writer.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    card = socket_post(writer, ws.sector_ids[0], "Antrean", client_id="tally-card-1")["card"]
    boss = socket_for(facilitator(ws), ws)
    vote_phase = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"][3]
    assert boss.emit("phase:set", {"phase_id": vote_phase["id"]}, callback=True)["ok"]
    assert boss.emit("settings:update", {"votes_revealed": False}, callback=True)["ok"]
    projector = socket_for(presenter(ws), ws)
    projector.emit("sync", {}, callback=True)
    voter = socket_for(phone(ws, "Pemilih"), ws)
    voter.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    for sock in (projector, writer, boss):
        sock.get_received()

    reply = voter.emit("vote:cast", {"card_id": card["id"]}, callback=True)
    assert reply["ok"] and reply["my_votes"]["cards"] == {str(card["id"]): 1}
    assert events_of(projector, "votes.updated") == []
    assert events_of(writer, "votes.updated") == []
    assert events_of(boss, "votes.updated")[0]["data"]["votes"] == 1
    snap = projector.emit("sync", {}, callback=True)["snapshot"]
    assert "votes" not in snap["cards"][0]

    boss.emit("settings:update", {"votes_revealed": True}, callback=True)
    snap = projector.emit("sync", {}, callback=True)["snapshot"]
    assert snap["cards"][0]["votes"] == 1
    voter.emit("vote:cast", {"card_id": card["id"]}, callback=True)
    assert events_of(projector, "votes.updated")[-1]["data"]["votes"] == 2
