"""Socket events of prioritising (docs/PROTOCOL.md): USG scores and the APKL gate,
from the facilitator or the sector's group; the board gets `card.updated`."""

from __future__ import annotations

from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import card_ack, socket_action
from . import services


@socketio.on("card:assess")
@socket_action
def on_card_assess(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Score a bottleneck: {card_id, u?, s?, g?, apkl?: {...}, cause?, impact?}."""
    card = services.assess(workshop, identity, payload.get("card_id"), payload)
    return {"card": card_ack(card, identity, workshop)}
