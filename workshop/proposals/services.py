"""The proposal workspace's rules: the facilitator promotes a solution to a KIPP
proposal (and may withdraw it); its sector's group and the facilitator write it
section by section, saves that cross are merged or refused, never lost; the
group ticks KIPP's criteria and scores each section.

Every change is stamped for the proposal's sector (sector_id), so the phones
watching that board, the projector and steering receive it; who reads and who
edits is the visibility policy's answer (`Viewer.reads_proposal`, `edits_proposal`).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..core.access import Identity
from ..core.cards import BOTTLENECK, SOLUTION, VISIBLE, Card
from ..core.errors import forbidden, invalid, not_found
from ..core.lookup import card_in
from ..core.models import Participant, Workshop
from ..core.validation import clean_text, optional_int, required_flag
from ..extensions import db
from ..realtime.broadcast import stamp
from ..realtime.policy import PUBLIC_VIEW, Settings, Viewer
from . import iid
from . import rubric as rubrics
from .facts import facts_of, starting_text
from .merge import three_way
from .models import (
    DRAFT,
    MERGED,
    REFUSED,
    SAVED,
    SECTION_MAX,
    START,
    TITLE_MAX,
    WITHDRAWN,
    Proposal,
    ProposalRevision,
    ProposalSection,
)
from .words import count_words

SCORE_RANGE = (0, 100)
UNCHANGED = "unchanged"
CONFLICT = "conflict"


def proposal_in(workshop: Workshop, proposal_id: object) -> Proposal:
    pid = optional_int(proposal_id, "proposal_id")
    proposal = db.session.get(Proposal, pid) if pid is not None else None
    if proposal is None or proposal.workshop_id != workshop.id:
        raise not_found(_("This proposal does not exist in this workshop."))
    return proposal


def proposals_of(workshop: Workshop, sector_ids: list[int] | None = None) -> list[Proposal]:
    query = select(Proposal).where(Proposal.workshop_id == workshop.id).order_by(Proposal.id)
    if sector_ids is not None:
        query = query.where(Proposal.sector_id.in_(sector_ids))
    return list(db.session.scalars(query))


def rubric_of(proposal: Proposal) -> rubrics.Rubric:
    return rubrics.named(proposal.rubric)


def workshop_year(workshop: Workshop) -> int:
    """The year whose competition a workshop's proposals are written for."""
    return workshop.date.year if workshop.date else workshop.created_at.year


def rubric_for(workshop: Workshop) -> rubrics.Rubric:
    """The rubric new proposals of this workshop start with (the newest not later than
    its year); a bad file is told to the facilitator, with which and why."""
    try:
        return rubrics.for_year(workshop_year(workshop))
    except rubrics.RubricError as err:
        raise invalid(_("The proposal rubric cannot be used: %(error)s", error=str(err))) from None


def rubric_choices(language: str) -> list[dict[str, Any]]:
    """The rubrics the facilitator may pick for a proposal, newest first (bad files left out)."""
    found = []
    for name in rubrics.available():
        try:
            found.append(rubrics.named(name))
        except rubrics.RubricError:
            continue
    found.sort(key=lambda r: (r.year, r.name), reverse=True)
    return [{"name": r.name, "title": r.title.get(language)} for r in found]


# -- promoting ---------------------------------------------------------------------


def promote(workshop: Workshop, card_id: object) -> Proposal:
    """Make a visible solution a proposal, its sections started from what Urai knows.

    Promoting one again that was withdrawn brings it back as it was.
    """
    card = card_in(workshop, card_id, kind=SOLUTION)
    if card.status != VISIBLE:
        raise invalid(_("Only a visible solution can become a proposal."))
    existing = db.session.scalars(
        select(Proposal).where(Proposal.workshop_id == workshop.id, Proposal.solution_id == card.id)
    ).first()
    if existing is not None:
        if existing.status == WITHDRAWN:
            existing.status = DRAFT
            _announce(workshop, existing)
        return existing
    rubric = rubric_for(workshop)
    parent = db.session.get(Card, card.parent_id or 0)
    proposal = Proposal(
        workshop_id=workshop.id,
        sector_id=card.sector_id,
        solution_id=card.id,
        bottleneck_id=parent.id if parent and parent.kind == BOTTLENECK else None,
        title=card.text[:TITLE_MAX],
        status=DRAFT,
        rubric=rubric.name,
        checklist={},
    )
    db.session.add(proposal)
    db.session.flush()
    _start_sections(workshop, proposal, rubric)
    _announce(workshop, proposal)
    return proposal


def _start_sections(workshop: Workshop, proposal: Proposal, rubric: rubrics.Rubric) -> None:
    """Give the proposal the rubric's sections it lacks, each with its starting text."""
    with force_locale(workshop.language):
        # The starting text is read by the whole room: only what everyone may see
        # goes in (no hidden tallies, no card the room cannot see).
        facts = facts_of(workshop, proposal, PUBLIC_VIEW)
        texts = [starting_text(s.starts_with, facts)[:SECTION_MAX] for s in rubric.sections]
    for position, (section, text) in enumerate(zip(rubric.sections, texts, strict=True)):
        row = proposal.section(section.key)
        if row is not None:
            row.position = position
            continue
        row = ProposalSection(
            proposal_id=proposal.id, key=section.key, position=position, text=text, version=1
        )
        proposal.sections.append(row)
        db.session.flush()
        db.session.add(
            ProposalRevision(
                section_id=row.id,
                version=1,
                base_version=0,
                outcome=START,
                text=text,
                by_staff=True,
            )
        )


def set_kipp(workshop: Workshop, payload: dict[str, Any]) -> Proposal:
    """The facilitator picks a proposal's rubric {rubric} and/or its group {group}.

    Another rubric keeps every text written: sections it shares are kept, sections
    it adds start from what the workshop knows; a group it lacks is cleared.
    """
    proposal = proposal_in(workshop, payload.get("proposal_id"))
    if "rubric" in payload:
        name = payload.get("rubric")
        try:
            rubric = rubrics.named(name) if isinstance(name, str) else None
        except rubrics.RubricError:
            rubric = None
        if rubric is None:
            raise invalid(_("Invalid value."), rubric=_("Invalid."))
        if rubric.name != proposal.rubric:
            proposal.rubric = rubric.name
            _start_sections(workshop, proposal, rubric)
    rubric = rubric_of(proposal)
    if "group" in payload:
        group = payload.get("group") or None
        if group is not None and rubric.group(group) is None:
            raise invalid(_("Invalid value."), group=_("Invalid."))
        proposal.kipp_group = group
    if rubric.group(proposal.kipp_group) is None:
        proposal.kipp_group = None
    _announce(workshop, proposal)
    return proposal


def withdraw(workshop: Workshop, proposal_id: object) -> Proposal:
    """Unpromote: the proposal leaves everyone's screens but steering's, with its text kept."""
    proposal = proposal_in(workshop, proposal_id)
    if proposal.status != WITHDRAWN:
        proposal.status = WITHDRAWN
        _announce(workshop, proposal)
    return proposal


def rename(workshop: Workshop, identity: Identity, proposal_id: object, title: object) -> Proposal:
    proposal = proposal_in(workshop, proposal_id)
    _check_edit(workshop, identity, proposal)
    proposal.title = str(clean_text(title, "title", max_length=TITLE_MAX))
    _announce(workshop, proposal)
    return proposal


# -- writing -----------------------------------------------------------------------


def save_section(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Save a section's text written from `base_version`.

    On the current version: accepted. On an older one: the saver's change is
    merged onto the current text if it touches other words (result `merged`);
    if it overlaps, nothing changes and the answer is `conflict` with both texts
    (the refused text is kept as a revision, so it is never lost).
    """
    proposal = proposal_in(workshop, payload.get("proposal_id"))
    who = _check_edit(workshop, identity, proposal)
    section = _section(proposal, payload.get("section"))
    base = optional_int(payload.get("base_version"), "base_version")
    text = section_text(payload.get("text"))
    # One save of a section at a time (a row lock on PostgreSQL; SQLite writes one by one).
    db.session.refresh(section, with_for_update=True)
    if base is None or not 1 <= base <= section.version:
        raise invalid(_("Invalid version number."), base_version=_("Invalid."))
    if text == section.text:
        return {"result": UNCHANGED, "section": section_dict(section)}
    if base == section.version:
        outcome, new_text = SAVED, text
    else:
        base_text = _text_at(section, base)
        merged = three_way(base_text, text, section.text) if base_text is not None else None
        if merged is None or len(merged) > SECTION_MAX:
            _revision(section, who, base, REFUSED, text, version=base)
            return {"result": CONFLICT, "section": section_dict(section), "yours": text}
        if merged == section.text:  # nothing of the saver's is missing from it
            return {"result": UNCHANGED, "section": section_dict(section)}
        outcome, new_text = MERGED, merged
    section.text = new_text
    section.version += 1
    _revision(section, who, base, outcome, new_text, version=section.version)
    data = {"proposal_id": proposal.id, **section_dict(section)}
    stamp(workshop, "proposal.section", data, sector_id=proposal.sector_id)
    return {"result": outcome, "section": section_dict(section)}


def section_text(value: object) -> str:
    """A section's text as typed: only line ends and control characters are changed,
    so what the phone holds and what is stored stay the same for the next merge."""
    if not isinstance(value, str):
        raise invalid(_("This field must be text."), text=_("Must be text."))
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    if len(text) > SECTION_MAX:
        message = _(
            "At most %(limit)d characters (now %(count)d).", limit=SECTION_MAX, count=len(text)
        )
        raise invalid(message, text=message)
    return text


def section_dict(section: ProposalSection) -> dict[str, Any]:
    return {
        "key": section.key,
        "text": section.text,
        "version": section.version,
        "words": count_words(section.text),
    }


def history(
    workshop: Workshop, identity: Identity, proposal_id: object, key: object
) -> list[dict[str, Any]]:
    """Every save of a section, newest first, refused ones too, for those who may write
    it (and steering, withdrawn or not): how a text looked, and who saved it."""
    proposal = proposal_in(workshop, proposal_id)
    viewer = Viewer.of(identity)
    if not (viewer.steering or may_edit(workshop, identity, proposal)):
        raise forbidden(_("Only the facilitator and this sector's group can write this proposal."))
    section = _section(proposal, key)
    settings = Settings.of(workshop)
    rows = db.session.scalars(
        select(ProposalRevision)
        .where(ProposalRevision.section_id == section.id)
        .order_by(ProposalRevision.id.desc())
    ).all()
    people = {
        p.id: p.name
        for p in db.session.scalars(
            select(Participant).where(
                Participant.id.in_({r.participant_id for r in rows if r.participant_id})
            )
        )
    }
    return [
        {
            "version": r.version,
            "base_version": r.base_version,
            "outcome": r.outcome,
            "text": r.text,
            "by": people.get(r.participant_id)
            if r.participant_id and viewer.shows_author(r.participant_id, settings)
            else None,
            "by_staff": r.by_staff,
            "at": r.created_at.isoformat() + "Z",
        }
        for r in rows
    ]


# -- the Indeks Inovasi Daerah profile ---------------------------------------------


def save_iid(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Save fields of the proposal's IID profile {profile: {field: value}}: each field is
    one value, the last one saved wins, and everyone who reads the proposal sees it."""
    proposal = proposal_in(workshop, payload.get("proposal_id"))
    _check_edit(workshop, identity, proposal)
    proposal.iid = {**(proposal.iid or {}), **iid.clean(payload.get("profile"))}
    data = {"proposal_id": proposal.id, "iid": iid.profile_of(workshop, proposal)}
    stamp(workshop, "proposal.iid", data, sector_id=proposal.sector_id)
    return data


# -- self-assessment ----------------------------------------------------------------


def assess(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Tick a KIPP criterion {criterion, ticked} or score a section {section, score: 0-100 | null}.

    Each tick and score is one value: the last one saved wins, and everyone sees it.
    """
    proposal = proposal_in(workshop, payload.get("proposal_id"))
    _check_edit(workshop, identity, proposal)
    rubric = rubric_of(proposal)
    if "criterion" in payload:
        key = payload.get("criterion")
        if not isinstance(key, str) or key not in {c.key for c in rubric.criteria}:
            raise invalid(_("Invalid value."), criterion=_("Invalid."))
        proposal.checklist = {
            **proposal.checklist,
            key: required_flag(payload.get("ticked"), "ticked"),
        }
    elif "section" in payload:
        section = _section(proposal, payload.get("section"))
        score = optional_int(payload.get("score"), "score")
        low, high = SCORE_RANGE
        if score is not None and not low <= score <= high:
            raise invalid(
                _("Choose between %(low)d and %(high)d.", low=low, high=high), score=_("Invalid.")
            )
        section.score = score
    else:
        raise invalid(_("Invalid value."), criterion=_("Required."))
    data = {"proposal_id": proposal.id, **assessment_of(proposal)}
    stamp(workshop, "proposal.assessed", data, sector_id=proposal.sector_id)
    return data


def assessment_of(proposal: Proposal) -> dict[str, Any]:
    """The checklist, each section's score and the total weighted by the rubric."""
    rubric = rubric_of(proposal)
    scores = {s.key: s.score for s in proposal.sections}
    return {
        "checklist": {c.key: bool(proposal.checklist.get(c.key)) for c in rubric.criteria},
        "scores": scores,
        "total": weighted_total(rubric, scores),
    }


def weighted_total(rubric: rubrics.Rubric, scores: dict[str, int | None]) -> float:
    """Sum of each section's score (0-100, none counts 0) times its weight: 0-100."""
    total = sum((scores.get(s.key) or 0) * s.weight for s in rubric.sections)
    return round(total / 100, 1)


# -- reading -----------------------------------------------------------------------


def full(workshop: Workshop, proposal: Proposal, viewer: Viewer, language: str) -> dict[str, Any]:
    """Everything about one proposal as `viewer` may see it, in `language`."""
    if not viewer.reads_proposal(proposal.status == DRAFT):
        raise not_found(_("This proposal does not exist in this workshop."))
    rubric = rubric_of(proposal)
    return {
        **summary(proposal),
        "rubric": rubric.as_dict(language),
        "sections": [section_dict(s) for s in proposal.sections],
        "facts": facts_of(workshop, proposal, viewer).as_dict(),
        "iid": iid.profile_of(workshop, proposal),
        **assessment_of(proposal),
    }


def proposal_readable(workshop: Workshop, identity: Identity, proposal_id: object) -> Proposal:
    """The proposal, if this caller may read it; otherwise not found."""
    proposal = proposal_in(workshop, proposal_id)
    if not Viewer.of(identity).reads_proposal(proposal.status == DRAFT):
        raise not_found(_("This proposal does not exist in this workshop."))
    return proposal


def summary(proposal: Proposal) -> dict[str, Any]:
    return {**proposal.summary(), "active": proposal.status == DRAFT}


def may_edit(workshop: Workshop, identity: Identity, proposal: Proposal) -> bool:
    """Whether this caller may write the proposal (the policy's rule, with their sector)."""
    own = _own_sector(identity)
    return Viewer.of(identity).edits_proposal(proposal.status == DRAFT, proposal.sector_id, own)


def _check_edit(workshop: Workshop, identity: Identity, proposal: Proposal) -> Participant | None:
    if not may_edit(workshop, identity, proposal):
        if proposal.status != DRAFT:
            raise forbidden(_("This proposal was withdrawn by the facilitator."))
        raise forbidden(_("Only the facilitator and this sector's group can write this proposal."))
    return db.session.get(Participant, identity.participant_id or 0)


def _own_sector(identity: Identity) -> int | None:
    participant = db.session.get(Participant, identity.participant_id or 0)
    return participant.group_sector if participant else None


def _section(proposal: Proposal, key: object) -> ProposalSection:
    section = proposal.section(key) if isinstance(key, str) else None
    if section is None:
        raise invalid(_("This proposal has no such section."), section=_("Invalid."))
    return section


def _text_at(section: ProposalSection, version: int) -> str | None:
    return db.session.scalars(
        select(ProposalRevision.text).where(
            ProposalRevision.section_id == section.id,
            ProposalRevision.version == version,
            ProposalRevision.outcome.in_((START, SAVED, MERGED)),
        )
    ).first()


def _revision(
    section: ProposalSection,
    who: Participant | None,
    base: int,
    outcome: str,
    text: str,
    *,
    version: int,
) -> None:
    db.session.add(
        ProposalRevision(
            section_id=section.id,
            version=version,
            base_version=base,
            outcome=outcome,
            text=text,
            participant_id=who.id if who else None,
            by_staff=who is None,
        )
    )


def _announce(workshop: Workshop, proposal: Proposal) -> None:
    db.session.flush()
    stamp(workshop, "proposal.updated", summary(proposal), sector_id=proposal.sector_id)
