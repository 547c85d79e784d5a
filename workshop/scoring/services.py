"""USG scoring, the APKL gate, and each sector's ranking.

USG: Urgency, Seriousness, Growth, each 1-5, summed (3-15). A sector's
bottlenecks rank by total; ties go to the higher U, then the higher S
(DOMAIN.md). Unscored bottlenecks come last.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from ..access import Identity
from ..boards.models import BOTTLENECK, VISIBLE, Card
from ..boards.services import card_in, publish
from ..errors import forbidden, invalid, not_found
from ..extensions import db
from ..participants.models import Participant
from ..realtime.views import participant_sees
from ..validation import clean_text
from ..workshops.models import Workshop
from .models import Assessment

SCORES = {"u": "urgency", "s": "seriousness", "g": "growth"}
APKL = ("actual", "problematic", "public", "feasible")
NOTE_MAX = 1000


def assess(
    workshop: Workshop, identity: Identity, card_id: object, payload: dict[str, Any]
) -> Card:
    """Set a bottleneck's USG scores, APKL checks, cause and impact.

    The facilitator may at any time; a participant only for their own sector's
    bottlenecks, in a phase that opens scoring.
    """
    card = card_in(workshop, card_id, kind=BOTTLENECK)
    if not identity.can_steer:
        if not participant_sees(card, identity.participant_id, workshop):
            # Hidden, deleted, waiting or concealed cards of others: as if absent.
            raise not_found(_("This card does not exist in this workshop."))
        participant = db.session.get(Participant, identity.participant_id or 0)
        phase = workshop.phase
        if phase is None or not phase.allow_scoring:
            raise forbidden(_("Scoring is not open in this phase."))
        if participant is None or participant.sector_id != card.sector_id:
            raise forbidden(_("Only the group of this sector scores its bottlenecks."))
    assessment = card.assessment or Assessment(card_id=card.id)
    for key, column in SCORES.items():
        if key in payload:
            setattr(assessment, column, _score(payload[key], key))
    apkl = payload.get("apkl")
    if apkl is not None:
        if not isinstance(apkl, dict) or set(apkl) - set(APKL):
            raise invalid(_("Invalid value."), apkl=_("Invalid."))
        for name, value in apkl.items():
            if value is not None and not isinstance(value, bool):
                raise invalid(_("Invalid value."), apkl=_("Must be true or false."))
            setattr(assessment, name, value)
    for name in ("cause", "impact"):
        if name in payload:
            value = clean_text(
                payload[name], name, max_length=NOTE_MAX, required=False, multiline=True
            )
            setattr(assessment, name, value)
    assessment.scored_by_participant_id = identity.participant_id
    card.assessment = assessment
    publish(workshop, card)
    return card


def _score(value: object, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise invalid(_("A score is a whole number from 1 to 5."), **{field: _("1-5")})
    return value


def rank_key(card: Card) -> tuple[int, int, int, int, int]:
    """Sort key: highest total first; ties to the higher U, then the higher S."""
    a = card.assessment
    if a is None or a.total is None:
        return (1, 0, 0, 0, card.id)
    return (0, -a.total, -(a.urgency or 0), -(a.seriousness or 0), card.id)


def ranking(workshop: Workshop, sector_id: int) -> list[Card]:
    """The sector's visible bottlenecks in priority order."""
    cards = db.session.scalars(
        select(Card).where(
            Card.workshop_id == workshop.id,
            Card.sector_id == sector_id,
            Card.kind == BOTTLENECK,
            Card.status == VISIBLE,
        )
    ).all()
    return sorted(cards, key=rank_key)
