"""Replaying the event log to a client that missed some of it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..core.models import Workshop
from ..extensions import db
from .models import Event
from .policy import Settings, Viewer


def missed_events(
    workshop: Workshop, viewer: Viewer, since: int | None, sector_id: int | None, limit: int
) -> list[dict[str, Any]] | None:
    """The events after `since` as `viewer` receives them (those of one board, when it
    watches one), or None when `since` is unknown or more than `limit` were missed."""
    if since is None or since > workshop.seq:
        return None
    if since == workshop.seq:
        # Nothing was stamped since: most phones coming back after a drop
        # missed nothing, and need not query the log to learn it.
        return []
    query = (
        select(Event)
        .where(
            Event.workshop_id == workshop.id, Event.seq > since, *viewer.replay_filter(sector_id)
        )
        .order_by(Event.seq)
        .limit(limit + 1)
    )
    events = list(db.session.scalars(query))
    if len(events) > limit:
        return None
    settings = Settings.of(workshop)
    shaped = (viewer.event(e.as_message(), e.audience, settings) for e in events)
    return [message for message in shaped if message is not None]
