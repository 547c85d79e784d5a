"""Socket events of the attendance (docs/PROTOCOL.md, "Attendance").

Signatures themselves come over HTTP (views.py: a picture is larger than a
socket event may be); the facilitator opens the signing links here.
"""

from __future__ import annotations

from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import socket_action, socket_query
from . import services


@socketio.on("attendance:link")
@socket_action(steering=True)
def on_link(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Open the committee's or the speakers' signing link, or a new one in its place:
    {role: "committee" | "speaker", renew?}. Answers every open link: {links}."""
    services.open_link(workshop, payload.get("role"), renew=payload.get("renew") is True)
    return {"links": services.links(workshop)}


@socketio.on("attendance:links")
@socket_query(steering=True)
def on_links(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """The signing links now open, for a cockpit told `attendance.links`: {links}."""
    return {"links": services.links(workshop)}
