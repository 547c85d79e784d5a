"""Socket events of prioritising (docs/PROTOCOL.md): USG scores and the APKL gate,
from the facilitator or the sector's group; the board gets `card.updated`."""

from __future__ import annotations

from typing import Any

from ..access import Identity
from ..extensions import socketio
from ..realtime.transport import socket_action
from ..realtime.views import card_for
from ..workshops.models import Workshop
from . import services


@socketio.on("card:assess")
@socket_action
def on_card_assess(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Score a bottleneck: {card_id, u?, s?, g?, apkl?: {...}, cause?, impact?}."""
    card = services.assess(workshop, identity, payload.get("card_id"), payload)
    # Only what this caller may see of the card (anonymous mode, for one).
    return {"card": card_for(card, identity, workshop)}
