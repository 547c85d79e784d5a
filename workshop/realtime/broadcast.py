"""The one way a change reaches clients: stamped, stored, committed, then emitted.

A service calls `stamp()` (or `announce()`, `publish_card()`) inside its
transaction: the workshop's sequence number goes up by one and the event is
written to the log, so a client that missed it can fetch it later. The unit of
work (unit.py) then calls `commit_and_broadcast()`: nothing is emitted before
the commit succeeds, and no network write happens inside a write transaction.
Which rooms get which form of each event is the visibility policy's answer
(policy.py).

Every change is stamped, so `stamp()` is where an archived workshop refuses
it (`refuse_writes`): one check for the socket events, the HTTP forms and the
CLI alike. Only the announcement of the archiving itself passes
(`announce_archived`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, update

from ..core.cards import VISIBLE, Card
from ..core.lifecycle import ARCHIVED, archived_refusal
from ..core.models import Workshop
from ..extensions import db, socketio
from .models import EVERYONE, Event
from .policy import SPOTLIGHT_AUDIENCE, SPOTLIGHT_EVENT, Settings, deliveries_of

_OUTBOX = "urai_outbox"
_AFTER_COMMIT = "urai_after_commit"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outgoing:
    workshop_id: int
    message: dict[str, Any]
    audience: str
    settings: Settings


# The statements of every stamp, built once and run on the session's
# connection as plain Core statements: building them per call, and the ORM's
# layer around a statement that loads no objects, were each a measurable part
# of a post's and a vote's CPU (bench/RESULTS.md). The workshop object's `seq`
# is not refreshed by them (it never was: synchronize_session was off).
_WORKSHOPS = cast(Table, Workshop.__table__)
_TAKE_SEQ_ARCHIVING = (
    update(_WORKSHOPS)
    .where(_WORKSHOPS.c.id == bindparam("workshop_id"))
    .values(seq=_WORKSHOPS.c.seq + bindparam("count"))
    .returning(_WORKSHOPS.c.seq)
)
_TAKE_SEQ = _TAKE_SEQ_ARCHIVING.where(_WORKSHOPS.c.state != ARCHIVED)
# A plain INSERT: the event row is written at once, not by the ORM's flush.
_ADD_EVENT = insert(cast(Table, Event.__table__))


def next_seq(workshop_id: int, *, archiving: bool = False, count: int = 1) -> int:
    """Take the workshop's next sequence number (a row lock until commit on PostgreSQL);
    with `count`, that many in one statement, and the last of them is returned.

    Refused once the workshop is archived, in the same statement: a change that
    raced the archiving (read before it committed) loses, too.
    """
    # Core statements do not autoflush: write the transaction's pending changes
    # first, as before, so every writer takes its row locks in the same order
    # (its own rows, then the workshop's) and no foreign key points ahead.
    db.session.flush()
    statement = _TAKE_SEQ_ARCHIVING if archiving else _TAKE_SEQ
    found = db.session.connection().execute(statement, {"workshop_id": workshop_id, "count": count})
    seq = found.scalar()
    if seq is None:
        raise archived_refusal()
    return int(seq)


def stamp(
    workshop: Workshop,
    type_: str,
    data: dict[str, Any],
    *,
    sector_id: int | None = None,
    audience: str = EVERYONE,
) -> None:
    """Record an event in the current transaction and queue it for after the commit."""
    refuse_writes(workshop)
    _stamp(workshop, type_, data, sector_id=sector_id, audience=audience)


@dataclass(frozen=True)
class Stamp:
    """One event of a batch (`stamp_all`)."""

    type: str
    data: dict[str, Any]
    sector_id: int | None = None
    audience: str = EVERYONE


def stamp_all(workshop: Workshop, stamps: list[Stamp]) -> None:
    """Record several events at once: one statement takes all their sequence numbers."""
    refuse_writes(workshop)
    if not stamps:
        return
    last = next_seq(workshop.id, count=len(stamps))
    settings = Settings.of(workshop)
    outbox: list[Outgoing] = db.session.info.setdefault(_OUTBOX, [])
    rows = [
        _event_row(workshop.id, seq, item.type, item.data, item.sector_id, item.audience)
        for seq, item in enumerate(stamps, start=last - len(stamps) + 1)
    ]
    db.session.connection().execute(_ADD_EVENT, rows)
    for row in rows:
        outbox.append(Outgoing(workshop.id, _message(row), row["audience"], settings))


def refuse_writes(workshop: Workshop) -> None:
    """Refuse any change to a read-only (archived) workshop, with the one clear message."""
    refusal = workshop.write_refusal()
    if refusal is not None:
        raise refusal


def _stamp(
    workshop: Workshop,
    type_: str,
    data: dict[str, Any],
    *,
    sector_id: int | None = None,
    audience: str = EVERYONE,
    archiving: bool = False,
) -> None:
    seq = next_seq(workshop.id, archiving=archiving)
    row = _event_row(workshop.id, seq, type_, data, sector_id, audience)
    db.session.connection().execute(_ADD_EVENT, row)
    outbox: list[Outgoing] = db.session.info.setdefault(_OUTBOX, [])
    outbox.append(Outgoing(workshop.id, _message(row), audience, Settings.of(workshop)))


def _event_row(
    workshop_id: int,
    seq: int,
    type_: str,
    data: dict[str, Any],
    sector_id: int | None,
    audience: str,
) -> dict[str, Any]:
    return {
        "workshop_id": workshop_id,
        "seq": seq,
        "type": type_,
        "sector_id": sector_id,
        "audience": audience,
        "data": data,
    }


def _message(row: dict[str, Any]) -> dict[str, Any]:
    """What clients receive of a stored event (as Event.as_message())."""
    return {
        "seq": row["seq"],
        "type": row["type"],
        "sector_id": row["sector_id"],
        "data": row["data"],
    }


def announce(workshop: Workshop) -> None:
    """Broadcast the workshop's whole state (sectors, phases, timer, settings) to everyone."""
    db.session.flush()
    db.session.expire(workshop, ["sectors", "phases"])
    stamp(workshop, "workshop.updated", workshop.summary())


def announce_archived(workshop: Workshop) -> None:
    """Tell everyone the workshop is archived now: the last change it accepts."""
    db.session.flush()
    db.session.expire(workshop, ["sectors", "phases"])
    _stamp(workshop, "workshop.updated", workshop.summary(), archiving=True)


def publish_card(
    workshop: Workshop, card: Card, *, created: bool = False, moved: bool = False
) -> None:
    """Stamp a card's creation or change; a move goes workshop-wide so both boards hear it."""
    db.session.flush()
    stamp(
        workshop,
        "card.created" if created else "card.updated",
        card.as_dict(new=created),
        sector_id=None if moved else card.sector_id,
    )
    if card.status != VISIBLE and workshop.spotlight_card_id == card.id:
        # Hidden, deleted, merged or sent back for approval: off the projector too.
        workshop.spotlight_card_id = None
        workshop.spotlight_pinned = False
        stamp(
            workshop,
            SPOTLIGHT_EVENT,
            {"card_id": None, "pinned": False},
            audience=SPOTLIGHT_AUDIENCE,
        )


def commit_and_broadcast() -> None:
    """Commit the transaction, then emit every event it stamped, in order."""
    try:
        db.session.commit()
    except Exception:
        rollback()
        raise
    outbox: list[Outgoing] = db.session.info.pop(_OUTBOX, [])
    for item in outbox:
        _emit(item)
    for hook in db.session.info.pop(_AFTER_COMMIT, []):
        try:
            hook()
        except Exception:
            log.exception("after-commit hook failed")


def after_commit(hook: Callable[[], None]) -> None:
    """Run `hook` once this transaction has committed (and its events are sent);
    dropped with everything else on rollback."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append(hook)


def _emit(item: Outgoing) -> None:
    try:
        for rooms, form in deliveries_of(
            item.workshop_id, item.message, item.audience, item.settings
        ):
            socketio.emit("event", form, to=rooms)
    except Exception:
        # The change is stored; a client that misses it catches up at the
        # next tick (ticks.py) or reconnect. The caller still gets its answer.
        log.exception("broadcast of seq %s failed", item.message.get("seq"))


def rollback() -> None:
    """Drop the transaction and everything it meant to broadcast."""
    db.session.rollback()
    db.session.info.pop(_OUTBOX, None)
    db.session.info.pop(_AFTER_COMMIT, None)
