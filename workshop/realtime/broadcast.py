"""The one way a change reaches clients: stamped, stored, committed, then emitted.

A service calls `stamp()` inside its transaction: the workshop's sequence
number goes up by one and the event is written to the log, so a client that
missed it can fetch it later. The transport (view or socket handler) then calls
`commit_and_broadcast()`: nothing is emitted before the commit succeeds, and
no network write happens inside a write transaction.

Rooms, one set per workshop:
- `w<id>:steer`: facilitator and co-facilitator connections; they get every event whole.
- `w<id>:display`: the projector.
- `w<id>`: participants and the projector: workshop-wide public events.
- `w<id>:s<sector>`: participants watching that sector board.
- `w<id>:p<participant>`: one participant's connections, for their own cards.
- `key<id>`: connections opened with one secret link, to cut them off on revoke.
Each recipient gets one form of each event, shaped by `realtime.views`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update

from ..extensions import db, socketio
from ..workshops.models import Workshop
from .models import DISPLAY, EVERYONE, STEERING, Event
from .views import (
    DISPLAY_VIEW,
    PUBLIC_VIEW,
    STEERING_VIEW,
    Viewer,
    author_of,
    event_view,
    view_settings,
)

_OUTBOX = "urai_outbox"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outgoing:
    workshop_id: int
    message: dict[str, Any]
    audience: str
    settings: dict[str, Any]


def workshop_room(workshop_id: int) -> str:
    return f"w{workshop_id}"


def steering_room(workshop_id: int) -> str:
    return f"w{workshop_id}:steer"


def display_room(workshop_id: int) -> str:
    return f"w{workshop_id}:display"


def sector_room(workshop_id: int, sector_id: int) -> str:
    return f"w{workshop_id}:s{sector_id}"


def participant_room(workshop_id: int, participant_id: int) -> str:
    return f"w{workshop_id}:p{participant_id}"


def key_room(key_id: int) -> str:
    return f"key{key_id}"


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
    workshop: Workshop,
    type_: str,
    data: dict[str, Any],
    *,
    sector_id: int | None = None,
    audience: str = EVERYONE,
) -> Event:
    """Record an event in the current transaction and queue it for after the commit."""
    seq = next_seq(workshop.id)
    event = Event(
        workshop_id=workshop.id,
        seq=seq,
        type=type_,
        sector_id=sector_id,
        audience=audience,
        data=data,
    )
    db.session.add(event)
    outbox: list[Outgoing] = db.session.info.setdefault(_OUTBOX, [])
    outbox.append(Outgoing(workshop.id, event.as_message(), audience, view_settings(workshop)))
    return event


def announce(workshop: Workshop) -> Event:
    """Broadcast the workshop's whole state (sectors, phases, timer, settings) to everyone."""
    db.session.flush()
    db.session.expire(workshop, ["sectors", "phases"])
    return stamp(workshop, "workshop.updated", workshop.summary())


def commit_and_broadcast() -> None:
    """Commit the transaction, then emit every event it stamped, in order."""
    try:
        db.session.commit()
    except Exception:
        rollback()
        raise
    outbox: list[Outgoing] = db.session.info.pop(_OUTBOX, [])
    for item in outbox:
        try:
            _emit(item)
        except Exception:
            # The change is stored; a client that misses it catches up at the
            # next tick (ticks.py) or reconnect. The caller still gets its answer.
            log.exception("broadcast of seq %s failed", item.message.get("seq"))


def _emit(item: Outgoing) -> None:
    wid, message, audience = item.workshop_id, item.message, item.audience

    def send(viewer: Viewer, rooms: list[str]) -> dict[str, Any] | None:
        shaped = event_view(message, audience, viewer, item.settings)
        if shaped is not None:
            socketio.emit("event", shaped, to=rooms)
        return shaped

    send(STEERING_VIEW, [steering_room(wid)])
    if audience == STEERING:
        return
    if audience == DISPLAY:
        send(DISPLAY_VIEW, [display_room(wid)])
        return
    sector_id = message["sector_id"]
    rooms = (
        [workshop_room(wid)]
        if sector_id is None
        else [sector_room(wid, sector_id), display_room(wid)]
    )
    public = send(PUBLIC_VIEW, rooms)
    author = author_of(message)
    if author is not None:
        own = event_view(message, audience, Viewer(participant_id=author), item.settings)
        if own is not None and own != public:
            # Sent after the public form, so the author's own view is what stays.
            socketio.emit("event", own, to=participant_room(wid, author))


def rollback() -> None:
    """Drop the transaction and everything it meant to broadcast."""
    db.session.rollback()
    db.session.info.pop(_OUTBOX, None)
