"""USG scoring and the APKL gate of a sector's bottlenecks.

USG: Urgency, Seriousness, Growth, each 1-5, summed (3-15). A sector's
bottlenecks rank by `Card.rank_key` (core/cards.py): total, then the higher U,
then the higher S (DOMAIN.md); unscored bottlenecks come last.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..core import gates
from ..core.access import Identity
from ..core.cards import APKL, BOTTLENECK, NOTE_MAX, SCORE_RANGE, SCORES, Assessment, Card
from ..core.errors import DomainError, forbidden, invalid, not_found
from ..core.gates import ASSESS
from ..core.lookup import card_in
from ..core.models import Participant, Workshop
from ..core.timeutil import utcnow
from ..core.validation import clean_text
from ..extensions import db
from ..realtime.broadcast import publish_card
from ..realtime.policy import Settings, Viewer


def assess(
    workshop: Workshop, identity: Identity, card_id: object, payload: dict[str, Any]
) -> Card:
    """Set a bottleneck's USG scores, APKL checks, cause and impact.

    The facilitator may at any time; a participant only for their own sector's
    bottlenecks, in a phase that opens scoring. With `base` (the assessment's
    `version` the caller edited from, or None for an unscored card), a change
    made meanwhile by someone else is refused with `conflict`, nothing stored.
    """
    card = card_in(workshop, card_id, kind=BOTTLENECK)
    participant = _scorer(workshop, identity, card)
    if "base" in payload:
        _check_base(card, payload["base"])
    assessment = card.assessment or Assessment(card_id=card.id)
    for key, column in SCORES.items():
        if key in payload:
            setattr(assessment, column, _score(payload[key], key))
    _set_apkl(assessment, payload.get("apkl"))
    for name in ("cause", "impact"):
        if name in payload:
            value = clean_text(
                payload[name], name, max_length=NOTE_MAX, required=False, multiline=True
            )
            setattr(assessment, name, value)
    assessment.scored_by = participant
    assessment.updated_at = utcnow()
    card.assessment = assessment
    publish_card(workshop, card)
    return card


def _scorer(workshop: Workshop, identity: Identity, card: Card) -> Participant | None:
    """Who scores `card`: None for steering, else the participant the phase's gate
    lets score it (core/gates.py, as their page is told); else a refusal."""
    if not identity.can_steer and identity.participant_id is None:
        raise forbidden(_("Only the group of this sector scores its bottlenecks."))
    if not Viewer.of(identity).may(card, ASSESS, Settings.of(workshop)):
        # Hidden, deleted, waiting or concealed cards of others: as if absent.
        raise not_found(_("This card does not exist in this workshop."))
    if identity.can_steer:
        return None
    participant = db.session.get(Participant, identity.participant_id)
    group = participant.group_sector if participant else None
    refusal = gates.refusal(workshop, ASSESS, card.kind, card.sector_id, group)
    if refusal:
        raise forbidden(refusal)
    return participant


def _set_apkl(assessment: Assessment, apkl: object) -> None:
    """Set the APKL checks given ({name: true | false | null}); None sets none."""
    if apkl is None:
        return
    if not isinstance(apkl, dict) or set(apkl) - set(APKL):
        raise invalid(_("Invalid value."), apkl=_("Invalid."))
    for name, value in apkl.items():
        if value is not None and not isinstance(value, bool):
            raise invalid(_("Invalid value."), apkl=_("Must be true or false."))
        setattr(assessment, name, value)


def _check_base(card: Card, base: object) -> None:
    """Refuse a change edited from a version of the scores that is no longer current."""
    if base is not None and not isinstance(base, str):
        raise invalid(_("Invalid value."), base=_("Invalid."))
    current = card.assessment.version if card.assessment else None
    if base != current:
        message = _("Someone else changed these scores meanwhile. Check them, then save again.")
        raise DomainError("conflict", message, {"base": message})


def _score(value: object, field: str) -> int | None:
    low, high = SCORE_RANGE
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise invalid(_("A score is a whole number from 1 to 5."), **{field: _("1-5")})
    return value
