"""Socket event of a participant's own details (docs/PROTOCOL.md): moving to
another sector's group from the phone. Steering gets `participant.updated`,
the projector and steering `roster.updated`."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..core import access
from ..core.errors import forbidden
from ..core.fastpath import participant_by_id
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import socket_action
from . import services


@socketio.on("participant:sector")
@socket_action
def on_participant_sector(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """A participant moves to another sector: {sector_id}; the answer is their new row."""
    participant = participant_by_id(identity.participant_id or 0)
    if identity.role != access.PARTICIPANT or participant is None:
        raise forbidden(_("Only participants change their sector here."))
    moved = services.change_sector(workshop, participant, payload)
    return {"participant": moved.as_dict(), "group_sector": moved.group_sector}
