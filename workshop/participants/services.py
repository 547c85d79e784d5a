"""Joining a workshop from a phone, and the roster counts per sector."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..errors import invalid
from ..extensions import db
from ..realtime.broadcast import stamp
from ..realtime.models import STAFF
from ..validation import clean_text, optional_int
from ..workshops.models import Workshop
from .models import Participant

NAME_MAX = 80
AGENCY_MAX = 120
POSITION_MAX = 80


def join(
    workshop: Workshop,
    *,
    name: object,
    agency: object,
    position: object,
    sector_id: object,
    returning: Participant | None = None,
) -> Participant:
    """Register a participant, or update the one this phone joined as before."""
    clean_name = str(clean_text(name, "name", max_length=NAME_MAX))
    clean_agency = str(clean_text(agency, "agency", max_length=AGENCY_MAX))
    clean_position = clean_text(position, "position", max_length=POSITION_MAX, required=False)
    sid = optional_int(sector_id, "sector_id")
    if sid is None or workshop.sector(sid) is None:
        message = _("Choose your sector.")
        raise invalid(message, sector_id=message)
    participant = returning if returning is not None else Participant(workshop_id=workshop.id)
    participant.name = clean_name
    participant.agency = clean_agency
    participant.position = clean_position
    participant.sector_id = sid
    db.session.add(participant)
    db.session.flush()
    stamp(workshop.id, "roster.updated", roster_counts(workshop), audience=STAFF)
    return participant


def roster_counts(workshop: Workshop) -> dict[str, object]:
    """How many participants are in the room, in all and per sector id."""
    rows = db.session.execute(
        select(Participant.sector_id, func.count(Participant.id))
        .where(Participant.workshop_id == workshop.id)
        .group_by(Participant.sector_id)
    ).all()
    per_sector = {str(sector_id): count for sector_id, count in rows if sector_id is not None}
    return {"total": sum(count for _sid, count in rows), "per_sector": per_sector}
