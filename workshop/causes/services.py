"""Root-cause rules, for the facilitator: choose the bottlenecks the room analyses
(by hand, or the top few of each sector), edit the fishbone's bones, and mark the
causes the room agrees are root causes. Causes themselves are posted like any
card (boards/services.py)."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core.cards import BOTTLENECK, CAUSE, VISIBLE, Card
from ..core.errors import invalid
from ..core.lookup import card_in
from ..core.models import BONE_NAME_MAX, MAX_BONES, MAX_CHOSEN, Workshop
from ..core.validation import clean_text, optional_int, required_flag
from ..extensions import db
from ..realtime.broadcast import announce, publish_card
from ..voting.services import tallies

_NOT_KEY = re.compile(r"[^a-z0-9]+")


def choose(workshop: Workshop, card_id: object, chosen: object) -> Card:
    """Choose a bottleneck for root-cause analysis (or take it back)."""
    card = card_in(workshop, card_id, kind=BOTTLENECK)
    card.analysed = required_flag(chosen, "chosen")
    publish_card(workshop, card)
    return card


def choose_top(workshop: Workshop, count: object, by: object) -> list[Card]:
    """Choose the `count` best bottlenecks of every sector, by dots or by USG priority."""
    n = optional_int(count, "count")
    if n is None or not 1 <= n <= MAX_CHOSEN:
        raise invalid(
            _("Choose between %(low)d and %(high)d.", low=1, high=MAX_CHOSEN), count=_("Invalid.")
        )
    if by not in ("votes", "usg"):
        raise invalid(_("Invalid value."), by=_("Invalid."))
    cards = db.session.scalars(
        select(Card).where(
            Card.workshop_id == workshop.id, Card.kind == BOTTLENECK, Card.status == VISIBLE
        )
    ).all()
    votes = tallies(workshop)
    chosen = []
    for sector in workshop.active_sectors:
        own = [c for c in cards if c.sector_id == sector.id]
        if by == "votes":
            own.sort(key=lambda c: (-votes.get(c.id, 0), c.rank_key()))
            own = [c for c in own if votes.get(c.id, 0) > 0]
        else:
            own = [c for c in sorted(own, key=Card.rank_key) if c.assessment and c.assessment.total]
        chosen += own[:n]
    for card in chosen:
        if not card.analysed:
            card.analysed = True
            publish_card(workshop, card)
    return chosen


def focus(workshop: Workshop, card_id: object) -> None:
    """Show one bottleneck large on the projector (its fishbone), or none (None)."""
    before = workshop.focus_card_id
    if card_id is None:
        workshop.focus_card_id = None
    else:
        card = card_in(workshop, card_id, kind=BOTTLENECK)
        if card.status != VISIBLE:
            raise invalid(_("This card cannot be changed that way now."))
        workshop.focus_card_id = card.id
    if workshop.focus_card_id != before:
        workshop.focus_pinned = False  # a pin keeps one choice, not the next
    announce(workshop)


def mark_root(workshop: Workshop, card_id: object, root: object) -> Card:
    """Mark a cause as a root cause (or not)."""
    card = card_in(workshop, card_id, kind=CAUSE)
    card.is_root = required_flag(root, "root")
    publish_card(workshop, card)
    return card


def save_bones(workshop: Workshop, bones: object) -> list[dict[str, str]]:
    """Set the fishbone's categories: [{key?, name}], in order. A new one gets a key;
    one that holds causes cannot be removed, so no cause is lost."""
    if not isinstance(bones, list) or not 1 <= len(bones) <= MAX_BONES:
        raise invalid(
            _("A fishbone has from %(low)d to %(high)d categories.", low=1, high=MAX_BONES),
            bones=_("Invalid."),
        )
    result: list[dict[str, str]] = []
    for item in bones:
        if not isinstance(item, dict):
            raise invalid(_("Invalid value."), bones=_("Invalid."))
        name = str(clean_text(item.get("name"), "bones", max_length=BONE_NAME_MAX))
        key = item.get("key")
        if not isinstance(key, str) or not key:
            key = _new_key(name, {b["key"] for b in result})
        if any(b["key"] == key or b["name"].casefold() == name.casefold() for b in result):
            raise invalid(_("Each category needs its own name."), bones=name)
        result.append({"key": key[:40], "name": name})
    kept = {b["key"] for b in result}
    used = db.session.execute(
        select(Card.bone, func.count(Card.id))
        .where(Card.workshop_id == workshop.id, Card.kind == CAUSE)
        .group_by(Card.bone)
    ).all()
    for bone, count in used:
        if bone not in kept:
            raise invalid(
                _("This category has %(n)d causes. Move or delete them first.", n=count),
                bones=str(bone),
            )
    workshop.cause_bones = result
    announce(workshop)
    return result


def _new_key(name: str, taken: set[str]) -> str:
    base = _NOT_KEY.sub("-", name.casefold()).strip("-")[:30] or "bone"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key
