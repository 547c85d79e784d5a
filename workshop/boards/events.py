"""Socket events of the sector boards (docs/PROTOCOL.md)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..core import access
from ..core.errors import forbidden
from ..core.fastpath import participant_by_id
from ..core.lookup import participant_in
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import card_ack, socket_action
from . import services


@socketio.on("card:post")
@socket_action
def on_card_post(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """A participant posts a bottleneck or a solution; its board and staff get `card.created`."""
    author = participant_by_id(identity.participant_id or 0)
    if identity.role != access.PARTICIPANT or author is None:
        raise forbidden(_("Only participants post cards here."))
    posted = services.post_card(workshop, author, payload)
    return {
        "card": card_ack(posted.card, identity, workshop, new=posted.created),
        "duplicate": not posted.created,
    }


@socketio.on("card:enter")
@socket_action(steering=True)
def on_card_enter(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """The facilitator types in a paper card, for a participant or for nobody in particular."""
    on_behalf = payload.get("participant_id")
    author = participant_in(workshop, on_behalf) if on_behalf is not None else None
    posted = services.post_card(workshop, author, payload, by_facilitator=True)
    return {
        "card": card_ack(posted.card, identity, workshop, new=posted.created),
        "duplicate": not posted.created,
    }
