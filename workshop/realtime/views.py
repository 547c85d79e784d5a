"""What each viewer may see of an event or a card.

One event is stored once; who receives which form of it is decided here, both
when it is broadcast and when it is replayed on resync, so the two always
agree. Steering staff see everything. Everyone else (participants and the
projector) sees cards that are public, without their authors in anonymous
mode, and vote tallies once revealed; a participant also sees their own cards
while the boards are concealed or a card waits for approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..access import Identity
from ..boards.models import PENDING, VISIBLE, Card
from ..workshops.models import Workshop
from .models import DISPLAY, EVERYONE, STEERING


@dataclass(frozen=True)
class Viewer:
    steering: bool = False
    display: bool = False  # the projector: public view, plus roster counts
    participant_id: int | None = None

    @classmethod
    def of(cls, identity: Identity) -> Viewer:
        return cls(
            steering=identity.can_steer,
            display=identity.is_staff and not identity.can_steer,
            participant_id=identity.participant_id,
        )


STEERING_VIEW = Viewer(steering=True)
PUBLIC_VIEW = Viewer()
DISPLAY_VIEW = Viewer(display=True)


def view_settings(workshop: Workshop) -> dict[str, Any]:
    """The workshop settings that decide what non-steering viewers see."""
    return {
        "concealed": workshop.concealed,
        "anonymous": workshop.anonymous,
        "votes_revealed": workshop.votes_revealed,
    }


def card_for(card: Card, identity: Identity, workshop: Workshop) -> dict[str, Any] | None:
    """The card as this caller may see it (for acknowledgements), or None."""
    return card_view(card.as_dict(), Viewer.of(identity), view_settings(workshop))


def participant_sees(card: Card, participant_id: int | None, workshop: Workshop) -> bool:
    """Whether a participant may see (and so act on) this card right now.

    The same rule as card_view, given only what it reads (status and author),
    so voting and scoring do not serialise the whole card.
    """
    essentials = {"status": card.status, "author": {"id": card.author_id}}
    viewer = Viewer(participant_id=participant_id)
    return card_view(essentials, viewer, view_settings(workshop)) is not None


def may_receive(audience: str, viewer: Viewer) -> bool:
    if viewer.steering:
        return True
    if audience == DISPLAY:
        return viewer.display
    return audience == EVERYONE


def card_view(
    card: dict[str, Any], viewer: Viewer, settings: dict[str, Any]
) -> dict[str, Any] | None:
    """The card as `viewer` may see it, or None when it is not theirs to see."""
    if viewer.steering:
        return card
    author = card.get("author") or {}
    own = viewer.participant_id is not None and author.get("id") == viewer.participant_id
    status = card.get("status", VISIBLE)
    public = status == VISIBLE and not settings.get("concealed")
    if not public and not (own and status in (VISIBLE, PENDING)):
        return None
    shown = dict(card)
    if settings.get("anonymous") and not own:
        shown["author"] = None
    if not settings.get("votes_revealed", True):
        shown.pop("votes", None)
    return shown


def event_view(
    message: dict[str, Any], audience: str, viewer: Viewer, settings: dict[str, Any]
) -> dict[str, Any] | None:
    """The broadcast `message` as `viewer` receives it, or None."""
    if not may_receive(audience, viewer):
        return None
    if viewer.steering:
        return message
    kind = message["type"]
    if kind in ("card.created", "card.updated"):
        card = card_view(message["data"], viewer, settings)
        if card is not None:
            return {**message, "data": card}
        if kind == "card.created":
            return None
        # It may have been on this viewer's screen: take it off.
        data = message["data"]
        return {**message, "type": "card.removed", "data": {"id": data["id"]}}
    if kind == "votes.updated" and not settings.get("votes_revealed", True):
        return None
    return message


def author_of(message: dict[str, Any]) -> int | None:
    if message["type"] not in ("card.created", "card.updated"):
        return None
    author = message["data"].get("author") or {}
    value = author.get("id")
    return value if isinstance(value, int) else None


__all__ = [
    "DISPLAY",
    "DISPLAY_VIEW",
    "EVERYONE",
    "PUBLIC_VIEW",
    "STEERING",
    "STEERING_VIEW",
    "Viewer",
    "author_of",
    "card_for",
    "card_view",
    "event_view",
    "participant_sees",
    "view_settings",
]
