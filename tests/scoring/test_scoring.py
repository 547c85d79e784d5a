"""USG scoring, APKL, who may score, and the ranking's tie-break rule."""

from __future__ import annotations

import pytest

from workshop.boards.services import post_card
from workshop.core.access import Identity
from workshop.core.errors import DomainError
from workshop.exports.data import gather
from workshop.participants.services import join
from workshop.scoring.services import assess
from workshop.state.sync import cards_of
from workshop.workshops.services import create_workshop

BOSS = None


@pytest.fixture
def board(app):
    with app.app_context():
        workshop = create_workshop("Bimtek").workshop
        workshop.phase_id = workshop.phases[1].id
        sector = workshop.active_sectors[0]
        member = join(workshop, name="Andi", agency="Dinkes", position=None, sector_id=sector.id)
        outsider = join(
            workshop,
            name="Budi",
            agency="Dispendik",
            position=None,
            sector_id=workshop.active_sectors[1].id,
        )
        cards = [
            post_card(
                workshop,
                member,
                {
                    "client_id": f"usg-card-{n:03}",
                    "kind": "bottleneck",
                    "sector_id": sector.id,
                    "text": f"Sumbatan {n}",
                },
            ).card
            for n in range(5)
        ]
        boss = Identity(workshop.id, "facilitator", key_id=1)
        yield workshop, sector, member, outsider, cards, boss


def ident(workshop, person):
    return Identity(workshop.id, "participant", participant_id=person.id)


def test_ranking_by_total_then_urgency_then_seriousness(board):
    workshop, sector, _member, _outsider, cards, boss = board
    scores = [(3, 3, 3), (5, 4, 3), (4, 5, 3), (4, 4, 4), (5, 5, 5)]
    for card, (u, s, g) in zip(cards[:4], scores, strict=False):
        assess(workshop, boss, card.id, {"u": u, "s": s, "g": g})
    # cards[1] (5,4,3)=12, cards[2] (4,5,3)=12, cards[3] (4,4,4)=12: U breaks the tie,
    # then S; cards[4] is unscored and comes last.
    expected = [cards[1].id, cards[2].id, cards[3].id, cards[0].id, cards[4].id]
    # As filed: the matrix lists the sector's bottlenecks in this order, ranked 1-4.
    rows = next(r for r in gather(workshop).sectors if r.sector.id == sector.id).bottlenecks
    assert [row.card.id for row in rows] == expected
    assert [row.rank for row in rows] == [1, 2, 3, 4, None]
    # As shown live: the projector and the facilitator sort by the server's rank_key.
    shown = sorted(cards_of(workshop, [sector.id]), key=lambda card: card["rank_key"])
    assert [card["id"] for card in shown] == expected
    assert cards[1].assessment.total == 12


def test_apkl_and_notes_are_kept(board):
    workshop, _sector, _member, _outsider, cards, boss = board
    assess(
        workshop,
        boss,
        cards[0].id,
        {
            "apkl": {"actual": True, "problematic": True, "public": False, "feasible": None},
            "cause": "Petugas kurang",
            "impact": "Warga antre 3 jam",
        },
    )
    data = cards[0].assessment.as_dict()
    assert data["apkl"] == {"actual": True, "problematic": True, "public": False, "feasible": None}
    assert (data["cause"], data["impact"]) == ("Petugas kurang", "Warga antre 3 jam")
    assert data["total"] is None


@pytest.mark.parametrize(
    "bad",
    [
        {"u": 0},
        {"u": 6},
        {"s": "5"},
        {"g": True},
        {"apkl": {"x": True}},
        {"apkl": {"actual": "ya"}},
        {"apkl": []},
    ],
)
def test_scores_are_whole_numbers_from_1_to_5(board, bad):
    workshop, _sector, _member, _outsider, cards, boss = board
    with pytest.raises(DomainError) as caught:
        assess(workshop, boss, cards[0].id, bad)
    assert caught.value.code == "invalid"


def test_the_sectors_group_scores_its_own_bottlenecks_in_the_scoring_phase(board):
    workshop, _sector, member, outsider, cards, _boss = board
    with pytest.raises(DomainError):
        assess(workshop, ident(workshop, member), cards[0].id, {"u": 3})
    workshop.phase_id = next(p.id for p in workshop.phases if p.allow_scoring)
    assess(workshop, ident(workshop, member), cards[0].id, {"u": 3, "s": 3, "g": 2})
    assert cards[0].assessment.total == 8
    with pytest.raises(DomainError) as caught:
        assess(workshop, ident(workshop, outsider), cards[0].id, {"u": 5})
    assert caught.value.code == "forbidden"
