"""Tallies in a vote storm: stamped once per interval, not once per vote.

A thousand phones voting in ten seconds is 300 votes a second. Stamping each
vote's new tally (the card's count, a sequence number, an event row) and
sending it to the card's whole board doubled the work of a vote, and a board
of ten cards got ten messages each interval. So with `TALLY_INTERVAL` above
zero a vote's transaction stores only the dot; once it has committed, its
card is marked, and a background batch (realtime/batches.py, shared with the
upvotes of speakers' questions) stamps the current tallies of every marked
card of the workshop in one transaction (one statement for all
the sequence numbers, one count query): one `votes.tallied` a board,
`{sector_id, tallies: {card id: votes}}`, so a phone gets one message a
batch. A quiet workshop's marks are stamped at once (the task starts without
delay); while votes pour in, at most once per interval. The voting progress
that steering sees ("18/25 have voted") is stamped in the same batch when a
marked vote may have moved it.

Snapshots count the votes themselves, so they are always exact; the event log
holds each board's tallies as they were at each batch, and a phone that
replays it ends on the count. If the server stops between a vote's commit and
its batch (at most one interval), that tally is not stamped; the next vote on
the card, or any snapshot, shows the count. With `TALLY_INTERVAL` 0 (the
tests' default) each tally, of a vote or a merge, is stamped as a
`votes.updated` inside its own transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ..core.cards import KINDS, Card
from ..core.models import Workshop
from ..core.votes import Vote
from ..extensions import db
from ..realtime.broadcast import Stamp, stamp_all
from ..realtime.policy import TALLIES_EVENT, VOTING_PROGRESS_AUDIENCE, VOTING_PROGRESS_EVENT
from ..realtime.unit import unit_of_work

# The flag a vote is marked with when it may have moved the voting progress.
PROGRESS = "progress"


def tallies(workshop: Workshop, card_ids: list[int] | None = None) -> dict[int, int]:
    """Dots per card id."""
    query = (
        select(Vote.card_id, func.count(Vote.id))
        .where(Vote.workshop_id == workshop.id)
        .group_by(Vote.card_id)
    )
    if card_ids is not None:
        query = query.where(Vote.card_id.in_(card_ids))
    return {card_id: count for card_id, count in db.session.execute(query).all()}


def voting_progress(workshop: Workshop) -> dict[str, Any]:
    """How many participants have at least one dot, per kind of card (the facilitator
    compares it with the participants present: "18/25 have voted")."""
    rows = db.session.execute(
        select(Vote.kind, func.count(func.distinct(Vote.participant_id)))
        .where(Vote.workshop_id == workshop.id)
        .group_by(Vote.kind)
    ).all()
    voted = dict.fromkeys(KINDS, 0)
    voted.update({kind: int(n) for kind, n in rows})
    return {"voted": voted}


def stamp_tallies(workshop_id: int, card_ids: set[int], flags: frozenset[str]) -> None:
    """One batch (realtime/batches.py), in one transaction: the current tally of
    each card, and the voting progress when a vote was marked with `PROGRESS`."""
    with unit_of_work():
        workshop = db.session.get(Workshop, workshop_id)
        if workshop is None or workshop.write_refusal() is not None:
            return  # gone or archived since: nothing more is broadcast
        boards = dict(
            db.session.execute(
                select(Card.id, Card.sector_id).where(
                    Card.workshop_id == workshop_id, Card.id.in_(sorted(card_ids))
                )
            ).all()
        )
        counts = tallies(workshop, list(boards))
        per_board: dict[int, dict[str, int]] = {}
        for card_id, sector_id in sorted(boards.items()):
            per_board.setdefault(sector_id, {})[str(card_id)] = counts.get(card_id, 0)
        stamps = [
            Stamp(TALLIES_EVENT, {"sector_id": sector_id, "tallies": board}, sector_id=sector_id)
            for sector_id, board in sorted(per_board.items())
        ]
        if PROGRESS in flags:
            stamps.append(
                Stamp(
                    VOTING_PROGRESS_EVENT,
                    voting_progress(workshop),
                    audience=VOTING_PROGRESS_AUDIENCE,
                )
            )
        stamp_all(workshop, stamps)
