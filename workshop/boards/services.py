"""Board rules: post a bottleneck or a solution once, within what the session allows."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from ..core import fastpath, gates
from ..core.cards import (
    BOTTLENECK,
    CAUSE,
    KINDS,
    PENDING,
    SERVICE_MAX,
    SOLUTION,
    TEXT_MAX,
    VISIBLE,
    Card,
)
from ..core.categories import CATEGORIES
from ..core.errors import DomainError, forbidden, invalid, not_found
from ..core.lookup import sector_in
from ..core.models import CLOSED_ALL, CLOSED_BOARD, CLOSED_PHASE, Participant, Sector, Workshop
from ..core.timeutil import utcnow
from ..core.validation import clean_text, optional_int
from ..extensions import db
from ..realtime.broadcast import publish_card
from ..realtime.policy import STEERING_VIEW, Settings, Viewer, participant_view

_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@dataclass(frozen=True)
class Posted:
    card: Card
    created: bool  # False when this was a retry of a post already stored


def posting_refusal(workshop: Workshop, sector: Sector, kind: str) -> str | None:
    """Why a participant may not post a card of `kind` on `sector` now, or None."""
    closed = workshop.closed_for(sector, kind)
    if closed in (CLOSED_ALL, CLOSED_BOARD):
        return _("Posting is locked on this board for now.")
    if workshop.timer_lock and workshop.timer_expired(utcnow()):
        return _("Time is up: posting is closed.")
    phase = workshop.phase
    if closed == CLOSED_PHASE and phase is not None:
        if kind == BOTTLENECK:
            return _(
                "Bottlenecks are not being collected in this phase (%(phase)s).", phase=phase.name
            )
        if kind == CAUSE:
            return _("Causes are not being collected in this phase (%(phase)s).", phase=phase.name)
        return _("Solutions are not being collected in this phase (%(phase)s).", phase=phase.name)
    return None


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
    existing = fastpath.card_by_client_id(workshop.id, client_id)
    if existing is not None:
        same = existing.author_id == (author.id if author else None)
        if not same or existing.entered_by_facilitator != by_facilitator:
            message = _("This post id is already used.")
            raise DomainError("conflict", message, {"client_id": message})
        return Posted(existing, created=False)

    kind = payload.get("kind")
    if kind not in KINDS:
        raise invalid(_("Unknown kind of card."), kind=_("Invalid."))
    text = clean_text(payload.get("text"), "text", max_length=TEXT_MAX, multiline=True)
    card = Card(
        workshop_id=workshop.id,
        kind=kind,
        text=text,
        author=author,
        author_id=author.id if author else None,
        client_id=client_id,
        entered_by_facilitator=by_facilitator,
        status=PENDING if workshop.holds_for_approval(kind) and not by_facilitator else VISIBLE,
        # A new card has neither: saying so spares two lookups per post.
        assessment=None,
        plan=None,
    )
    poster = None if by_facilitator else author
    sector: Sector | None
    if kind == BOTTLENECK:
        sector = sector_in(workshop, payload.get("sector_id"))
        _fill_bottleneck(card, sector, payload)
    else:
        if kind == SOLUTION:
            _fill_solution(workshop, card, payload, poster)
        else:
            _fill_cause(workshop, card, payload, poster)
        sector = workshop.sector(card.sector_id)
    if not by_facilitator:
        refusal = posting_refusal(workshop, sector, kind) if sector else None
        if refusal:
            raise forbidden(refusal)
    fastpath.insert_card(card)
    publish_card(workshop, card, created=True)
    return Posted(card, created=True)


def clean_category(value: object) -> str | None:
    """A bottleneck category code (DOMAIN.md), or None for none."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value not in CATEGORIES:  # no false, [], {} or 0
        raise invalid(_("Unknown category."), category=_("Invalid."))
    return value


def _fill_bottleneck(card: Card, sector: Sector, payload: Mapping[str, Any]) -> None:
    card.sector_id = sector.id
    card.category = clean_category(payload.get("category"))
    card.service = clean_text(
        payload.get("service"), "service", max_length=SERVICE_MAX, required=False
    )


def _fill_solution(
    workshop: Workshop, card: Card, payload: Mapping[str, Any], poster: Participant | None
) -> None:
    """Hang a solution under its bottleneck; a participant only under one they can see."""
    viewer = STEERING_VIEW if poster is None else participant_view(poster.id)
    parent = _parent(workshop, payload, viewer, "solve")
    if parent is None:
        raise not_found(_("The bottleneck for this solution does not exist."))
    card.parent_id = parent.id
    card.sector_id = parent.sector_id
    addresses = optional_int(payload.get("addresses_id"), "addresses_id")
    if addresses is not None:
        card.addresses_id = addressed_cause(workshop, parent, addresses, viewer).id


def _parent(
    workshop: Workshop, payload: Mapping[str, Any], viewer: Viewer, action: str
) -> Card | None:
    """The card `parent_id` names, if it is in this workshop and `viewer` may hang
    a card under it (`action`: "solve" or "cause"); else None."""
    parent_id = optional_int(payload.get("parent_id"), "parent_id")
    parent = db.session.get(Card, parent_id) if parent_id is not None else None
    if parent is None or parent.workshop_id != workshop.id:
        return None
    return parent if viewer.may(parent, action, Settings.of(workshop)) else None


def addressed_cause(workshop: Workshop, bottleneck: Card, cause_id: int, viewer: Viewer) -> Card:
    """The cause of `bottleneck` that a solution says it addresses (one `viewer` can see)."""
    cause = db.session.get(Card, cause_id)
    if (
        cause is None
        or cause.workshop_id != workshop.id
        or cause.kind != CAUSE
        or root_of(cause) != bottleneck.id
        or not viewer.sees(cause.status, cause.author_id, Settings.of(workshop))
    ):
        message = _("This cause does not belong to the solution's bottleneck.")
        raise invalid(message, addresses_id=message)
    return cause


def root_of(cause: Card) -> int | None:
    """The id of the bottleneck a cause explains, however deep it hangs."""
    node: Card | None = cause
    for _level in range(10):
        if node is None or node.kind == BOTTLENECK:
            break
        node = db.session.get(Card, node.parent_id) if node.parent_id else None
    return node.id if node is not None and node.kind == BOTTLENECK else None


def _fill_cause(
    workshop: Workshop, card: Card, payload: Mapping[str, Any], poster: Participant | None
) -> None:
    """Hang a cause on a chosen bottleneck's bone, or under another cause ("why?").

    A participant adds causes to their own sector's board, unless the
    facilitator opened causes to everyone; never deeper than `cause_depth`.
    """
    viewer = STEERING_VIEW if poster is None else participant_view(poster.id)
    parent = _parent(workshop, payload, viewer, "cause")
    if parent is None:
        raise not_found(_("The card this cause explains does not exist, or takes no more causes."))
    if poster is not None:
        refusal = gates.refusal(
            workshop, gates.CAUSE_UNDER, parent.kind, parent.sector_id, poster.group_sector
        )
        if refusal:
            raise forbidden(refusal)
    if parent.kind == BOTTLENECK:
        bone = payload.get("bone")
        if not isinstance(bone, str) or bone not in {b["key"] for b in workshop.bones()}:
            message = _("Choose a category of the fishbone.")
            raise invalid(message, bone=message)
        card.bone, card.depth = bone, 1
    else:
        card.bone, card.depth = parent.bone, parent.depth + 1
    card.parent_id = parent.id
    card.sector_id = parent.sector_id
