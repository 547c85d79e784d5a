"""JSON: the whole workshop, versioned, for archives and for `flask workshop import`.

Records refer to each other by `ref`, their position in the file, never by
database id, so a workshop exported, imported and exported again gives the
same file apart from timestamps. It holds every card, of every status, as the
policy's backup viewer sees them: in anonymous mode with no author.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select

from ..assessments import backup as assessments_backup
from ..attendance import backup as attendance
from ..core.cards import PLAN_FIELDS, ActionPlan, Card
from ..core.models import Participant, Workshop
from ..core.votes import Support, Vote
from ..extensions import db
from ..moderation.models import Cluster
from ..polls import backup as polls
from ..proposals.models import Proposal, ProposalRevision
from ..questions import backup as questions_backup  # issue 28: speakers' questions
from ..realtime.policy import BACKUP_VIEW, Settings
from ..similar.models import Dismissal

FORMAT = "urai.workshop"
VERSION = 1


def document(workshop: Workshop, now: dt.datetime | None = None) -> dict[str, Any]:
    sectors = list(workshop.sectors)
    sector_ref = {s.id: i + 1 for i, s in enumerate(sectors)}
    phases = list(workshop.phases)
    people = list(
        db.session.scalars(
            select(Participant)
            .where(Participant.workshop_id == workshop.id)
            .order_by(Participant.id)
        )
    )
    person_ref = {p.id: i + 1 for i, p in enumerate(people)}
    clusters = list(
        db.session.scalars(
            select(Cluster).where(Cluster.workshop_id == workshop.id).order_by(Cluster.id)
        )
    )
    cluster_ref = {c.id: i + 1 for i, c in enumerate(clusters)}
    cards = list(
        db.session.scalars(select(Card).where(Card.workshop_id == workshop.id).order_by(Card.id))
    )
    card_ref = {c.id: i + 1 for i, c in enumerate(cards)}
    votes = db.session.scalars(
        select(Vote).where(Vote.workshop_id == workshop.id).order_by(Vote.id)
    ).all()
    phase_index = next((i for i, p in enumerate(phases) if p.id == workshop.phase_id), None)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": (now or dt.datetime.now(dt.UTC)).isoformat(),
        "workshop": {
            "title": workshop.title,
            "date": workshop.date.isoformat() if workshop.date else None,
            "place": workshop.place,
            "organiser": workshop.organiser,
            "speakers": workshop.speakers,
            "signature": {
                "place": workshop.report_place,
                "date": workshop.report_date.isoformat() if workshop.report_date else None,
                "position": workshop.signer_position,
                "name": workshop.signer_name,
                "nip": workshop.signer_nip,
            },
            "language": workshop.language,
            "time_zone": workshop.time_zone,
            "days": workshop.days,
            "phase": phase_index + 1 if phase_index is not None else None,
            "settings": workshop.settings(),
            "bones": workshop.bones(),
        },
        "sectors": [
            {
                "ref": sector_ref[s.id],
                "key": s.key,
                "name": s.name,
                "position": s.position,
                "locked": s.locked,
                "archived": s.archived,
            }
            for s in sectors
        ],
        "phases": [
            {
                "ref": i + 1,
                "kind": p.kind,
                "name": p.name,
                "prompt": p.prompt,
                "allow_bottlenecks": p.allow_bottlenecks,
                "allow_solutions": p.allow_solutions,
                "vote_on": p.vote_on,
                "allow_scoring": p.allow_scoring,
                "allow_causes": p.allow_causes,
                "day": p.day,
            }
            for i, p in enumerate(phases)
        ],
        "participants": [
            {
                "ref": person_ref[p.id],
                "name": p.name,
                "agency": p.agency,
                "position": p.position,
                "sector": sector_ref.get(p.sector_id) if p.sector_id else None,
            }
            for p in people
        ],
        "clusters": [
            {"ref": cluster_ref[c.id], "sector": sector_ref[c.sector_id], "title": c.title}
            for c in clusters
        ],
        "cards": [
            _card(c, card_ref, sector_ref, person_ref, cluster_ref, Settings.of(workshop))
            for c in cards
        ],
        "votes": [
            {
                "card": card_ref[v.card_id],
                "participant": person_ref[v.participant_id],
                "kind": v.kind,
                "entered_by_facilitator": v.entered_by_facilitator,
            }
            for v in votes
        ],
        "proposals": _proposals(workshop, card_ref, sector_ref, person_ref),
        "supports": _supports(workshop, card_ref, person_ref),
        "dismissals": _dismissals(workshop, card_ref),
        # attendance: the signed lists of each day (issue 28)
        "attendance": attendance.to_json(
            workshop, person_ref, {p.id: i + 1 for i, p in enumerate(phases)}
        ),
        "questions": questions_backup.export(
            workshop, person_ref
        ),  # questions: the speakers' sessions (issue 28)
        # poll, wordcloud: each step's question, settings and answers
        "polls": polls.backup(workshop, phases, person_ref),
        "assessments": assessments_backup.export(workshop, person_ref),  # issue 28: tests
    }


def _proposals(
    workshop: Workshop,
    card_ref: dict[int, int],
    sector_ref: dict[int, int],
    person_ref: dict[int, int],
) -> list[dict[str, Any]]:
    """Every proposal, withdrawn ones too, with each section's revisions (the audit trail)."""
    proposals = db.session.scalars(
        select(Proposal).where(Proposal.workshop_id == workshop.id).order_by(Proposal.id)
    ).all()
    section_ids = [s.id for p in proposals for s in p.sections]
    revisions: dict[int, list[ProposalRevision]] = {}
    for revision in db.session.scalars(
        select(ProposalRevision)
        .where(ProposalRevision.section_id.in_(section_ids))
        .order_by(ProposalRevision.id)
    ):
        revisions.setdefault(revision.section_id, []).append(revision)
    return [
        {
            "sector": sector_ref[p.sector_id],
            "solution": card_ref[p.solution_id],
            "bottleneck": card_ref.get(p.bottleneck_id) if p.bottleneck_id else None,
            "title": p.title,
            "status": p.status,
            "rubric": p.rubric,
            "checklist": dict(p.checklist),
            "group": p.kipp_group,
            "iid": dict(p.iid or {}),  # the IID profile's saved fields (proposals/iid.py)
            "sections": [
                {
                    "key": s.key,
                    "position": s.position,
                    "text": s.text,
                    "version": s.version,
                    "score": s.score,
                    "revisions": [
                        {
                            "version": r.version,
                            "base_version": r.base_version,
                            "outcome": r.outcome,
                            "text": r.text,
                            "participant": person_ref.get(r.participant_id)
                            if r.participant_id
                            else None,
                            "by_staff": r.by_staff,
                        }
                        for r in revisions.get(s.id, [])
                    ],
                }
                for s in p.sections
            ],
        }
        for p in proposals
    ]


def _card(
    card: Card,
    card_ref: dict[int, int],
    sector_ref: dict[int, int],
    person_ref: dict[int, int],
    cluster_ref: dict[int, int],
    settings: Settings,
) -> dict[str, Any]:
    a = card.assessment
    return {
        "ref": card_ref[card.id],
        "sector": sector_ref[card.sector_id],
        "kind": card.kind,
        "parent": card_ref.get(card.parent_id) if card.parent_id else None,
        "text": card.text,
        "category": card.category,
        "service": card.service,
        "author": (
            person_ref[card.author_id]
            if card.author_id is not None and BACKUP_VIEW.shows_author(card.author_id, settings)
            else None
        ),
        "status": card.status,
        "merged_into": card_ref.get(card.merged_into_id) if card.merged_into_id else None,
        "cluster": cluster_ref.get(card.cluster_id) if card.cluster_id else None,
        "entered_by_facilitator": card.entered_by_facilitator,
        "created_at": card.created_at.isoformat(),
        "analysed": card.analysed,
        "bone": card.bone,
        "depth": card.depth,
        "root": card.is_root,
        "addresses": card_ref.get(card.addresses_id) if card.addresses_id else None,
        "assessment": None
        if a is None
        else {
            "u": a.urgency,
            "s": a.seriousness,
            "g": a.growth,
            "actual": a.actual,
            "problematic": a.problematic,
            "public": a.public,
            "feasible": a.feasible,
            "cause": a.cause,
            "impact": a.impact,
        },
        "plan": None if card.plan is None else _plan(card.plan, person_ref, settings),
    }


def _plan(plan: ActionPlan, person_ref: dict[int, int], settings: Settings) -> dict[str, Any]:
    """The action-plan columns, then its follow-up: deadline and the last status reported."""
    by = plan.status_by_id
    return {
        **{f: getattr(plan, f) for f in PLAN_FIELDS},
        "deadline": plan.deadline.isoformat() if plan.deadline else None,
        "status": plan.status,
        "status_note": plan.status_note,
        "status_at": plan.status_at.isoformat() if plan.status_at else None,
        "status_by_staff": plan.status_by_staff,
        "status_by": (
            person_ref[by] if by is not None and BACKUP_VIEW.shows_author(by, settings) else None
        ),
    }


def build(workshop: Workshop) -> bytes:
    return json.dumps(document(workshop), ensure_ascii=False, indent=2).encode("utf-8")


def _supports(
    workshop: Workshop, card_ref: dict[int, int], person_ref: dict[int, int]
) -> list[dict[str, int]]:
    """Who supported which card instead of posting it again (core/votes.Support)."""
    rows = db.session.scalars(
        select(Support).where(Support.workshop_id == workshop.id).order_by(Support.id)
    )
    return [
        {"card": card_ref[s.card_id], "participant": person_ref[s.participant_id]} for s in rows
    ]


def _dismissals(workshop: Workshop, card_ref: dict[int, int]) -> list[dict[str, Any]]:
    """The suggestions the facilitator dismissed: never offered again, and what the
    similar cards learn from (similar/feedback.py), with the merges of the cards."""
    rows = db.session.scalars(
        select(Dismissal).where(Dismissal.workshop_id == workshop.id).order_by(Dismissal.id)
    )
    return [
        {"kind": d.kind, "cards": sorted(card_ref[int(i)] for i in d.cards.split(","))}
        for d in rows
    ]
