"""Finding a workshop by its code, and a card, participant or sector within one.

Every lookup takes the workshop, so an id from another workshop is simply not
found: a caller can never reach into a workshop it is not in.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..extensions import db
from . import codes, fastpath
from .cards import Card
from .errors import not_found
from .models import Participant, Sector, Workshop
from .validation import optional_int


def find_workshop(raw_code: str) -> Workshop:
    """The workshop with this join code, forgiving case, spaces and dashes."""
    code = codes.normalise_code(raw_code or "")
    workshop = Workshop.by_code(code) if len(code) == codes.CODE_LENGTH else None
    if workshop is None:
        raise not_found(_("No workshop has this code. Check the code on the screen."))
    return workshop


def workshop_id_by_code(raw_code: str) -> int | None:
    """The id of the workshop with this join code, or None, without loading it
    (the sockets' connect needs only the id; a thousand may come back at once)."""
    code = codes.normalise_code(raw_code or "")
    if len(code) != codes.CODE_LENGTH:
        return None
    return fastpath.workshop_id_by_code(code)


def card_in(workshop: Workshop, card_id: object, *, kind: str | None = None) -> Card:
    """A card of this workshop by id (of `kind`, if given), or a clear not-found."""
    cid = optional_int(card_id, "card_id")
    card = db.session.get(Card, cid) if cid is not None else None
    if card is None or card.workshop_id != workshop.id or (kind and card.kind != kind):
        raise not_found(_("This card does not exist in this workshop."))
    return card


def participant_in(workshop: Workshop, participant_id: object) -> Participant:
    """A participant of this workshop by id, for the facilitator's proxy entry."""
    pid = optional_int(participant_id, "participant_id")
    participant = db.session.get(Participant, pid) if pid is not None else None
    if participant is None or participant.workshop_id != workshop.id:
        raise not_found(_("This participant is not in this workshop."))
    return participant


def sector_in(workshop: Workshop, sector_id: object) -> Sector:
    """An active sector board of this workshop by id, or a clear not-found."""
    sid = optional_int(sector_id, "sector_id")
    sector = workshop.sector(sid) if sid is not None else None
    if sector is None:
        raise not_found(_("This sector board does not exist in this workshop."))
    return sector
