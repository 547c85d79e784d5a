"""Socket event for detailing a solution (docs/PROTOCOL.md); the board gets `card.updated`."""

from __future__ import annotations

from typing import Any

from ..access import Identity
from ..extensions import socketio
from ..realtime.transport import socket_action
from ..realtime.views import card_for
from ..workshops.models import Workshop
from . import services


@socketio.on("card:plan")
@socket_action
def on_card_plan(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Detail a solution: {card_id, steps?, indicator?, responsible?, timeframe?, ...}."""
    card = services.save_plan(workshop, identity, payload.get("card_id"), payload)
    # Only what this caller may see of the card (anonymous mode, for one).
    return {"card": card_for(card, identity, workshop)}
