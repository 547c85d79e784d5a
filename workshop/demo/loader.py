"""Build the demo workshop through the same services the phones and the
facilitator use: joins, posts, votes, USG scores, action plans and a KIPP proposal."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator

from ..boards.services import post_card
from ..causes.services import choose, mark_root
from ..core.access import FACILITATOR, Identity
from ..core.cards import BOTTLENECK, CAUSE, SOLUTION, Card
from ..core.models import Participant, Workshop
from ..facilitation.services import set_phase
from ..participants.services import join
from ..plans.services import save_plan
from ..proposals.services import promote, save_iid, set_kipp
from ..scoring.services import assess
from ..voting.services import cast_vote
from ..workshops.services import NewWorkshop, Signature, create_workshop, update_signature
from .content import (
    DEMO_APPLIED_DAYS,
    DEMO_BOARDS,
    DEMO_CAUSES,
    DEMO_IID,
    DEMO_PARTICIPANTS,
    DEMO_SIGNATURE,
    DEMO_SPEAKERS,
    DEMO_TRIAL_DAYS,
    DEMO_WORKSHOP,
    DemoCause,
)

# A plan per sector for the top solution, in the words an OPD would use.
DEMO_PLAN = {
    "steps": "1. Rapat koordinasi OPD terkait\n2. Susun SOP dan alur layanan baru\n"
    "3. Uji coba di satu kecamatan\n4. Evaluasi dan perluasan",
    "indicator": "Waktu layanan turun 50% dan indeks kepuasan (SKM) naik",
    "responsible": "Kepala OPD pelaksana",
    "timeframe": "Triwulan I-II 2027",
    "resources": "APBD (DPA OPD) dan dukungan CSR",
    "stakeholders": "Bagian Organisasi, Diskominfo, camat dan lurah",
}


def create_demo(today: dt.date | None = None) -> NewWorkshop:
    """A workshop part-way through: six sectors, 24 participants, cards, votes, a
    fishbone of causes per sector, USG scores, an action plan per sector, and the
    education group's KIPP proposal with its IID profile."""
    created = create_workshop(
        DEMO_WORKSHOP["title"],
        date=today or dt.date.today(),
        place=DEMO_WORKSHOP["place"],
        organiser=DEMO_WORKSHOP["organiser"],
    )
    workshop = created.workshop
    workshop.speakers = "\n".join(DEMO_SPEAKERS)
    signer = DEMO_SIGNATURE
    update_signature(
        workshop,
        Signature(
            place=signer["place"],
            position=signer["position"],
            name=signer["name"],
            nip=signer["nip"],
        ),
    )
    _go_to(workshop, "identify")
    people = _join_everyone(workshop)
    posted = _post_boards(workshop, people)
    _go_to(workshop, "vote")
    _vote(workshop, people, posted)
    _go_to(workshop, "causes")
    _find_causes(workshop, people, posted)
    _go_to(workshop, "prioritise")
    _score_and_plan(workshop, posted)
    _propose(workshop, posted["pendidikan"][0][1][0])
    return created


def _propose(workshop: Workshop, solution: Card) -> None:
    """The education group's planned solution becomes a KIPP proposal, its IID profile filled."""
    boss = Identity(workshop.id, FACILITATOR)
    proposal = promote(workshop, solution.id)
    set_kipp(workshop, {"proposal_id": proposal.id, "group": "umum"})
    held = workshop.date or dt.date.today()
    dates = {
        "uji_coba": (held + dt.timedelta(days=DEMO_TRIAL_DAYS)).isoformat(),
        "penerapan": (held + dt.timedelta(days=DEMO_APPLIED_DAYS)).isoformat(),
    }
    save_iid(workshop, boss, {"proposal_id": proposal.id, "profile": {**DEMO_IID, **dates}})


def _go_to(workshop: Workshop, kind: str) -> None:
    set_phase(workshop, next(p.id for p in workshop.phases if p.kind == kind))


def _join_everyone(workshop: Workshop) -> dict[str, list[Participant]]:
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
    return people


def _post_boards(
    workshop: Workshop, people: dict[str, list[Participant]]
) -> dict[str, list[tuple[Card, list[Card]]]]:
    sector_ids = {s.key: s.id for s in workshop.active_sectors}
    ids = (f"demo-{n:06d}" for n in itertools.count(1))
    posted: dict[str, list[tuple[Card, list[Card]]]] = {}
    for key, bottlenecks in DEMO_BOARDS.items():
        authors = itertools.cycle(people[key])
        for item in bottlenecks:
            card = post_card(
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
            ).card
            solutions = [
                post_card(
                    workshop,
                    next(authors),
                    {"client_id": next(ids), "kind": SOLUTION, "parent_id": card.id, "text": text},
                ).card
                for text in item.solutions
            ]
            posted.setdefault(key, []).append((card, solutions))
    return posted


def _vote(
    workshop: Workshop,
    people: dict[str, list[Participant]],
    posted: dict[str, list[tuple[Card, list[Card]]]],
) -> None:
    """Each participant places their dots on their own sector's bottlenecks."""
    chance = random.Random(2026)  # the same demo every time
    for key, members in people.items():
        cards = [card for card, _solutions in posted[key]]
        weights = [len(cards) - i for i in range(len(cards))]
        for member in members:
            for card in chance.choices(cards, weights=weights, k=workshop.vote_budget):
                cast_vote(workshop, member.id, card.id)


def _find_causes(
    workshop: Workshop,
    people: dict[str, list[Participant]],
    posted: dict[str, list[tuple[Card, list[Card]]]],
) -> None:
    """The first bottleneck of each board is analysed: its group adds causes and "why?"s,
    and the facilitator marks the root causes."""
    ids = (f"demo-cause-{n:04d}" for n in itertools.count(1))
    for key, causes in DEMO_CAUSES.items():
        bottleneck = posted[key][0][0]
        choose(workshop, bottleneck.id, True)
        authors = itertools.cycle(people[key])

        def add(parent: Card, cause: DemoCause, authors: Iterator[Participant] = authors) -> None:
            payload = {"client_id": next(ids), "kind": CAUSE, "parent_id": parent.id}
            card = post_card(
                workshop, next(authors), {**payload, "bone": cause.bone, "text": cause.text}
            ).card
            if cause.root:
                mark_root(workshop, card.id, True)
            for why in cause.why:
                add(card, why)

        for cause in causes:
            add(bottleneck, cause)


def _score_and_plan(workshop: Workshop, posted: dict[str, list[tuple[Card, list[Card]]]]) -> None:
    """USG for the first three bottlenecks of each board; a plan for the best solution."""
    boss = Identity(workshop.id, FACILITATOR)
    patterns = [(5, 4, 4), (4, 5, 3), (4, 4, 4)]
    apkl = {"actual": True, "problematic": True, "public": True, "feasible": True}
    for entries in posted.values():
        for (card, _solutions), (u, s, g) in zip(entries, patterns, strict=False):
            assess(workshop, boss, card.id, {"u": u, "s": s, "g": g, "apkl": apkl})
        with_solution = next((sols for _card, sols in entries if sols), None)
        if with_solution:
            save_plan(workshop, boss, with_solution[0].id, DEMO_PLAN)
