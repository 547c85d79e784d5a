"""Who may detail a solution's action plan, and what is kept."""

from __future__ import annotations

import pytest

from workshop.boards.services import post_card
from workshop.core.access import Identity
from workshop.core.cards import PLAN_MAX
from workshop.core.errors import DomainError
from workshop.participants.services import join
from workshop.plans.services import save_plan
from workshop.workshops.services import create_workshop


@pytest.fixture
def solution(app):
    with app.app_context():
        workshop = create_workshop("Bimtek").workshop
        workshop.phase_id = workshop.phases[1].id  # identify: bottlenecks and solutions
        sector = workshop.active_sectors[0]
        author = join(workshop, name="Andi", agency="Dukcapil", position=None, sector_id=sector.id)
        other = join(workshop, name="Budi", agency="Dukcapil", position=None, sector_id=sector.id)
        bottleneck = post_card(
            workshop,
            author,
            {
                "client_id": "plan-b-0001",
                "kind": "bottleneck",
                "sector_id": sector.id,
                "text": "Antrean KTP-el berjam-jam",
            },
        ).card
        card = post_card(
            workshop,
            author,
            {
                "client_id": "plan-s-0001",
                "kind": "solution",
                "parent_id": bottleneck.id,
                "text": "Antrean daring",
            },
        ).card
        yield workshop, card, author, other


def participant(workshop, person) -> Identity:
    return Identity(workshop.id, "participant", participant_id=person.id)


def test_the_author_details_their_own_solution(solution):
    workshop, card, author, _other = solution
    save_plan(
        workshop,
        participant(workshop, author),
        card.id,
        {"card_id": card.id, "steps": "Sosialisasi aplikasi", "responsible": "Disdukcapil"},
    )
    assert card.plan.as_dict()["steps"] == "Sosialisasi aplikasi"
    assert card.plan.responsible == "Disdukcapil"
    assert card.as_dict()["plan"]["responsible"] == "Disdukcapil"


def test_the_facilitator_details_any_solution(solution):
    workshop, card, _author, _other = solution
    boss = Identity(workshop.id, "facilitator", key_id=1)
    save_plan(workshop, boss, card.id, {"timeframe": "Triwulan I 2027"})
    assert card.plan.timeframe == "Triwulan I 2027"


def test_another_participant_may_not(solution):
    workshop, card, _author, other = solution
    with pytest.raises(DomainError) as caught:
        save_plan(workshop, participant(workshop, other), card.id, {"steps": "Lain"})
    assert caught.value.code == "forbidden"
    assert card.plan is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"budget": "Rp 10 juta"}, "budget"), ({"steps": "x" * (PLAN_MAX + 1)}, "steps")],
)
def test_unknown_or_overlong_fields_are_refused(solution, payload, field):
    workshop, card, author, _other = solution
    with pytest.raises(DomainError) as caught:
        save_plan(workshop, participant(workshop, author), card.id, payload)
    assert caught.value.code == "invalid"
    assert field in caught.value.fields
