"""Socket events with which the facilitator steers the session (docs/PROTOCOL.md).

Sent by the facilitator's page (facilitator or co-facilitator only); each
change reaches every screen as one `workshop.updated` broadcast.
"""

from __future__ import annotations

from typing import Any

from ..core.access import Identity
from ..core.models import Workshop
from ..extensions import socketio
from ..realtime.transport import socket_action
from . import services


@socketio.on("phase:set")
@socket_action(steering=True)
def on_phase_set(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Make a phase current: {phase_id}."""
    services.set_phase(workshop, payload.get("phase_id"))


@socketio.on("phase:step")
@socket_action(steering=True)
def on_phase_step(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Go to the next or previous phase: {direction: 1 | -1}."""
    services.step_phase(workshop, payload.get("direction"))


@socketio.on("phase:save")
@socket_action(steering=True)
def on_phase_save(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Add or change a phase: {id?, name, prompt, kind, allow_bottlenecks, ...}."""
    return {"phase": services.save_phase(workshop, payload).as_dict()}


@socketio.on("phase:remove")
@socket_action(steering=True)
def on_phase_remove(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Remove a phase that is not current: {phase_id}."""
    services.remove_phase(workshop, payload.get("phase_id"))


@socketio.on("phase:move")
@socket_action(steering=True)
def on_phase_move(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Move a phase earlier or later: {phase_id, direction: -1 | 1}."""
    services.move_phase(workshop, payload.get("phase_id"), payload.get("direction"))


@socketio.on("days:set")
@socket_action(steering=True)
def on_days_set(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Set how many days the workshop spans: {days}."""
    services.set_days(workshop, payload.get("days"))


@socketio.on("timer:start")
@socket_action(steering=True)
def on_timer_start(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Start the phase timer: {seconds, lock?}."""
    services.start_timer(workshop, payload.get("seconds"), payload.get("lock", False))


@socketio.on("timer:pause")
@socket_action(steering=True)
def on_timer_pause(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Pause the running timer."""
    services.pause_timer(workshop)


@socketio.on("timer:resume")
@socket_action(steering=True)
def on_timer_resume(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Resume a paused timer."""
    services.resume_timer(workshop)


@socketio.on("timer:add")
@socket_action(steering=True)
def on_timer_add(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Add (or remove) time: {seconds}."""
    services.add_time(workshop, payload.get("seconds"))


@socketio.on("timer:stop")
@socket_action(steering=True)
def on_timer_stop(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Stop and clear the timer."""
    services.stop_timer(workshop)


@socketio.on("settings:update")
@socket_action(steering=True)
def on_settings(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Change locks, reveal, anonymity, approval queue, vote budget and cap."""
    services.update_settings(workshop, payload)


@socketio.on("sector:lock")
@socket_action(steering=True)
def on_sector_lock(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Lock or unlock posting on one board: {sector_id, locked}."""
    services.lock_sector(workshop, payload.get("sector_id"), payload.get("locked"))
