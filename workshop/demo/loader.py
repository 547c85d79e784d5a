"""Build the demo workshop through the same services the phones use."""

from __future__ import annotations

import datetime as dt
import itertools

from ..boards.models import BOTTLENECK, SOLUTION
from ..boards.services import post_card
from ..facilitation.services import set_phase
from ..participants.models import Participant
from ..participants.services import join
from ..workshops.services import NewWorkshop, create_workshop
from .content import DEMO_BOARDS, DEMO_PARTICIPANTS, DEMO_WORKSHOP


def create_demo(today: dt.date | None = None) -> NewWorkshop:
    """A workshop with all six sectors, 24 participants, bottlenecks and solutions."""
    created = create_workshop(
        DEMO_WORKSHOP["title"],
        date=today or dt.date.today(),
        place=DEMO_WORKSHOP["place"],
        organiser=DEMO_WORKSHOP["organiser"],
    )
    workshop = created.workshop
    set_phase(workshop, next(p.id for p in workshop.phases if p.kind == "identify"))
    sector_ids = {s.key: s.id for s in workshop.active_sectors}
    people: dict[str, list[Participant]] = {}
    for person in DEMO_PARTICIPANTS:
        participant = join(
            workshop,
            name=person.name,
            agency=person.agency,
            position=person.position,
            sector_id=sector_ids[person.sector],
        )
        people.setdefault(person.sector, []).append(participant)
    ids = (f"demo-{n:06d}" for n in itertools.count(1))
    for key, bottlenecks in DEMO_BOARDS.items():
        authors = itertools.cycle(people[key])
        for item in bottlenecks:
            posted = post_card(
                workshop,
                next(authors),
                {
                    "client_id": next(ids),
                    "kind": BOTTLENECK,
                    "sector_id": sector_ids[key],
                    "text": item.text,
                    "category": item.category,
                    "service": item.service,
                },
            )
            for text in item.solutions:
                post_card(
                    workshop,
                    next(authors),
                    {
                        "client_id": next(ids),
                        "kind": SOLUTION,
                        "parent_id": posted.card.id,
                        "text": text,
                    },
                )
    return created
