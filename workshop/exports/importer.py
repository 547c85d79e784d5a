"""Restore a JSON export (`flask workshop import PATH`) as a new workshop.

The copy gets its own join code and secret links; everything else (sectors,
phases, settings, participants, cards with their scores and plans, clusters,
votes, proposals with their sections and revisions, the agenda's activities:
attendance, speakers' questions, tests and evaluations) is as exported; a file
from before proposals existed simply has none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import gettext as _

from ..assessments import backup as assessments_backup
from ..attendance import backup as attendance
from ..core.cards import (
    DELETED,
    FOLLOW_UP_STATUSES,
    HIDDEN,
    KINDS,
    MERGED,
    PENDING,
    PLAN_FIELDS,
    VISIBLE,
    ActionPlan,
    Assessment,
    Card,
)
from ..core.categories import CATEGORIES
from ..core.errors import DomainError, invalid
from ..core.models import BONE_NAME_MAX, FLAG_SETTINGS, VOTE_ON, Participant, Phase, Workshop
from ..core.votes import Support, Vote
from ..extensions import db
from ..moderation.models import Cluster
from ..polls import backup as polls
from ..proposals import iid as iid_profile
from ..proposals.models import STATUSES as PROPOSAL_STATUSES
from ..proposals.models import Proposal, ProposalRevision, ProposalSection
from ..questions import backup as questions_backup  # issue 28: speakers' questions
from ..similar.models import CLUSTER, MERGE, Dismissal
from ..voting.support import recount_supports
from ..workshops.services import NewWorkshop, Signature, create_workshop, update_signature
from .json_export import FORMAT, VERSION

STATUSES = {VISIBLE, PENDING, HIDDEN, DELETED, MERGED}


def import_workshop(doc: Any) -> NewWorkshop:
    """Create a new workshop from an export document, or raise a clear `invalid`."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise invalid(_("This file is not a Urai workshop export."))
    if doc.get("version") != VERSION:
        raise invalid(
            _(
                "This export has version %(v)s; this Urai reads version %(n)d.",
                v=str(doc.get("version")),
                n=VERSION,
            )
        )
    try:
        return _restore(doc)
    except DomainError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as err:
        raise invalid(_("This export is damaged: %(detail)s", detail=type(err).__name__)) from None


def _restore(doc: dict[str, Any]) -> NewWorkshop:
    meta = doc["workshop"]
    date = dt.date.fromisoformat(meta["date"]) if meta.get("date") else None
    sectors_in = sorted(doc["sectors"], key=lambda s: s["ref"])
    created = create_workshop(
        meta["title"],
        date=date,
        place=meta.get("place"),
        organiser=meta.get("organiser"),
        sector_names=[s["name"] for s in sectors_in],
        language=meta.get("language", "id"),
        time_zone=meta.get("time_zone"),
    )
    workshop = created.workshop
    workshop.speakers = meta.get("speakers")
    signed = meta.get("signature") or {}
    update_signature(
        workshop,
        Signature(
            place=signed.get("place"),
            date=dt.date.fromisoformat(signed["date"]) if signed.get("date") else None,
            position=signed.get("position"),
            name=signed.get("name"),
            nip=signed.get("nip"),
        ),
    )
    workshop.cause_bones = _bones(meta.get("bones"))
    _settings(workshop, meta["settings"])
    sectors = {}
    for data, sector in zip(sectors_in, list(workshop.sectors), strict=True):
        sector.key = data.get("key")
        sector.position = int(data["position"])
        sector.locked = bool(data.get("locked"))
        sector.archived = bool(data.get("archived"))
        sectors[data["ref"]] = sector
    workshop.days = int(meta.get("days") or 1)  # attendance: the agenda's days (issue 28)
    _phases(workshop, doc["phases"], meta.get("phase"))
    people = _participants(workshop, doc["participants"], sectors)
    clusters = _clusters(workshop, doc["clusters"], sectors)
    cards = _cards(workshop, doc["cards"], sectors, people, clusters)
    for data in doc["votes"]:
        card = cards[data["card"]]
        db.session.add(
            Vote(
                workshop_id=workshop.id,
                card_id=card.id,
                participant_id=people[data["participant"]].id,
                kind=card.kind,
                entered_by_facilitator=bool(data.get("entered_by_facilitator")),
            )
        )
    db.session.flush()
    _proposals(workshop, doc.get("proposals") or [], sectors, people, cards)
    _supports(workshop, doc.get("supports") or [], people, cards)
    _dismissals(workshop, doc.get("dismissals") or [], cards)
    attendance.restore(workshop, doc.get("attendance") or [], people, list(workshop.phases))
    questions_backup.restore(workshop, doc.get("questions"), people)  # issue 28
    polls.restore(workshop, doc.get("polls") or [], people)  # poll, wordcloud
    assessments_backup.restore(workshop, doc.get("assessments"), people)  # issue 28: tests
    return created


def _proposals(
    workshop: Workshop,
    rows: list[dict[str, Any]],
    sectors: dict[int, Any],
    people: dict[int, Participant],
    cards: dict[int, Card],
) -> None:
    for data in rows:
        if data["status"] not in PROPOSAL_STATUSES:
            raise invalid(_("This export is damaged: %(detail)s", detail="proposal"))
        proposal = Proposal(
            workshop_id=workshop.id,
            sector_id=sectors[data["sector"]].id,
            solution_id=cards[data["solution"]].id,
            bottleneck_id=cards[data["bottleneck"]].id if data.get("bottleneck") else None,
            title=str(data["title"]),
            status=data["status"],
            rubric=str(data["rubric"]),
            checklist={str(k): bool(v) for k, v in dict(data.get("checklist") or {}).items()},
            kipp_group=str(data["group"])[:20] if data.get("group") else None,
            iid=_iid(data.get("iid")),
        )
        db.session.add(proposal)
        db.session.flush()
        for item in data["sections"]:
            section = ProposalSection(
                proposal_id=proposal.id,
                key=str(item["key"]),
                position=int(item["position"]),
                text=str(item["text"]),
                version=int(item["version"]),
                score=item.get("score"),
            )
            proposal.sections.append(section)
            db.session.flush()
            for r in item.get("revisions") or []:
                db.session.add(
                    ProposalRevision(
                        section_id=section.id,
                        version=int(r["version"]),
                        base_version=int(r["base_version"]),
                        outcome=str(r["outcome"]),
                        text=str(r["text"]),
                        participant_id=people[r["participant"]].id
                        if r.get("participant")
                        else None,
                        by_staff=bool(r.get("by_staff")),
                    )
                )
    db.session.flush()


def _iid(data: object) -> dict[str, str]:
    """A proposal's saved IID profile fields, each checked as a save checks it."""
    if not data:
        return {}
    if not isinstance(data, dict):
        raise invalid(_("This export is damaged: %(detail)s", detail="iid"))
    return iid_profile.clean(data)


def _settings(workshop: Workshop, settings: dict[str, Any]) -> None:
    for name in FLAG_SETTINGS:
        setattr(workshop, name, bool(settings[name]))
    workshop.vote_budget = int(settings["vote_budget"])
    cap = settings.get("vote_cap")
    workshop.vote_cap = int(cap) if cap is not None else None
    workshop.cause_depth = int(settings.get("cause_depth", 3))


def _bones(bones: Any) -> list[dict[str, str]] | None:
    if bones is None:
        return None
    return [{"key": str(b["key"])[:40], "name": str(b["name"])[:BONE_NAME_MAX]} for b in bones]


def _phases(workshop: Workshop, phases: list[dict[str, Any]], current: int | None) -> None:
    workshop.phase_id = None
    workshop.phases.clear()
    db.session.flush()
    for position, data in enumerate(sorted(phases, key=lambda p: p["ref"])):
        if data.get("vote_on") not in VOTE_ON:
            raise invalid(_("This export is damaged: %(detail)s", detail="vote_on"))
        workshop.phases.append(
            Phase(
                kind=str(data["kind"]),
                name=str(data["name"])[:80],
                prompt=data.get("prompt"),
                position=position,
                allow_bottlenecks=bool(data["allow_bottlenecks"]),
                allow_solutions=bool(data["allow_solutions"]),
                vote_on=data.get("vote_on"),
                allow_scoring=bool(data["allow_scoring"]),
                allow_causes=bool(data.get("allow_causes")),
                day=int(data.get("day") or 1),
            )
        )
    db.session.flush()
    if current is not None:
        workshop.phase_id = workshop.phases[int(current) - 1].id


def _participants(
    workshop: Workshop, rows: list[dict[str, Any]], sectors: dict[int, Any]
) -> dict[int, Participant]:
    people = {}
    for data in rows:
        person = Participant(
            workshop_id=workshop.id,
            name=str(data["name"])[:80],
            agency=str(data["agency"])[:120],
            position=data.get("position"),
            sector_id=sectors[data["sector"]].id if data.get("sector") else None,
        )
        db.session.add(person)
        people[data["ref"]] = person
    db.session.flush()
    return people


def _clusters(
    workshop: Workshop, rows: list[dict[str, Any]], sectors: dict[int, Any]
) -> dict[int, Cluster]:
    clusters = {}
    for data in rows:
        cluster = Cluster(
            workshop_id=workshop.id,
            sector_id=sectors[data["sector"]].id,
            title=str(data["title"])[:120],
        )
        db.session.add(cluster)
        clusters[data["ref"]] = cluster
    db.session.flush()
    return clusters


def _plan(data: dict[str, Any], people: dict[int, Participant]) -> ActionPlan:
    """An action plan and its follow-up (older files have no follow-up: none is made up)."""
    plan = ActionPlan(**{f: data.get(f) for f in PLAN_FIELDS})
    status = data.get("status")
    if status is not None and status not in FOLLOW_UP_STATUSES:
        raise invalid(_("This export is damaged: %(detail)s", detail="plan status"))
    plan.status = status
    plan.status_note = data.get("status_note")
    plan.deadline = dt.date.fromisoformat(data["deadline"]) if data.get("deadline") else None
    plan.status_at = dt.datetime.fromisoformat(data["status_at"]) if data.get("status_at") else None
    plan.status_by_staff = bool(data.get("status_by_staff"))
    plan.status_by_id = people[data["status_by"]].id if data.get("status_by") else None
    return plan


def _cards(
    workshop: Workshop,
    rows: list[dict[str, Any]],
    sectors: dict[int, Any],
    people: dict[int, Participant],
    clusters: dict[int, Cluster],
) -> dict[int, Card]:
    cards: dict[int, Card] = {}
    ordered = sorted(rows, key=lambda c: c["ref"])
    for data in ordered:
        if data["kind"] not in KINDS or data["status"] not in STATUSES:
            raise invalid(_("This export is damaged: %(detail)s", detail="card"))
        if data.get("category") is not None and data["category"] not in CATEGORIES:
            raise invalid(_("This export is damaged: %(detail)s", detail="category"))
        card = Card(
            workshop_id=workshop.id,
            sector_id=sectors[data["sector"]].id,
            kind=data["kind"],
            text=str(data["text"]),
            category=data.get("category"),
            service=data.get("service"),
            author_id=people[data["author"]].id if data.get("author") else None,
            client_id=f"import-{data['ref']:08d}",
            status=data["status"],
            cluster_id=clusters[data["cluster"]].id if data.get("cluster") else None,
            entered_by_facilitator=bool(data.get("entered_by_facilitator")),
            created_at=dt.datetime.fromisoformat(data["created_at"]),
            analysed=bool(data.get("analysed")),
            bone=data.get("bone"),
            depth=int(data.get("depth") or 0),
            is_root=bool(data.get("root")),
        )
        if data.get("assessment"):
            a = data["assessment"]
            card.assessment = Assessment(
                urgency=a["u"],
                seriousness=a["s"],
                growth=a["g"],
                actual=a["actual"],
                problematic=a["problematic"],
                public=a["public"],
                feasible=a["feasible"],
                cause=a["cause"],
                impact=a["impact"],
            )
        if data.get("plan"):
            card.plan = _plan(data["plan"], people)
        db.session.add(card)
        cards[data["ref"]] = card
    db.session.flush()
    for data in ordered:
        card = cards[data["ref"]]
        if data.get("parent"):
            card.parent_id = cards[data["parent"]].id
        if data.get("merged_into"):
            card.merged_into_id = cards[data["merged_into"]].id
        if data.get("addresses"):
            card.addresses_id = cards[data["addresses"]].id
    db.session.flush()
    return cards


def _supports(
    workshop: Workshop,
    supports: list[dict[str, Any]],
    people: dict[int, Participant],
    cards: dict[int, Card],
) -> None:
    """Who supported which card; each card's count follows from them, merged
    cards' supports included (voting.support.recount_supports)."""
    for data in supports:
        card = cards[data["card"]]
        db.session.add(
            Support(
                workshop_id=workshop.id,
                card_id=card.id,
                participant_id=people[data["participant"]].id,
            )
        )
        card.supports = (card.supports or 0) + 1
    targets = {card.merged_into_id for card in cards.values() if card.merged_into_id}
    for card in cards.values():
        if card.id in targets and card.status != MERGED:
            recount_supports(card)
    db.session.flush()


def _dismissals(
    workshop: Workshop, dismissals: list[dict[str, Any]], cards: dict[int, Card]
) -> None:
    """The dismissed suggestions, so that they stay dismissed and still teach."""
    for data in dismissals:
        if data["kind"] not in (MERGE, CLUSTER):
            raise ValueError(data["kind"])
        ids = [cards[ref].id for ref in data["cards"]]
        db.session.add(
            Dismissal(workshop_id=workshop.id, kind=data["kind"], cards=Dismissal.key(ids))
        )
    db.session.flush()
