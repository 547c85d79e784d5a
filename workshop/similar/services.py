"""Similar cards for a participant typing a card, and merge and cluster suggestions
for the facilitator. Read-only against the cards: nothing here runs inside a
write transaction or on the post path, so no post waits for it."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..core.cards import (
    BOTTLENECK,
    KINDS,
    SIMILAR_QUERY_MIN,
    SOLUTION,
    TEXT_MAX,
    VISIBLE,
    Card,
)
from ..core.errors import invalid
from ..core.lookup import sector_in
from ..core.models import Workshop
from ..core.validation import clean_text, optional_int
from ..extensions import db
from ..realtime.broadcast import stamp
from ..realtime.models import STEERING
from ..realtime.policy import Settings, Viewer
from ..voting.services import tallies
from . import feedback
from .boards import indexes
from .models import CLUSTER, MERGE, Dismissal

SHOWN = 3  # similar cards offered while typing
SUGGESTED = 10  # suggestions of each sort sent for a board unless more are asked for
SUGGESTED_MAX = 200  # the most that may be asked for at once


def similar_cards(
    workshop: Workshop, viewer: Viewer, sector_id: object, kind: object, text: object
) -> list[dict[str, Any]]:
    """Up to three cards of this board and kind like `text`, among those `viewer` sees."""
    sector = sector_in(workshop, sector_id)
    if kind not in KINDS:
        raise invalid(_("Unknown kind of card."), kind=_("Invalid."))
    typed = clean_text(text, "text", max_length=TEXT_MAX, required=False, multiline=True) or ""
    if len(typed) < SIMILAR_QUERY_MIN:
        return []
    board = indexes().board(workshop, sector.id, str(kind))
    settings = Settings.of(workshop)
    among = {
        card_id
        for card_id, (_text, status, author) in board.cards.items()
        if viewer.sees(status, author, settings)
    }
    found = board.index.similar(typed, k=SHOWN, among=among)
    found = feedback.similar(workshop, board, typed, found, among, k=SHOWN)  # what it learned
    return _shown(workshop, viewer, settings, found)


def suggestions(workshop: Workshop, sector_id: object, limit: object = None) -> dict[str, Any]:
    """Near-duplicates to merge and related bottlenecks to cluster, on one board.

    Only visible cards; a pair or group the facilitator dismissed is not offered
    again, nor a cluster whose cards are all in one cluster already. The best
    `limit` merges (the closest first) and clusters are sent, with how many
    there are in all: a room of look-alike cards is paged, never sent whole.
    """
    shown = _limit(limit)
    sector = sector_in(workshop, sector_id)
    dismissed = set(
        db.session.execute(
            select(Dismissal.kind, Dismissal.cards).where(Dismissal.workshop_id == workshop.id)
        ).all()
    )
    merges: list[dict[str, Any]] = []
    clusters: list[dict[str, Any]] = []
    for kind in (BOTTLENECK, SOLUTION):
        board = indexes().board(workshop, sector.id, kind)
        visible = {cid for cid, (_t, status, _a) in board.cards.items() if status == VISIBLE}
        found = board.index.duplicates(among=visible)
        found = feedback.merges(workshop, board, visible, found)  # what it learned
        for a, b, score in found:
            if (MERGE, Dismissal.key([a, b])) not in dismissed:
                merges.append({"kind": kind, "cards": sorted([a, b]), "score": round(score, 3)})
        if kind == BOTTLENECK:
            grouped = _cluster_of(workshop, visible)
            for group in board.index.clusters(among=visible):
                already = {grouped.get(cid) for cid in group}
                if (CLUSTER, Dismissal.key(group)) in dismissed or (
                    len(already) == 1 and None not in already
                ):
                    continue
                clusters.append({"kind": kind, "cards": sorted(group)})
    merges.sort(key=lambda m: -m["score"])
    return {
        "sector_id": sector.id,
        "merges": merges[:shown],
        "clusters": clusters[:shown],
        "total": {"merges": len(merges), "clusters": len(clusters)},
    }


def _limit(value: object) -> int:
    """How many suggestions of each sort to send: SUGGESTED unless asked, at most SUGGESTED_MAX."""
    asked = optional_int(value, "limit")
    if asked is None:
        return SUGGESTED
    if not 1 <= asked <= SUGGESTED_MAX:
        raise invalid(_("Invalid value."), limit=_("Invalid."))
    return asked


def dismiss(workshop: Workshop, kind: object, card_ids: object) -> str:
    """Never offer this merge (two cards) or cluster (two or more) again."""
    if kind not in (MERGE, CLUSTER):
        raise invalid(_("Invalid value."), kind=_("Invalid."))
    if not isinstance(card_ids, list) or not 2 <= len(card_ids) <= 50:
        raise invalid(_("Invalid value."), cards=_("Invalid."))
    ids = [optional_int(value, "cards") for value in card_ids]
    owned = set(
        db.session.scalars(select(Card.id).where(Card.workshop_id == workshop.id, Card.id.in_(ids)))
    )
    if None in ids or owned != set(ids) or (kind == MERGE and len(owned) != 2):
        raise invalid(_("Invalid value."), cards=_("Invalid."))
    key = Dismissal.key(sorted(owned))
    exists = db.session.scalar(
        select(Dismissal.id).where(
            Dismissal.workshop_id == workshop.id, Dismissal.kind == kind, Dismissal.cards == key
        )
    )
    if exists is None:
        db.session.add(Dismissal(workshop_id=workshop.id, kind=str(kind), cards=key))
        stamp(
            workshop,
            "suggestion.dismissed",
            {"kind": kind, "cards": sorted(owned)},
            audience=STEERING,
        )
    return key


def _shown(
    workshop: Workshop, viewer: Viewer, settings: Settings, found: list[tuple[int, float]]
) -> list[dict[str, Any]]:
    ids = [card_id for card_id, _score in found]
    if not ids:
        return []  # most keystrokes: no query at all
    cards = {
        c.id: c
        for c in db.session.scalars(
            select(Card).where(Card.id.in_(ids)).options(joinedload(Card.author))
        )
    }
    votes = tallies(workshop, ids)
    shown = []
    for card_id, score in found:
        card = cards.get(card_id)
        data = (
            viewer.card({**card.as_dict(), "votes": votes.get(card_id, 0)}, settings)
            if card
            else None
        )
        if data is not None:
            shown.append({**data, "score": round(score, 3)})
    return shown


def _cluster_of(workshop: Workshop, ids: set[int]) -> dict[int, int | None]:
    rows = db.session.execute(
        select(Card.id, Card.cluster_id).where(Card.workshop_id == workshop.id, Card.id.in_(ids))
    ).all()
    return {row.id: row.cluster_id for row in rows}
