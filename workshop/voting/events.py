"""Socket events of dot voting (docs/PROTOCOL.md). Sent by phones, or by the
facilitator for someone without a phone; the card's board and staff get
`votes.updated` (participants only once tallies are revealed)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..core.access import PARTICIPANT, Identity
from ..core.errors import forbidden
from ..core.lookup import participant_in
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import socket_action
from . import services, support


def _voter(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> int:
    """The caller, or, for the facilitator, the participant they vote for.

    A participant's identity was checked against this workshop at connect, and
    participants are never removed from a workshop: no query is needed."""
    if identity.can_steer:
        return participant_in(workshop, payload.get("participant_id")).id
    if identity.role != PARTICIPANT or identity.participant_id is None:
        raise forbidden(_("Only participants vote."))
    named = payload.get("participant_id")
    if named is not None and named != identity.participant_id:
        raise forbidden(_("Only the facilitator votes on someone else's behalf."))
    return identity.participant_id


@socketio.on("vote:cast")
@socket_action
def on_vote_cast(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Place one dot: {card_id} (facilitator: {card_id, participant_id})."""
    voter = _voter(workshop, identity, payload)
    mine = services.cast_vote(
        workshop, voter, payload.get("card_id"), by_facilitator=identity.can_steer
    )
    return {"my_votes": mine}


@socketio.on("vote:retract")
@socket_action
def on_vote_retract(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Take one dot back: {card_id} (facilitator: {card_id, participant_id})."""
    voter = _voter(workshop, identity, payload)
    mine = services.retract_vote(
        workshop, voter, payload.get("card_id"), by_facilitator=identity.can_steer
    )
    return {"my_votes": mine}


@socketio.on("card:support")
@socket_action
def on_card_support(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Support a card instead of posting it again: {card_id}; the board and staff get
    `card.updated` with its `supports`. Participants only, once a card."""
    if identity.role != PARTICIPANT or identity.participant_id is None:
        raise forbidden(_("Only participants support cards."))
    done = support.support_card(workshop, identity.participant_id, payload.get("card_id"))
    return {"card_id": done.card.id, "supports": done.card.supports, "added": done.added}
