"""Catching a client up: the events it missed since a sequence number, or a snapshot."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select

from ..access import Identity
from ..boards.services import cards_of
from ..errors import invalid, not_found
from ..extensions import db
from ..moderation.services import clusters_of
from ..participants.models import Participant
from ..participants.services import roster, roster_counts
from ..voting.services import votes_of
from ..workshops.models import Workshop
from .models import DISPLAY, EVERYONE, Event
from .views import Viewer, card_view, event_view, view_settings


def watched_sector(workshop: Workshop, identity: Identity, requested: object) -> int | None:
    """The board a participant will watch (staff watch every board: None).

    A board removed while the phone was away is replaced by the participant's
    own board, or the first one; the reply is then a snapshot naming it.
    """
    if identity.is_staff:
        return None
    if requested is None or isinstance(requested, bool) or not isinstance(requested, int):
        raise invalid(_("Choose a sector board."), sector_id=_("Required."))
    if workshop.sector(requested) is not None:
        return requested
    if not any(s.id == requested for s in workshop.sectors):
        raise not_found(_("This sector board does not exist in this workshop."))
    own = db.session.get(Participant, identity.participant_id or 0)
    fallback = workshop.sector(own.sector_id or 0) if own else None
    return (fallback or workshop.active_sectors[0]).id


def valid_since(since: object) -> int | None:
    if since is not None and (isinstance(since, bool) or not isinstance(since, int) or since < 0):
        raise invalid(_("Invalid sequence number."), since=_("Invalid."))
    return since


def catch_up(
    workshop: Workshop, identity: Identity, since: int | None, sector_id: int | None, limit: int
) -> dict[str, Any]:
    """What the client missed since `since`, or a snapshot when that is unknown or too much."""
    db.session.refresh(workshop)
    current = workshop.seq
    viewer = Viewer.of(identity)
    if since is not None and since <= current:
        query = (
            select(Event)
            .where(Event.workshop_id == workshop.id, Event.seq > since)
            .order_by(Event.seq)
            .limit(limit + 1)
        )
        if not viewer.steering:
            audiences = [EVERYONE, DISPLAY] if viewer.display else [EVERYONE]
            query = query.where(Event.audience.in_(audiences))
        if sector_id is not None:
            query = query.where(or_(Event.sector_id.is_(None), Event.sector_id == sector_id))
        events = list(db.session.scalars(query))
        if len(events) <= limit:
            settings = view_settings(workshop)
            shaped = [event_view(e.as_message(), e.audience, viewer, settings) for e in events]
            return {"mode": "events", "seq": current, "events": [m for m in shaped if m]}
    return {"mode": "snapshot", "seq": current, "snapshot": snapshot(workshop, identity, sector_id)}


def snapshot(workshop: Workshop, identity: Identity, sector_id: int | None) -> dict[str, Any]:
    """The whole state this client may see: the workshop, its cards, clusters, votes, roster."""
    viewer = Viewer.of(identity)
    settings = view_settings(workshop)
    sectors = None if sector_id is None else [sector_id]
    cards = [card_view(card, viewer, settings) for card in cards_of(workshop, sectors)]
    state: dict[str, Any] = {
        "workshop": workshop.summary(),
        "sector_id": sector_id,
        "cards": [card for card in cards if card is not None],
        "clusters": clusters_of(workshop, sectors),
    }
    if identity.participant_id is not None:
        state["my_votes"] = votes_of(workshop, identity.participant_id)
    if identity.is_staff:
        state["roster"] = roster_counts(workshop)
    if viewer.steering:
        state["participants"] = roster(workshop)
    return state
