"""Socket events every client uses: connect, sync, and the answer to unknown events.

Documented in docs/PROTOCOL.md.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, session
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError, join_room, leave_room

from .. import access
from ..errors import DomainError, unauthenticated
from ..extensions import db, socketio
from ..workshops.models import Workshop
from ..workshops.services import find_workshop
from . import ticks
from .broadcast import (
    display_room,
    key_room,
    participant_room,
    sector_room,
    steering_room,
    workshop_room,
)
from .sync import catch_up, valid_since, watched_sector
from .transport import bind_identity, error_ack, internal_error, socket_query

WATCHING = "watching"


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    """A phone, the facilitator page or the presenter opens its socket for one workshop."""
    refusal = unauthenticated(_("Join the workshop first."))
    try:
        code = auth.get("workshop") if isinstance(auth, dict) else None
        workshop = find_workshop(code if isinstance(code, str) else "")
        identity = access.identity_of(workshop, session)
    except DomainError:
        identity = None
    finally:
        db.session.rollback()
    if identity is None:
        # One answer for a wrong code and for a code this browser has not
        # joined, so the socket cannot be used to find out which codes exist.
        raise ConnectionRefusedError(refusal.message, refusal.as_dict())
    bind_identity(session, identity)
    for room in rooms_of(identity):
        join_room(room)
    ticks.ensure_started(current_app._get_current_object())  # type: ignore[attr-defined]


def rooms_of(identity: access.Identity) -> list[str]:
    """The rooms a connection joins at once; a participant adds one sector board on sync."""
    wid = identity.workshop_id
    if identity.can_steer:
        rooms = [steering_room(wid)]
    elif identity.is_staff:
        rooms = [workshop_room(wid), display_room(wid)]
    else:
        rooms = [workshop_room(wid), participant_room(wid, identity.participant_id or 0)]
    if identity.key_id is not None:
        rooms.append(key_room(identity.key_id))
    return rooms


@socketio.on("sync")
@socket_query
def on_sync(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """A client (re)connects or switches board: it gets what it missed, or a snapshot.

    Participants name the sector board they watch and receive only its events
    from then on; staff receive every board.
    """
    since = valid_since(payload.get("since"))
    requested = payload.get("sector_id")
    sector_id = watched_sector(workshop, identity, requested)
    if sector_id is not None and sector_id != requested:
        since = None  # the board was removed: a snapshot of the one watched instead
    if sector_id is not None:
        previous = session.get(WATCHING)
        if previous != sector_id:
            if isinstance(previous, int):
                leave_room(sector_room(workshop.id, previous))
            join_room(sector_room(workshop.id, sector_id))
            session[WATCHING] = sector_id
    limit = int(current_app.config["SYNC_MAX_EVENTS"])
    return catch_up(workshop, identity, since, sector_id, limit)


@socketio.on("*")
def on_unknown(event: str, *_args: Any) -> dict[str, Any]:
    """Any event the protocol does not define gets a clear error, not silence."""
    return error_ack(
        DomainError("unknown_event", _("Unknown event: %(name)s", name=str(event)[:40]))
    )


@socketio.on_error_default
def on_error(_err: Exception) -> dict[str, Any]:
    """Last resort for a handler that raised: log it, answer with a plain error."""
    db.session.rollback()
    current_app.logger.exception("socket event failed")
    return error_ack(internal_error())
