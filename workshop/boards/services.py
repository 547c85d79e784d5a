"""Board rules: post a bottleneck or a solution once, read a board's cards."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..errors import DomainError, forbidden, invalid, not_found
from ..extensions import db
from ..facilitation.services import posting_refusal
from ..participants.models import Participant
from ..realtime.broadcast import stamp
from ..realtime.views import participant_sees
from ..validation import clean_text, optional_int
from ..voting.services import tallies
from ..workshops.models import Workshop
from .categories import CATEGORIES
from .models import BOTTLENECK, PENDING, SOLUTION, VISIBLE, Card

TEXT_MAX = 500
SERVICE_MAX = 120
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@dataclass(frozen=True)
class Posted:
    card: Card
    created: bool  # False when this was a retry of a post already stored
    data: dict[str, Any] | None = None  # the card as broadcast, when it was created

    def as_dict(self) -> dict[str, Any]:
        return self.data if self.data is not None else self.card.as_dict()


def post_card(
    workshop: Workshop,
    author: Participant | None,
    payload: Mapping[str, Any],
    *,
    by_facilitator: bool = False,
) -> Posted:
    """Store a bottleneck or a solution and stamp its broadcast; a retry returns the first.

    Participants post within what the phase, the locks and the timer allow; a
    card waits for approval when the facilitator asked for that. The
    facilitator may type in a paper card at any time (`by_facilitator`).
    """
    client_id = payload.get("client_id")
    if not isinstance(client_id, str) or not _CLIENT_ID.match(client_id):
        raise invalid(_("The post has no valid id; reload the page."), client_id=_("Invalid."))
    existing = db.session.scalar(
        select(Card).where(Card.workshop_id == workshop.id, Card.client_id == client_id)
    )
    if existing is not None:
        same = existing.author_id == (author.id if author else None)
        if not same or existing.entered_by_facilitator != by_facilitator:
            message = _("This post id is already used.")
            raise DomainError("conflict", message, {"client_id": message})
        return Posted(existing, created=False)

    kind = payload.get("kind")
    if kind not in (BOTTLENECK, SOLUTION):
        raise invalid(_("Unknown kind of card."), kind=_("Invalid."))
    text = clean_text(payload.get("text"), "text", max_length=TEXT_MAX, multiline=True)
    card = Card(
        workshop_id=workshop.id,
        kind=kind,
        text=text,
        author=author,
        client_id=client_id,
        entered_by_facilitator=by_facilitator,
        status=PENDING if workshop.approval_required and not by_facilitator else VISIBLE,
        # A new card has neither: saying so spares two lookups per post.
        assessment=None,
        plan=None,
    )
    if kind == BOTTLENECK:
        _fill_bottleneck(workshop, card, payload)
    else:
        _fill_solution(workshop, card, payload, None if by_facilitator else author)
    if not by_facilitator:
        sector = workshop.sector(card.sector_id)
        refusal = posting_refusal(workshop, sector, kind) if sector else None
        if refusal:
            raise forbidden(refusal)
    db.session.add(card)
    data = publish(workshop, card, created=True)
    return Posted(card, created=True, data=data)


def publish(
    workshop: Workshop, card: Card, *, created: bool = False, moved: bool = False
) -> dict[str, Any]:
    """Stamp a card's creation or change; a move goes workshop-wide so both boards hear it.

    Returns the card as broadcast, for the caller's acknowledgement.
    """
    db.session.flush()
    data = card.as_dict()
    stamp(
        workshop,
        "card.created" if created else "card.updated",
        data,
        sector_id=None if moved else card.sector_id,
    )
    return data


def _fill_bottleneck(workshop: Workshop, card: Card, payload: Mapping[str, Any]) -> None:
    sector_id = optional_int(payload.get("sector_id"), "sector_id")
    if sector_id is None or workshop.sector(sector_id) is None:
        raise not_found(_("This sector board does not exist in this workshop."))
    category = payload.get("category") or None
    if category is not None and (not isinstance(category, str) or category not in CATEGORIES):
        raise invalid(_("Unknown category."), category=_("Invalid."))
    card.sector_id = sector_id
    card.category = category
    card.service = clean_text(
        payload.get("service"), "service", max_length=SERVICE_MAX, required=False
    )


def _fill_solution(
    workshop: Workshop, card: Card, payload: Mapping[str, Any], poster: Participant | None
) -> None:
    """Hang a solution under its bottleneck; a participant only under one they can see."""
    parent_id = optional_int(payload.get("parent_id"), "parent_id")
    parent = db.session.get(Card, parent_id) if parent_id is not None else None
    if (
        parent is None
        or parent.workshop_id != workshop.id
        or parent.kind != BOTTLENECK
        or parent.status not in (VISIBLE, PENDING)
        or (poster is not None and not participant_sees(parent, poster.id, workshop))
    ):
        raise not_found(_("The bottleneck for this solution does not exist."))
    card.parent_id = parent.id
    card.sector_id = parent.sector_id


def card_in(workshop: Workshop, card_id: object, *, kind: str | None = None) -> Card:
    """A card of this workshop by id (of `kind`, if given), or a clear not-found."""
    cid = optional_int(card_id, "card_id")
    card = db.session.get(Card, cid) if cid is not None else None
    if card is None or card.workshop_id != workshop.id or (kind and card.kind != kind):
        raise not_found(_("This card does not exist in this workshop."))
    return card


def cards_of(workshop: Workshop, sector_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Every card on the given boards (all boards when None), oldest first, with tallies.

    Cards of every status are returned: callers show each viewer its own view.
    """
    query = (
        select(Card)
        .where(Card.workshop_id == workshop.id)
        .options(selectinload(Card.author))
        .order_by(Card.id)
    )
    if sector_ids is not None:
        query = query.where(Card.sector_id.in_(list(sector_ids)))
    counts = tallies(workshop)
    return [
        {**card.as_dict(), "votes": counts.get(card.id, 0)} for card in db.session.scalars(query)
    ]
