"""Moving a workshop through its life: end it, reopen it for the follow-up
meeting, archive it (read-only), and back (core/lifecycle.py has the table)."""

from __future__ import annotations

from ..core.access import Identity, steering
from ..core.lifecycle import ARCHIVED, next_state
from ..core.models import Workshop
from ..realtime.broadcast import announce, announce_archived


def change_state(workshop: Workshop, identity: Identity, action: object) -> str:
    """Take the facilitator's `action` (end, resume, follow_up, archive, unarchive);
    every screen gets the workshop's new state. Returns the new state."""
    steering(identity)
    target = next_state(workshop.state, action)
    workshop.state = target
    if target == ARCHIVED:
        announce_archived(workshop)
    else:
        announce(workshop)
    return target
