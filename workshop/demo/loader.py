"""Build the demo workshop through the same services the phones, the signing links
and the facilitator use: a two-day Bimtek with signed attendance, speakers'
questions, a word cloud, a poll, the pre-test and post-test, the evaluations, and
the workshop hour's joins, posts, votes, causes, USG scores, action plans and a
KIPP proposal (the activities are in day.py)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator

from ..assessments.models import POSTTEST, PRETEST
from ..boards.services import post_card
from ..causes.services import choose, mark_root
from ..core.access import FACILITATOR, Identity
from ..core.cards import BOTTLENECK, CAUSE, SOLUTION, Card
from ..core.models import Participant, Phase, Workshop
from ..facilitation.services import set_phase
from ..participants.services import join
from ..plans.services import save_plan
from ..proposals.services import promote, save_iid, set_kipp
from ..scoring.services import assess
from ..voting.services import cast_vote
from ..workshops.services import NewWorkshop, Signature, create_workshop, update_signature
from . import day
from .content import (
    DEMO_ABSENT_DAY_2,
    DEMO_APPLIED_DAYS,
    DEMO_BOARDS,
    DEMO_CAUSES,
    DEMO_IID,
    DEMO_PARTICIPANTS,
    DEMO_SESSIONS,
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
    """A two-day Bimtek (a real one often is, and each day has its own signed list):
    day 1 from the attendance to the vote on bottlenecks, day 2 from the attendance
    to the closing; six sectors, 24 participants (22 on the second day), the
    committee and two speakers, every activity answered. The facilitator has come
    back to the priorities step at the end (where the demo has always stood), the
    matrix and the KIPP proposal on screen."""
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
    steps = day.build_agenda(workshop)
    day.write_bank(workshop)
    everyone = _join_everyone(workshop)
    posted = _first_day(workshop, steps, everyone)
    _second_day(workshop, steps, everyone, posted)
    set_phase(workshop, steps["prioritise"].id)
    return created


Posted = dict[str, list[tuple[Card, list[Card]]]]  # per sector: each bottleneck, its solutions


def _first_day(workshop: Workshop, steps: dict[str, Phase], everyone: list[Participant]) -> Posted:
    set_phase(workshop, steps["attendance-1"].id)
    day.sign_day(workshop, everyone, day.speakers_of(1))
    set_phase(workshop, steps["lobby"].id)
    day.run_wordcloud(workshop, steps["wordcloud"], everyone)
    day.run_test(workshop, steps["pretest"], PRETEST, everyone)
    day.run_session(workshop, steps["questions-1"], DEMO_SESSIONS[0], everyone)
    day.run_poll(workshop, steps["poll"], everyone)
    set_phase(workshop, steps["identify"].id)
    people = _by_sector(everyone)
    posted = _post_boards(workshop, people)
    set_phase(workshop, steps["vote"].id)
    _vote(workshop, people, posted)
    return posted


def _second_day(
    workshop: Workshop, steps: dict[str, Phase], everyone: list[Participant], posted: Posted
) -> None:
    present = [p for p in everyone if p.name not in DEMO_ABSENT_DAY_2]
    set_phase(workshop, steps["attendance-2"].id)
    day.sign_day(workshop, present, day.speakers_of(2))
    day.run_session(workshop, steps["questions-2"], DEMO_SESSIONS[1], everyone)
    set_phase(workshop, steps["causes"].id)
    _find_causes(workshop, _by_sector(present), posted)
    set_phase(workshop, steps["prioritise"].id)
    _score_and_plan(workshop, posted)
    _propose(workshop, posted["pendidikan"][0][1][0])
    day.run_test(workshop, steps["posttest"], POSTTEST, present)
    day.run_evaluation(workshop, steps["evaluation"], present)
    set_phase(workshop, steps["close"].id)


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


def _join_everyone(workshop: Workshop) -> list[Participant]:
    """Everyone joins from their phone, in DEMO_PARTICIPANTS' order."""
    sector_ids = {s.key: s.id for s in workshop.active_sectors}
    return [
        join(
            workshop,
            name=person.name,
            agency=person.agency,
            position=person.position,
            sector_id=sector_ids[person.sector],
        )
        for person in DEMO_PARTICIPANTS
    ]


def _by_sector(people: list[Participant]) -> dict[str, list[Participant]]:
    keys = {person.name: person.sector for person in DEMO_PARTICIPANTS}
    grouped: dict[str, list[Participant]] = {}
    for participant in people:
        grouped.setdefault(keys[participant.name], []).append(participant)
    return grouped


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
    posted: Posted,
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
    posted: Posted,
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
