"""Dot voting: each participant has a budget of dots per kind of card, and at most
`vote_cap` dots on one card. Votes are taken back one dot at a time."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, cast

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..core import fastpath, gates
from ..core.cards import KINDS, Card
from ..core.errors import DomainError, forbidden, invalid, not_found
from ..core.models import Participant, Workshop
from ..core.validation import optional_int
from ..core.votes import Vote
from ..extensions import db
from ..realtime.batches import batcher
from ..realtime.broadcast import stamp
from ..realtime.policy import (
    STEERING_VIEW,
    TALLY_EVENT,
    VOTING_PROGRESS_AUDIENCE,
    VOTING_PROGRESS_EVENT,
    Settings,
    participant_view,
)
from .tallies import PROGRESS, stamp_tallies, tallies, voting_progress

__all__ = ["tallies", "voting_progress"]  # counted in tallies.py, used by other features


def cards_of(workshop: Workshop, sector_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Every card on the given boards (all boards when None), oldest first, with tallies.

    Cards of every status are returned whole: callers shape them for each viewer.
    """
    query = (
        select(Card)
        .where(Card.workshop_id == workshop.id)
        .options(selectinload(Card.author))
        .order_by(Card.id)
    )
    if sector_ids is not None:
        query = query.where(Card.sector_id.in_(list(sector_ids)))
    counts = tallies(workshop)
    return [
        {**card.as_dict(), "votes": counts.get(card.id, 0)} for card in db.session.scalars(query)
    ]


def votes_of(workshop: Workshop, participant_id: int) -> dict[str, Any]:
    """A participant's own dots per card, and how many they have left per kind."""
    return _shape(workshop, fastpath.dots_of(workshop.id, participant_id))


def _shape(workshop: Workshop, rows: list[tuple[int, str, int]]) -> dict[str, Any]:
    used = dict.fromkeys(KINDS, 0)
    for _card, kind, count in rows:
        used[kind] = used.get(kind, 0) + count
    cap = workshop.vote_cap
    return {
        "cards": {str(card_id): count for card_id, _kind, count in rows},
        "left": {kind: max(0, workshop.vote_budget - n) for kind, n in used.items()},
        "budget": workshop.vote_budget,
        "cap": cap,
        # The cards this participant may put no more dots on.
        "capped": sorted(card_id for card_id, _kind, n in rows if cap is not None and n >= cap),
    }


def cast_vote(
    workshop: Workshop, voter_id: int, card_id: object, *, by_facilitator: bool = False
) -> dict[str, Any]:
    """Place one dot on a card, within the phase, the budget and the per-card cap.

    `voter_id` is a participant of this workshop (the caller checks: a socket's
    identity at connect, the facilitator's choice by `participant_in`)."""
    card = _votable(workshop, card_id, None if by_facilitator else voter_id)
    _lock(voter_id)
    # One query for the voter's dots: the budget, the cap, and the answer after this dot.
    dots = fastpath.dots_of(workshop.id, voter_id)
    mine = sum(n for _card, kind, n in dots if kind == card.kind)
    if mine >= workshop.vote_budget:
        raise DomainError(
            "budget", _("You have used all %(n)d of your votes.", n=workshop.vote_budget)
        )
    on_card = sum(n for card_id, _kind, n in dots if card_id == card.id)
    if workshop.vote_cap is not None and on_card >= workshop.vote_cap:
        raise DomainError("cap", _("At most %(n)d votes on one card.", n=workshop.vote_cap))
    fastpath.add_dot(workshop.id, card.id, card.kind, voter_id, by_facilitator=by_facilitator)
    # The progress ("18/25 have voted") moves only with a voter's first dot of a kind.
    announce_tally(workshop, card, progress=mine == 0)
    others = [row for row in dots if row[0] != card.id]
    return _shape(workshop, sorted([*others, (card.id, card.kind, on_card + 1)]))


def retract_vote(
    workshop: Workshop, voter_id: int, card_id: object, *, by_facilitator: bool = False
) -> dict[str, Any]:
    """Take one of the voter's dots back from a card."""
    card = _votable(workshop, card_id, None if by_facilitator else voter_id)
    _lock(voter_id)
    if not fastpath.take_last_dot(voter_id, card.id):
        raise invalid(_("You have no vote on this card."))
    mine = votes_of(workshop, voter_id)
    # ... and with their last one of the kind taken back.
    announce_tally(workshop, card, progress=mine["left"][card.kind] >= workshop.vote_budget)
    return mine


def announce_tally(workshop: Workshop, card: Votable, *, progress: bool = True) -> None:
    """Broadcast a card's new number of dots (shown once the facilitator reveals tallies),
    and (when it may have changed: `progress`) to those who steer how many
    participants have voted so far. With a tally interval, in the next batch
    after this transaction commits (tallies.py); without, in this transaction."""
    if batcher().interval() > 0:
        flags = (PROGRESS,) if progress else ()
        batcher().mark_after_commit(stamp_tallies, workshop.id, card.id, flags)
        return
    total = _count(Vote.card_id == card.id)
    stamp(
        workshop,
        TALLY_EVENT,
        {"card_id": card.id, "sector_id": card.sector_id, "votes": total},
        sector_id=card.sector_id,
    )
    if progress:
        stamp(
            workshop,
            VOTING_PROGRESS_EVENT,
            voting_progress(workshop),
            audience=VOTING_PROGRESS_AUDIENCE,
        )


class Votable(Protocol):
    """What a vote needs of a card (a row of `fastpath.votable`, or a Card)."""

    id: int
    sector_id: int
    kind: str


def _votable(workshop: Workshop, card_id: object, voter_id: int | None) -> Votable:
    """A visible card of this workshop that the voter (None: the facilitator) can see,
    and, for a participant, open to voting in the current phase."""
    cid = optional_int(card_id, "card_id")
    if cid is None:
        raise not_found(_("This card does not exist in this workshop."))
    row = fastpath.votable(cid)  # the phase came with the workshop (fastpath.workshop_by_id)
    viewer = STEERING_VIEW if voter_id is None else participant_view(voter_id)
    if (
        row is None
        or row.workshop_id != workshop.id
        or not viewer.may(row, "vote", Settings.of(workshop))
    ):
        raise not_found(_("This card does not exist in this workshop."))
    if voter_id is not None:
        refusal = gates.refusal(workshop, gates.VOTE, row.kind, row.sector_id, None)
        if refusal:
            raise forbidden(refusal)
    return cast(Votable, row)


def _lock(voter_id: int) -> None:
    """Serialise one participant's votes: a row lock on PostgreSQL. On SQLite every
    write transaction already begins IMMEDIATE (dbwrites.py), which holds the one
    write lock: no statement is needed."""
    if db.session.get_bind().dialect.name == "sqlite":
        return
    db.session.execute(select(Participant.id).where(Participant.id == voter_id).with_for_update())


def _count(*conditions: Any) -> int:
    return int(db.session.scalar(select(func.count(Vote.id)).where(*conditions)) or 0)
