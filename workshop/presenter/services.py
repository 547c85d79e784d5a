"""What the facilitator steers on the projector (docs/PROTOCOL.md): the
spotlight, one card shown large in the middle until it is cleared
(`spotlight:set`), and the join QR brought up large for the rest of the phase
(`join:show`).

Only a card the room may see can be spotlighted: visible (not waiting for
approval, hidden, deleted or merged) while the boards are not concealed. A
spotlighted card that leaves the room's view later takes the spotlight with it
(realtime/broadcast.py, `publish_card`). A change of phase takes the spotlight
and the focus (a bottleneck's fishbone) off the projector unless the facilitator
pinned them (`end_with_phase`).
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..core.cards import SPOTLIGHT_OFF_WHEN, SPOTLIGHT_STATUSES, Card
from ..core.errors import invalid
from ..core.lookup import card_in
from ..core.models import Workshop
from ..core.validation import required_flag
from ..realtime.broadcast import announce, stamp
from ..realtime.policy import JOIN_AUDIENCE, JOIN_EVENT, SPOTLIGHT_AUDIENCE, SPOTLIGHT_EVENT

# What the projector may keep into the next phase, pinned: `pin:set`'s `what`.
PINNABLE = ("spotlight", "focus")


def spotlight(workshop: Workshop, card_id: object, pinned: object = False) -> int | None:
    """Put one visible card in the projector's spotlight (pinned: kept into the
    next phase), or clear it (None)."""
    if card_id is None:
        chosen = None
    else:
        card = card_in(workshop, card_id)
        if not spotlit(workshop, card):
            raise invalid(_("Only a card the room can see can be shown in the spotlight."))
        chosen = card.id
    workshop.spotlight_card_id = chosen
    workshop.spotlight_pinned = chosen is not None and required_flag(pinned, "pinned")
    _tell_spotlight(workshop)
    return chosen


def pin(workshop: Workshop, what: object, pinned: object) -> None:
    """Keep the spotlight or the focus on the projector into the next phase, or let
    the next phase take it off; refused when nothing is shown there."""
    if what not in PINNABLE:
        raise invalid(_("Invalid value."), what=_("Invalid."))
    flag = required_flag(pinned, "pinned")
    if what == "spotlight":
        if workshop.spotlight_card_id is None:
            raise invalid(_("Nothing is in the spotlight."))
        workshop.spotlight_pinned = flag
        _tell_spotlight(workshop)
    else:
        if workshop.focus_card_id is None:
            raise invalid(_("No bottleneck is shown on the projector."))
        workshop.focus_pinned = flag
        announce(workshop)


def end_with_phase(workshop: Workshop) -> None:
    """A new phase: take the spotlight and the focus off the projector unless pinned
    (the focus goes with the `workshop.updated` the phase change announces)."""
    if workshop.focus_card_id is not None and not workshop.focus_pinned:
        workshop.focus_card_id = None
    if workshop.spotlight_card_id is not None and not workshop.spotlight_pinned:
        workshop.spotlight_card_id = None
        workshop.spotlight_pinned = False
        _tell_spotlight(workshop)


def spotlight_state(workshop: Workshop) -> dict[str, object]:
    """What steering and the projector are told of the spotlight: {card_id, pinned}."""
    chosen = workshop.spotlight_card_id
    return {"card_id": chosen, "pinned": chosen is not None and workshop.spotlight_pinned}


def _tell_spotlight(workshop: Workshop) -> None:
    stamp(workshop, SPOTLIGHT_EVENT, spotlight_state(workshop), audience=SPOTLIGHT_AUDIENCE)


def spotlit(workshop: Workshop, card: Card) -> bool:
    """Whether `card` may be in the spotlight now (the page is told the same rule:
    `rules.spotlight`)."""
    return card.status in SPOTLIGHT_STATUSES and not getattr(workshop, SPOTLIGHT_OFF_WHEN)


def show_join(workshop: Workshop, shown: object) -> bool:
    """Bring the join QR up large on the projector for the current phase, or fold it."""
    if not isinstance(shown, bool):
        raise invalid(_("Invalid value."), shown=_("Invalid."))
    workshop.join_shown_in = workshop.phase_id if shown else None
    stamp(workshop, JOIN_EVENT, join_state(workshop), audience=JOIN_AUDIENCE)
    return shown


def join_state(workshop: Workshop) -> dict[str, int | None]:
    """What the projector is told of the join QR: the phase it is up for (None: as
    the phase says). The projector's page starts from it (views.py)."""
    return {"phase_id": workshop.join_shown_in}
