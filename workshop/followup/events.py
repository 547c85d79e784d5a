"""Socket event of the follow-up meeting (docs/PROTOCOL.md): reporting a planned
solution's status. Everyone who may see the item gets `followup.updated`;
steering also gets `followup.progress`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.policy import Settings, Viewer
from ..realtime.transport import socket_action
from . import services


@socketio.on("plan:status")
@socket_action
def on_plan_status(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Owner agency's people or the facilitator: {card_id, status, note?}."""
    data = services.update_status(workshop, identity, payload, dt.date.today())
    return {"item": Viewer.of(identity).follow_up_item(data, Settings.of(workshop))}
