"""Socket events of root-cause analysis (docs/PROTOCOL.md), sent by the facilitator's
page; causes are posted with `card:post` (kind `cause`). Changed cards reach their
board as `card.updated`; new bones reach everyone as `workshop.updated`."""

from __future__ import annotations

from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import card_ack, socket_action
from . import services


@socketio.on("causes:choose")
@socket_action(steering=True)
def on_choose(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Choose a bottleneck for root-cause analysis: {card_id, chosen}."""
    card = services.choose(workshop, payload.get("card_id"), payload.get("chosen"))
    return {"card": card_ack(card, identity, workshop)}


@socketio.on("causes:choose_top")
@socket_action(steering=True)
def on_choose_top(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Choose the top bottlenecks of every sector: {count: 1-5, by: "votes" | "usg"}."""
    chosen = services.choose_top(workshop, payload.get("count"), payload.get("by"))
    return {"chosen": [card.id for card in chosen]}


@socketio.on("cause:root")
@socket_action(steering=True)
def on_root(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Mark a cause as a root cause, or not: {card_id, root}."""
    card = services.mark_root(workshop, payload.get("card_id"), payload.get("root"))
    return {"card": card_ack(card, identity, workshop)}


@socketio.on("bones:save")
@socket_action(steering=True)
def on_bones(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Set the fishbone's categories: {bones: [{key?, name}, ...]}."""
    return {"bones": services.save_bones(workshop, payload.get("bones"))}


@socketio.on("focus:set")
@socket_action(steering=True)
def on_focus(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Show one bottleneck (its fishbone) large on the projector: {card_id | null}."""
    services.focus(workshop, payload.get("card_id"))
