"""The `sync` socket event: a client (re)connects or switches board (docs/PROTOCOL.md)."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, session
from flask_socketio import emit, join_room, leave_room

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.rooms import sector_room
from ..realtime.signals import socket_connected
from ..realtime.transport import socket_query
from .sync import catch_up, valid_since, watched_sector

WATCHING = "watching"


@socketio.on("sync")
@socket_query
def on_sync(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Any client: it gets what it missed, or a snapshot.

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


@socket_connected.connect
def sync_on_connect(_app: Any, auth: Any = None) -> None:
    """A connect whose `auth` carries `sync` ({since, sector_id}, as `sync` takes)
    gets the answer at once as a `synced` event, without a second round trip:
    a thousand phones coming back after the Wi-Fi dropped each send one
    message, not two (docs/PROTOCOL.md)."""
    wanted = auth.get("sync") if isinstance(auth, dict) else None
    if wanted is None:
        return
    emit("synced", on_sync(wanted), to=request.sid)  # type: ignore[attr-defined]
