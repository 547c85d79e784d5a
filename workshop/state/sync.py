"""Catching a client up: the events it missed since a sequence number, or a snapshot."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import gettext as _

from ..assessments import state as assessments
from ..attendance import services as attendance
from ..core.access import Identity
from ..core.errors import invalid, not_found
from ..core.models import Participant, Workshop
from ..extensions import db
from ..followup.services import state_for
from ..moderation.services import clusters_of
from ..participants.services import roster, roster_counts
from ..polls import services as polls
from ..presenter.services import spotlight_state
from ..proposals.services import proposals_of, summary
from ..questions import services as questions  # issue 28: speakers' questions
from ..realtime.policy import Settings, Viewer
from ..realtime.replay import missed_events
from ..voting.services import cards_of, votes_of, voting_progress


def watched_sector(workshop: Workshop, identity: Identity, requested: object) -> int | None:
    """The board a participant will watch (staff watch every board: None).

    A board removed while the phone was away is replaced by the participant's
    own board, or the first one; the reply is then a snapshot naming it.
    """
    if not Viewer.of(identity).watches_one_board():
        return None
    if requested is None or isinstance(requested, bool) or not isinstance(requested, int):
        raise invalid(_("Choose a sector board."), sector_id=_("Required."))
    if workshop.sector(requested) is not None:  # one row by its key, not the list
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
    # `workshop` was loaded at the start of this event's own transaction
    # (transport._unit): its seq is current, no second read needed.
    current = workshop.seq
    events = missed_events(workshop, Viewer.of(identity), since, sector_id, limit)
    if events is not None:
        return {"mode": "events", "seq": current, "events": events}
    return {"mode": "snapshot", "seq": current, "snapshot": snapshot(workshop, identity, sector_id)}


def snapshot(workshop: Workshop, identity: Identity, sector_id: int | None) -> dict[str, Any]:
    """The whole state this client may see: the workshop, its cards, clusters, votes, roster."""
    viewer = Viewer.of(identity)
    settings = Settings.of(workshop)
    sectors = None if sector_id is None else [sector_id]
    cards = [viewer.card(card, settings) for card in cards_of(workshop, sectors)]
    state: dict[str, Any] = {
        "workshop": workshop.summary(),
        "sector_id": sector_id,
        "cards": [card for card in cards if card is not None],
        "clusters": clusters_of(workshop, sectors),
        "proposals": [
            shown
            for shown in (summary(p) for p in proposals_of(workshop, sectors))
            if viewer.reads_proposal(shown["active"])
        ],
    }
    # The agenda's activities (issue 28), each as this viewer may see it: one line a kind.
    state["activities"] = {
        "attendance": attendance.snapshot(workshop, viewer),  # attendance
        "questions": questions.snapshot(workshop, viewer),  # questions
        "poll": polls.snapshot(workshop, viewer, "poll"),  # poll
        "wordcloud": polls.snapshot(workshop, viewer, "wordcloud"),  # wordcloud
        **assessments.snapshots(workshop, viewer),  # pretest, posttest, evaluation
    }
    if identity.participant_id is not None:
        state["my_votes"] = votes_of(workshop, identity.participant_id)
    if identity.is_staff:
        state["roster"] = roster_counts(workshop)
    if viewer.steering:
        state["participants"] = roster(workshop)
    if viewer.sees_spotlight:
        state["spotlight"] = workshop.spotlight_card_id
        state["spotlight_pinned"] = spotlight_state(workshop)["pinned"]
    if viewer.sees_progress:
        state["voting_progress"] = voting_progress(workshop)
    if viewer.steering or identity.participant_id is not None:
        state["follow_up"] = state_for(workshop, identity, dt.date.today())
    return state
