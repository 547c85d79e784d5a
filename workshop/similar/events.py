"""Socket events of similar cards (docs/PROTOCOL.md): asked by a phone while its
participant types, and by the facilitator's page for merge and cluster suggestions.
Queries only: they read, outside any write transaction, and broadcast nothing."""

from __future__ import annotations

from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.policy import Viewer
from ..realtime.transport import socket_action, socket_query
from . import services


@socketio.on("card:similar")
@socket_query
def on_similar(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Cards like the one being typed: {sector_id, kind, text}; only those the caller sees."""
    found = services.similar_cards(
        workshop,
        Viewer.of(identity),
        payload.get("sector_id"),
        payload.get("kind"),
        payload.get("text"),
    )
    return {"similar": found}


@socketio.on("suggestions:get")
@socket_query(steering=True)
def on_suggestions(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Near-duplicates and related cards on one board: {sector_id, limit?}."""
    return services.suggestions(workshop, payload.get("sector_id"), payload.get("limit"))


@socketio.on("suggestion:dismiss")
@socket_action(steering=True)
def on_dismiss(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Never offer a suggestion again: {kind: "merge" | "cluster", cards: [ids]}."""
    services.dismiss(workshop, payload.get("kind"), payload.get("cards"))
