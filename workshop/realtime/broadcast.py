"""The one way a change reaches clients: stamped, stored, committed, then emitted.

A service calls `stamp()` inside its transaction: the workshop's sequence
number goes up by one and the event is written to the log, so a client that
missed it can fetch it later. The transport (view or socket handler) then calls
`commit_and_broadcast()`: nothing is emitted before the commit succeeds, and
no network write happens inside a write transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import update

from ..extensions import db, socketio
from ..workshops.models import Workshop
from .models import EVERYONE, STAFF, Event

_OUTBOX = "urai_outbox"


@dataclass(frozen=True)
class Outgoing:
    message: dict[str, Any]
    rooms: list[str]


def workshop_room(workshop_id: int) -> str:
    return f"w{workshop_id}"


def staff_room(workshop_id: int) -> str:
    return f"w{workshop_id}:staff"


def sector_room(workshop_id: int, sector_id: int) -> str:
    return f"w{workshop_id}:s{sector_id}"


def rooms_for(workshop_id: int, sector_id: int | None, audience: str) -> list[str]:
    """Staff events go to staff; sector events to that board and staff; the rest to all."""
    if audience == STAFF:
        return [staff_room(workshop_id)]
    if sector_id is None:
        return [workshop_room(workshop_id)]
    return [sector_room(workshop_id, sector_id), staff_room(workshop_id)]


def next_seq(workshop_id: int) -> int:
    """Take the workshop's next sequence number (a row lock until commit on PostgreSQL)."""
    statement = (
        update(Workshop)
        .where(Workshop.id == workshop_id)
        .values(seq=Workshop.seq + 1)
        .returning(Workshop.seq)
        .execution_options(synchronize_session=False)
    )
    return int(db.session.execute(statement).scalar_one())


def stamp(
    workshop_id: int,
    type_: str,
    data: dict[str, Any],
    *,
    sector_id: int | None = None,
    audience: str = EVERYONE,
) -> Event:
    """Record an event in the current transaction and queue it for after the commit."""
    seq = next_seq(workshop_id)
    event = Event(
        workshop_id=workshop_id,
        seq=seq,
        type=type_,
        sector_id=sector_id,
        audience=audience,
        data=data,
    )
    db.session.add(event)
    outbox: list[Outgoing] = db.session.info.setdefault(_OUTBOX, [])
    outbox.append(Outgoing(event.as_message(), rooms_for(workshop_id, sector_id, audience)))
    return event


def commit_and_broadcast() -> None:
    """Commit the transaction, then emit every event it stamped, in order."""
    try:
        db.session.commit()
    except Exception:
        rollback()
        raise
    outbox: list[Outgoing] = db.session.info.pop(_OUTBOX, [])
    for item in outbox:
        socketio.emit("event", item.message, to=item.rooms)


def rollback() -> None:
    """Drop the transaction and everything it meant to broadcast."""
    db.session.rollback()
    db.session.info.pop(_OUTBOX, None)
