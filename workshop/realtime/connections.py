"""Acting on open connections from outside a socket event."""

from __future__ import annotations

from ..extensions import socketio
from .rooms import key_room


def disconnect_key(key_id: int) -> None:
    """Close every socket opened with a secret link that was just revoked.

    Those on another server process are refused at their next event instead
    (transport.py checks the link on every event).
    """
    server = socketio.server
    sids = [sid for sid, _eio in server.manager.get_participants("/", key_room(key_id))]
    for sid in sids:
        server.disconnect(sid, namespace="/")
