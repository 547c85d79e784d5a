"""Moderation rules, all for the facilitator: edit, hide, delete and restore, move,
approve (one card, a board's queue or every board's, or a selection at once), merge
duplicates, and group cards into named clusters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from ..boards.services import addressed_cause, clean_category
from ..core.cards import (
    BOTTLENECK,
    CAUSE,
    CLUSTER_TITLE_MAX,
    DELETED,
    MERGE_SAME,
    MERGED,
    PENDING,
    SERVICE_MAX,
    SOLUTION,
    TEXT_MAX,
    TRANSITIONS,
    VISIBLE,
    Card,
)
from ..core.errors import DomainError, invalid, not_found
from ..core.lookup import card_in, sector_in
from ..core.models import Workshop
from ..core.timeutil import utcnow
from ..core.validation import clean_text, is_integer, optional_int
from ..core.votes import Vote
from ..extensions import db
from ..realtime.broadcast import publish_card, stamp
from ..realtime.policy import STEERING_VIEW, Settings
from ..voting.services import announce_tally
from ..voting.support import recount_supports
from .models import Cluster, MergeRecord


def edit_card(workshop: Workshop, card_id: object, payload: dict[str, Any]) -> Card:
    """Correct a card's text; a bottleneck's category or service; the bone of a cause
    on the fishbone (its whole branch follows); the root cause a solution addresses."""
    card = card_in(workshop, card_id)
    if "text" in payload:
        card.text = str(clean_text(payload["text"], "text", max_length=TEXT_MAX, multiline=True))
    if card.kind == BOTTLENECK:
        if "category" in payload:
            card.category = clean_category(payload["category"])
        if "service" in payload:
            card.service = clean_text(
                payload["service"], "service", max_length=SERVICE_MAX, required=False
            )
    if card.kind == CAUSE and "bone" in payload and card.depth == 1:
        bone = payload["bone"]
        if not isinstance(bone, str) or bone not in {b["key"] for b in workshop.bones()}:
            raise invalid(_("Choose a category of the fishbone."), bone=_("Invalid."))
        card.bone = bone
        for child in _descendants(card):
            child.bone = bone
            publish_card(workshop, child)
    if card.kind == SOLUTION and "addresses_id" in payload:
        cause_id = optional_int(payload["addresses_id"], "addresses_id")
        parent = db.session.get(Card, card.parent_id) if card.parent_id else None
        card.addresses_id = (
            None
            if cause_id is None or parent is None
            else addressed_cause(workshop, parent, cause_id, STEERING_VIEW).id
        )
    publish_card(workshop, card)
    return card


def change_status(workshop: Workshop, card_id: object, action: object) -> Card:
    """Approve, hide, show, delete or restore a card; nothing is ever erased."""
    if not isinstance(action, str) or action not in TRANSITIONS:
        raise invalid(_("Invalid value."), action=_("Invalid."))
    card = card_in(workshop, card_id)
    allowed, target = TRANSITIONS[action]
    if card.status not in allowed:
        raise invalid(_("This card cannot be changed that way now."))
    card.status = target
    publish_card(workshop, card)
    return card


# The status changes a selection of cards may take at once (cards:bulk), each card
# as its `actions` allow (TRANSITIONS; the capability table).
BULK_ACTIONS = tuple(TRANSITIONS)
BULK_MAX = 500  # cards in one bulk action: a board's worth, and a bounded unit of work


def approve_all(workshop: Workshop, sector_id: object = None) -> list[Card]:
    """Approve every card waiting for approval, on one board (`sector_id`) or on all."""
    query = select(Card).where(Card.workshop_id == workshop.id, Card.status == PENDING)
    if sector_id is not None:
        query = query.where(Card.sector_id == sector_in(workshop, sector_id).id)
    settings = Settings.of(workshop)
    approved = []
    for card in db.session.scalars(query.order_by(Card.id)):
        if STEERING_VIEW.may(card, "approve", settings):
            card.status = VISIBLE
            publish_card(workshop, card)
            approved.append(card)
    return approved


@dataclass
class BulkResult:
    """What a bulk action did: the cards changed, and why each other card was not."""

    done: list[Card] = field(default_factory=list)
    refused: list[dict[str, object]] = field(default_factory=list)


def bulk_status(workshop: Workshop, card_ids: object, action: object) -> BulkResult:
    """Approve, hide, show, delete or restore each card of a selection that allows it
    (its `actions`); each other card is left as it is, with the reason."""
    if not isinstance(action, str) or action not in BULK_ACTIONS:
        raise invalid(_("Invalid value."), action=_("Invalid."))
    if not isinstance(card_ids, list) or not card_ids or len(card_ids) > BULK_MAX:
        message = _("Choose between %(low)d and %(high)d cards.", low=1, high=BULK_MAX)
        raise invalid(message, card_ids=message)
    settings = Settings.of(workshop)
    result = BulkResult()
    chosen = list(dict.fromkeys(card_ids))  # each card once, in the order chosen
    # One query loads the selection; card_in below then finds each in the session.
    ids = [card_id for card_id in chosen if is_integer(card_id)]
    db.session.scalars(select(Card).where(Card.workshop_id == workshop.id, Card.id.in_(ids))).all()
    for card_id in chosen:
        try:
            card = card_in(workshop, card_id)
        except DomainError as err:
            result.refused.append({"card_id": card_id, "message": err.message})
            continue
        if not STEERING_VIEW.may(card, action, settings):
            message = _("This card cannot be changed that way now.")
            result.refused.append({"card_id": card.id, "message": message})
            continue
        card.status = TRANSITIONS[action][1]
        publish_card(workshop, card)
        result.done.append(card)
    return result


def move_card(workshop: Workshop, card_id: object, sector_id: object) -> Card:
    """Move a bottleneck, with its solutions and causes, to another sector board."""
    card = card_in(workshop, card_id, kind=BOTTLENECK)
    sid = sector_in(workshop, sector_id).id
    if sid == card.sector_id:
        return card
    card.sector_id = sid
    card.cluster_id = None
    publish_card(workshop, card, moved=True)
    for child in _descendants(card):
        child.sector_id = sid
        publish_card(workshop, child, moved=True)
    return card


def merge_cards(workshop: Workshop, source_id: object, target_id: object) -> Card:
    """Merge a duplicate into another card of the same kind.

    The target keeps every solution, cause and vote of both. A participant who
    had voted on both keeps as many dots on the target as on the one they
    voted most, so nobody is counted twice; the dots beyond that go back to
    their budget.
    """
    source, target = card_in(workshop, source_id), card_in(workshop, target_id)
    refusal = merge_refusal(workshop, source, target)
    if refusal:
        raise invalid(refusal)
    record = MergeRecord(
        workshop_id=workshop.id,
        source_id=source.id,
        target_id=target.id,
        source_status=source.status,
        children=[child.id for child in _children(source)],
    )
    record.moved_votes, record.dropped_votes = _merge_votes(source, target)
    db.session.add(record)
    _rehang(workshop, source, target)
    source.status = MERGED
    source.merged_into_id = target.id
    recount_supports(target)
    publish_card(workshop, source)
    publish_card(workshop, target)
    # Both tallies: the source's dots went to the target or back to their budgets,
    # and a screen that showed the source's count must not keep it.
    announce_tally(workshop, source)
    announce_tally(workshop, target)
    return target


def merge_refusal(workshop: Workshop, source: Card, target: Card) -> str | None:
    """Why `source` may not be merged into `target`, or None: the page is told the
    same rule (each card's `merge` action and `rules.merge_same`)."""
    if source.id == target.id:
        return _("Choose two different cards.")
    settings = Settings.of(workshop)
    for card in (source, target):
        if card.status == DELETED:
            return _("A deleted card cannot be merged. Restore it first.")
        if not STEERING_VIEW.may(card, "merge", settings):
            return _("This card cannot be changed that way now.")
    differs = [name for name in MERGE_SAME if getattr(source, name) != getattr(target, name)]
    if "kind" in differs:
        return _("Only cards of the same kind can be merged.")
    if differs:
        return _("Only cards on the same board can be merged.")
    return None


def unmerge_card(workshop: Workshop, card_id: object) -> Card:
    """Undo the last merge of a card: it comes back as it was, with its own solutions,
    causes and votes (the dots dropped so as not to count anyone twice come back)."""
    source = card_in(workshop, card_id)
    record = db.session.scalar(
        select(MergeRecord)
        .where(MergeRecord.source_id == source.id, MergeRecord.undone_at.is_(None))
        .order_by(MergeRecord.id.desc())
        .limit(1)
    )
    if source.status != MERGED or record is None:
        raise invalid(_("This card cannot be changed that way now."))
    target = db.session.get(Card, record.target_id)
    if target is None:
        raise invalid(_("This card cannot be changed that way now."))
    for vote in db.session.scalars(select(Vote).where(Vote.id.in_(record.moved_votes))):
        if vote.card_id == target.id:
            vote.card_id = source.id
    for dropped in record.dropped_votes:
        db.session.add(
            Vote(
                workshop_id=workshop.id,
                card_id=source.id,
                participant_id=int(dropped["participant_id"]),
                kind=source.kind,
                entered_by_facilitator=bool(dropped["entered_by_facilitator"]),
            )
        )
    for child in db.session.scalars(select(Card).where(Card.id.in_(record.children))):
        if child.parent_id == target.id:
            child.parent_id = source.id
    source.status = record.source_status
    source.merged_into_id = None
    record.undone_at = utcnow()
    db.session.flush()
    _rehang(workshop, None, source)
    recount_supports(source)
    recount_supports(target)
    publish_card(workshop, source)
    publish_card(workshop, target)
    announce_tally(workshop, source)
    announce_tally(workshop, target)
    return source


def _rehang(workshop: Workshop, source: Card | None, target: Card) -> None:
    """Hang the source's children under the target (or, with no source, make the
    target's own children follow it again): sector, and the depth and bone of causes."""
    if source is not None:
        moved = _descendants(source)  # parents before children
        for child in _children(source):
            child.parent_id = target.id
    else:
        moved = _descendants(target)
    db.session.flush()
    for child in moved:
        parent = db.session.get(Card, child.parent_id) if child.parent_id else None
        if child.kind == CAUSE and parent is not None and parent.kind == CAUSE:
            child.depth, child.bone = parent.depth + 1, parent.bone
        was = child.sector_id
        child.sector_id = target.sector_id
        publish_card(workshop, child, moved=was != target.sector_id)


def _merge_votes(source: Card, target: Card) -> tuple[list[int], list[dict[str, Any]]]:
    """Move the source's dots to the target, dropping those that would count a
    participant twice; return the ids moved and what was dropped."""
    on_target = Counter(
        db.session.scalars(select(Vote.participant_id).where(Vote.card_id == target.id))
    )
    source_votes = db.session.scalars(
        select(Vote).where(Vote.card_id == source.id).order_by(Vote.id)
    ).all()
    on_source = Counter(vote.participant_id for vote in source_votes)
    moved: Counter[int] = Counter()
    moved_ids: list[int] = []
    dropped: list[dict[str, Any]] = []
    for vote in source_votes:
        pid = vote.participant_id
        keep = max(on_source[pid] - on_target[pid], 0)
        if moved[pid] < keep:
            vote.card_id = target.id
            moved[pid] += 1
            moved_ids.append(vote.id)
        else:
            dropped.append(
                {"participant_id": pid, "entered_by_facilitator": vote.entered_by_facilitator}
            )
            db.session.delete(vote)
    db.session.flush()
    return moved_ids, dropped


def _children(card: Card) -> list[Card]:
    return list(db.session.scalars(select(Card).where(Card.parent_id == card.id)))


def _descendants(card: Card) -> list[Card]:
    """Solutions and causes under a card, however deep, parents before children."""
    found: list[Card] = []
    level = _children(card)
    while level:
        found += level
        ids = [c.id for c in level]
        level = list(db.session.scalars(select(Card).where(Card.parent_id.in_(ids))))
    return found


# -- clusters --------------------------------------------------------------------


def save_cluster(workshop: Workshop, payload: dict[str, Any]) -> Cluster:
    """Create a named cluster on a board (no `id`), or rename one."""
    title = str(clean_text(payload.get("title"), "title", max_length=CLUSTER_TITLE_MAX))
    cluster_id = optional_int(payload.get("id"), "id")
    if cluster_id is None:
        sid = sector_in(workshop, payload.get("sector_id")).id
        cluster = Cluster(workshop_id=workshop.id, sector_id=sid, title=title)
        db.session.add(cluster)
    else:
        cluster = _cluster(workshop, cluster_id)
        cluster.title = title
    db.session.flush()
    stamp(workshop, "cluster.updated", cluster.as_dict(), sector_id=cluster.sector_id)
    return cluster


def remove_cluster(workshop: Workshop, cluster_id: object) -> None:
    """Dissolve a cluster; its cards stay on the board, ungrouped."""
    cluster = _cluster(workshop, cluster_id)
    members = db.session.scalars(select(Card).where(Card.cluster_id == cluster.id)).all()
    for card in members:
        card.cluster_id = None
        publish_card(workshop, card)
    db.session.delete(cluster)
    db.session.flush()
    stamp(
        workshop,
        "cluster.removed",
        {"id": cluster.id, "sector_id": cluster.sector_id},
        sector_id=cluster.sector_id,
    )


def assign_cluster(workshop: Workshop, card_id: object, cluster_id: object) -> Card:
    """Put a bottleneck into a cluster of its board, or take it out (None)."""
    card = card_in(workshop, card_id, kind=BOTTLENECK)
    if cluster_id is None:
        card.cluster_id = None
    else:
        cluster = _cluster(workshop, cluster_id)
        if cluster.sector_id != card.sector_id:
            raise invalid(_("The cluster is on another sector board."))
        card.cluster_id = cluster.id
    publish_card(workshop, card)
    return card


def clusters_of(
    workshop: Workshop, sector_ids: Iterable[int] | None = None
) -> list[dict[str, object]]:
    query = select(Cluster).where(Cluster.workshop_id == workshop.id).order_by(Cluster.id)
    if sector_ids is not None:
        query = query.where(Cluster.sector_id.in_(list(sector_ids)))
    return [cluster.as_dict() for cluster in db.session.scalars(query)]


def _cluster(workshop: Workshop, cluster_id: object) -> Cluster:
    cid = optional_int(cluster_id, "cluster_id")
    cluster = db.session.get(Cluster, cid) if cid is not None else None
    if cluster is None or cluster.workshop_id != workshop.id:
        raise not_found(_("This cluster does not exist in this workshop."))
    return cluster
