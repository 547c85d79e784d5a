"""Detailing a solution with the action-plan matrix columns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import gettext as _

from ..core.access import Identity
from ..core.cards import PLAN_FIELDS, PLAN_MAX, SOLUTION, ActionPlan, Card
from ..core.errors import forbidden, invalid
from ..core.lookup import card_in
from ..core.models import Workshop
from ..core.validation import clean_text
from ..followup.services import announce_item
from ..realtime.broadcast import publish_card
from ..realtime.policy import Settings, Viewer


def save_plan(
    workshop: Workshop, identity: Identity, card_id: object, payload: dict[str, Any]
) -> Card:
    """Fill in steps, indicator, responsible agency, timeframe, resources, stakeholders.

    The facilitator may detail any solution; a participant only their own.
    """
    card = card_in(workshop, card_id, kind=SOLUTION)
    if not Viewer.of(identity).may(card, "plan", Settings.of(workshop)):
        raise forbidden(_("Only the facilitator or the solution's author can detail it."))
    unknown = set(payload) - {"card_id", "deadline", *PLAN_FIELDS}
    if unknown:
        raise invalid(_("Invalid value."), **{name: _("Invalid.") for name in sorted(unknown)})
    plan = card.plan or ActionPlan(card_id=card.id)
    for name in PLAN_FIELDS:
        if name in payload:
            value = clean_text(
                payload[name], name, max_length=PLAN_MAX, required=False, multiline=True
            )
            setattr(plan, name, value)
    if "deadline" in payload:
        plan.deadline = _deadline(payload["deadline"])
    card.plan = plan
    publish_card(workshop, card)
    # Its owner agency or deadline may have changed: the follow-up lists hear it.
    announce_item(workshop, card, dt.date.today())
    return card


def _deadline(value: object) -> dt.date | None:
    """A deadline as the browser's date field sends it (YYYY-MM-DD), or none."""
    if value is None or value == "":
        return None
    message = _("Give the date as YYYY-MM-DD.")
    if not isinstance(value, str) or len(value) != 10:
        raise invalid(message, deadline=message)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise invalid(message, deadline=message) from None
