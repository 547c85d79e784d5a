"""What the facilitator steers on the projector (docs/PROTOCOL.md): the
spotlight, one card shown large in the middle until it is cleared
(`spotlight:set`), and the join QR brought up large for the rest of the phase
(`join:show`).

Only a card the room may see can be spotlighted: visible (not waiting for
approval, hidden, deleted or merged) while the boards are not concealed. A
spotlighted card that leaves the room's view later takes the spotlight with it
(realtime/broadcast.py, `publish_card`).
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..core.cards import SPOTLIGHT_OFF_WHEN, SPOTLIGHT_STATUSES, Card
from ..core.errors import invalid
from ..core.lookup import card_in
from ..core.models import Workshop
from ..realtime.broadcast import stamp
from ..realtime.policy import JOIN_AUDIENCE, JOIN_EVENT, SPOTLIGHT_AUDIENCE, SPOTLIGHT_EVENT


def spotlight(workshop: Workshop, card_id: object) -> int | None:
    """Put one visible card in the projector's spotlight, or clear it (None)."""
    if card_id is None:
        chosen = None
    else:
        card = card_in(workshop, card_id)
        if not spotlit(workshop, card):
            raise invalid(_("Only a card the room can see can be shown in the spotlight."))
        chosen = card.id
    workshop.spotlight_card_id = chosen
    stamp(workshop, SPOTLIGHT_EVENT, {"card_id": chosen}, audience=SPOTLIGHT_AUDIENCE)
    return chosen


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
