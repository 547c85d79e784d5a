"""The socket events with which the facilitator steers the projector
(docs/PROTOCOL.md): the spotlight, the pin that keeps it or the focus into the
next phase, and the join QR. Steering only; the projector and steering hear of
each as one broadcast (`spotlight.updated`, `join.shown`; the focus's pin as
`workshop.updated`)."""

from __future__ import annotations

from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import socket_action
from . import services


@socketio.on("spotlight:set")
@socket_action(steering=True)
def on_spotlight(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Show one visible card large on the projector, or none: {card_id | null, pinned?}."""
    chosen = services.spotlight(workshop, payload.get("card_id"), payload.get("pinned", False))
    return {"card_id": chosen}


@socketio.on("pin:set")
@socket_action(steering=True)
def on_pin(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Keep the spotlight or the focus into the next phase, or not:
    {what: "spotlight" | "focus", pinned}."""
    services.pin(workshop, payload.get("what"), payload.get("pinned"))


@socketio.on("join:show")
@socket_action(steering=True)
def on_join_show(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Bring the join QR up large on the projector for this phase, or fold it: {shown}."""
    return {"shown": services.show_join(workshop, payload.get("shown"))}
