"""Socket events of moderation (docs/PROTOCOL.md). Sent by the facilitator's page;
each changed card reaches its board as `card.updated` (or `card.removed` for
those who may no longer see it)."""

from __future__ import annotations

from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import card_ack, socket_action
from . import services


@socketio.on("card:edit")
@socket_action(steering=True)
def on_card_edit(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Correct a card: {card_id, text?, category?, service?}."""
    return {
        "card": card_ack(
            services.edit_card(workshop, payload.get("card_id"), payload), identity, workshop
        )
    }


@socketio.on("card:status")
@socket_action(steering=True)
def on_card_status(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Approve, hide, show, delete or restore: {card_id, action}."""
    card = services.change_status(workshop, payload.get("card_id"), payload.get("action"))
    return {"card": card_ack(card, identity, workshop)}


@socketio.on("cards:approve_all")
@socket_action(steering=True)
def on_cards_approve_all(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Approve every card waiting for approval, on one board or on all: {sector_id?}."""
    approved = services.approve_all(workshop, payload.get("sector_id"))
    return {"approved": [card.id for card in approved]}


@socketio.on("cards:bulk")
@socket_action(steering=True)
def on_cards_bulk(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Approve, hide, show, delete or restore a selection: {card_ids, action}; the
    ack lists the cards changed (`done`) and those refused, each with why."""
    result = services.bulk_status(workshop, payload.get("card_ids"), payload.get("action"))
    return {"done": [card.id for card in result.done], "refused": result.refused}


@socketio.on("card:move")
@socket_action(steering=True)
def on_card_move(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Move a bottleneck and its solutions to another board: {card_id, sector_id}."""
    card = services.move_card(workshop, payload.get("card_id"), payload.get("sector_id"))
    return {"card": card_ack(card, identity, workshop)}


@socketio.on("card:merge")
@socket_action(steering=True)
def on_card_merge(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Merge a duplicate into another card: {source_id, target_id}."""
    card = services.merge_cards(workshop, payload.get("source_id"), payload.get("target_id"))
    return {"card": card_ack(card, identity, workshop)}


@socketio.on("card:unmerge")
@socket_action(steering=True)
def on_card_unmerge(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Undo a merge: {card_id} of the card that was merged into another."""
    card = services.unmerge_card(workshop, payload.get("card_id"))
    return {"card": card_ack(card, identity, workshop)}


@socketio.on("cluster:save")
@socket_action(steering=True)
def on_cluster_save(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Create a cluster on a board, or rename one: {id?, sector_id, title}."""
    return {"cluster": services.save_cluster(workshop, payload).as_dict()}


@socketio.on("cluster:remove")
@socket_action(steering=True)
def on_cluster_remove(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Dissolve a cluster: {cluster_id}."""
    services.remove_cluster(workshop, payload.get("cluster_id"))


@socketio.on("card:cluster")
@socket_action(steering=True)
def on_card_cluster(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Put a bottleneck in a cluster, or take it out: {card_id, cluster_id | null}."""
    card = services.assign_cluster(workshop, payload.get("card_id"), payload.get("cluster_id"))
    return {"card": card_ack(card, identity, workshop)}
