"""Detailing a solution with the action-plan matrix columns."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..access import Identity
from ..boards.models import SOLUTION, Card
from ..boards.services import card_in, publish
from ..errors import forbidden, invalid
from ..validation import clean_text
from ..workshops.models import Workshop
from .models import PLAN_FIELDS, ActionPlan

FIELD_MAX = 1000


def save_plan(
    workshop: Workshop, identity: Identity, card_id: object, payload: dict[str, Any]
) -> Card:
    """Fill in steps, indicator, responsible agency, timeframe, resources, stakeholders.

    The facilitator may detail any solution; a participant only their own.
    """
    card = card_in(workshop, card_id, kind=SOLUTION)
    if not identity.can_steer and (
        identity.participant_id is None or card.author_id != identity.participant_id
    ):
        raise forbidden(_("Only the facilitator or the solution's author can detail it."))
    unknown = set(payload) - {"card_id", *PLAN_FIELDS}
    if unknown:
        raise invalid(_("Invalid value."), **{name: _("Invalid.") for name in sorted(unknown)})
    plan = card.plan or ActionPlan(card_id=card.id)
    for name in PLAN_FIELDS:
        if name in payload:
            value = clean_text(
                payload[name], name, max_length=FIELD_MAX, required=False, multiline=True
            )
            setattr(plan, name, value)
    card.plan = plan
    publish(workshop, card)
    return card
