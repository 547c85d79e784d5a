"""Socket events of the KIPP proposal workspace (docs/PROTOCOL.md), sent by the
proposal pages of the facilitator and of phones. Changes reach the proposal's
sector board watchers, the projector and steering as `proposal.updated`,
`proposal.section` and `proposal.assessed`."""

from __future__ import annotations

from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..i18n import current_language
from ..realtime.policy import Viewer
from ..realtime.transport import socket_action, socket_query
from . import services
from .models import Proposal


def _full(workshop: Workshop, identity: Identity, proposal: Proposal) -> dict[str, Any]:
    data = services.full(workshop, proposal, Viewer.of(identity), current_language())
    data["editable"] = services.may_edit(workshop, identity, proposal)
    return data


@socketio.on("proposal:promote")
@socket_action(steering=True)
def on_promote(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """The facilitator makes a solution a proposal: {card_id}."""
    proposal = services.promote(workshop, payload.get("card_id"))
    return {"proposal": _full(workshop, identity, proposal)}


@socketio.on("proposal:withdraw")
@socket_action(steering=True)
def on_withdraw(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """The facilitator unpromotes a proposal, keeping its text: {proposal_id}."""
    proposal = services.withdraw(workshop, payload.get("proposal_id"))
    return {"proposal": services.summary(proposal)}


@socketio.on("proposal:get")
@socket_query
def on_get(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Anyone who may read it: one proposal whole, with its facts: {proposal_id}."""
    proposal = services.proposal_in(workshop, payload.get("proposal_id"))
    return {"proposal": _full(workshop, identity, proposal)}


@socketio.on("proposal:save")
@socket_action
def on_save(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """The sector's group or the facilitator saves a section:
    {proposal_id, section, base_version, text}."""
    return services.save_section(workshop, identity, payload)


@socketio.on("proposal:assess")
@socket_action
def on_assess(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Tick a criterion {proposal_id, criterion, ticked} or score a section
    {proposal_id, section, score}."""
    return {"assessment": services.assess(workshop, identity, payload)}


@socketio.on("proposal:title")
@socket_action
def on_title(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Rename a proposal: {proposal_id, title}."""
    proposal = services.rename(workshop, identity, payload.get("proposal_id"), payload.get("title"))
    return {"proposal": services.summary(proposal)}


@socketio.on("proposal:kipp")
@socket_action(steering=True)
def on_kipp(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """The facilitator picks a proposal's rubric or KIPP group: {proposal_id, rubric?, group?}."""
    proposal = services.set_kipp(workshop, payload)
    return {"proposal": _full(workshop, identity, proposal)}


@socketio.on("proposal:iid")
@socket_action
def on_iid(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """The sector's group or the facilitator saves fields of the IID profile:
    {proposal_id, profile: {field: value}}."""
    return services.save_iid(workshop, identity, payload)


@socketio.on("proposal:history")
@socket_query
def on_history(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Those who may write it: every save of a section, newest first: {proposal_id, section}."""
    revisions = services.history(
        workshop, identity, payload.get("proposal_id"), payload.get("section")
    )
    return {"revisions": revisions}
