"""A workshop's life: running, ended, reopened for a follow-up meeting, archived.

The states and the facilitator's transitions between them, in one table; the
workshop's `state` column (models.py) holds where it is. An archived workshop
is read-only: pages and exports still open, every change is refused with the
one message below (realtime/broadcast.py asks `Workshop.write_refusal` before
any change is stamped).
"""

from __future__ import annotations

from flask_babel import gettext as _

from .errors import DomainError, forbidden, invalid

RUNNING = "running"  # the workshop day: boards, votes, scores
ENDED = "ended"  # the day is over: nothing new is posted
FOLLOW_UP = "follow_up"  # reopened: agencies update the status of their action plans
ARCHIVED = "archived"  # put away: read-only
STATES = (RUNNING, ENDED, FOLLOW_UP, ARCHIVED)

# What the facilitator may do to the workshop's state: action -> (from, to).
# Un-archiving exists because archiving is one click away from "end" on the
# same page, and a facilitator who archived too early must not lose the
# follow-up meeting; it returns to "ended", never straight to a live room.
# The follow-up meeting comes after the day: a running workshop is ended first.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "end": ((RUNNING, FOLLOW_UP), ENDED),
    "resume": ((ENDED,), RUNNING),
    "follow_up": ((ENDED,), FOLLOW_UP),
    "archive": ((RUNNING, ENDED, FOLLOW_UP), ARCHIVED),
    "unarchive": ((ARCHIVED,), ENDED),
}


def next_state(state: str, action: object) -> str:
    """The state `action` leads to from `state`, or a clear refusal."""
    if not isinstance(action, str) or action not in TRANSITIONS:
        raise invalid(_("Invalid value."), action=_("Invalid."))
    sources, target = TRANSITIONS[action]
    if state not in sources:
        raise invalid(_("The workshop cannot do this in its current state."), action=state)
    return target


def archived_refusal() -> DomainError:
    return forbidden(
        _("This workshop is archived: it can be read and exported, but nothing can be changed.")
    )
