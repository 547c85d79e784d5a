"""Socket event for detailing a solution (docs/PROTOCOL.md); the board gets `card.updated`."""

from __future__ import annotations

from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import card_ack, socket_action
from . import services


@socketio.on("card:plan")
@socket_action
def on_card_plan(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Detail a solution: {card_id, steps?, indicator?, responsible?, timeframe?, ...}."""
    card = services.save_plan(workshop, identity, payload.get("card_id"), payload)
    return {"card": card_ack(card, identity, workshop)}
