"""Supporting a card already on the board instead of posting it again: the phone
offers it beside the similar cards found while its participant types. One
support a participant and card, never on their own card, only on a card they
see, while that board collects the card's kind; the count travels on the card
(`supports`), so the facilitator's screen, the snapshot and the report have it.

A merge carries supports like votes: a card's count is the number of people
who supported it or any card merged into it (its "family"), each once and
never its own author; an unmerge gives the merged card its own back."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from ..core.cards import Card
from ..core.errors import forbidden, not_found
from ..core.lookup import card_in
from ..core.models import Workshop
from ..core.timeutil import utcnow
from ..core.votes import Support
from ..extensions import db
from ..realtime.broadcast import publish_card
from ..realtime.policy import Settings, participant_view

SUPPORT = "support"  # the card action (realtime/policy.py CAPABILITIES)


@dataclass(frozen=True)
class Supported:
    card: Card
    added: bool  # False: this participant supported the card before (a resend)


def support_card(workshop: Workshop, participant_id: int, card_id: object) -> Supported:
    """Add `participant_id`'s support to a card; a second time changes nothing."""
    card = _supportable(workshop, participant_id, card_id)
    if participant_id in _supporters(_family(card)):
        return Supported(card, added=False)
    db.session.add(Support(workshop_id=workshop.id, card_id=card.id, participant_id=participant_id))
    card.supports = (card.supports or 0) + 1
    publish_card(workshop, card)
    return Supported(card, added=True)


def recount_supports(card: Card) -> None:
    """Set a card's count from its family's supports (after a merge or an unmerge);
    the caller publishes the card."""
    db.session.flush()
    supporters = _supporters(_family(card))
    supporters.discard(card.author_id)
    card.supports = len(supporters)


def _family(card: Card) -> list[int]:
    """The card and every card merged into it, through any chain of merges."""
    family, frontier = [card.id], [card.id]
    while frontier:
        frontier = list(
            db.session.scalars(select(Card.id).where(Card.merged_into_id.in_(frontier)))
        )
        family += frontier
    return family


def _supporters(card_ids: list[int]) -> set[int | None]:
    return set(
        db.session.scalars(
            select(Support.participant_id).where(Support.card_id.in_(card_ids)).distinct()
        )
    )


def _supportable(workshop: Workshop, participant_id: int, card_id: object) -> Card:
    """The card, if this participant may support it now; else the error to answer."""
    card = card_in(workshop, card_id)
    viewer = participant_view(participant_id)
    settings = Settings.of(workshop)
    if not viewer.may(card, SUPPORT, settings):
        raise not_found(_("This card does not exist in this workshop."))
    if viewer.owns(card.author_id):
        raise forbidden(_("This is your own card."))
    sector = workshop.sector(card.sector_id)
    closed = sector is None or workshop.closed_for(sector, card.kind) is not None
    if closed or (workshop.timer_lock and workshop.timer_expired(utcnow())):
        raise forbidden(_("Posting is closed now: nothing can be supported."))
    return card
