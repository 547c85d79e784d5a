"""Joining a workshop from a phone, and the roster counts per sector."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core.errors import forbidden, invalid
from ..core.models import AGENCY_MAX, NAME_MAX, POSITION_MAX, Participant, Workshop
from ..core.validation import clean_text, optional_int
from ..extensions import db
from ..realtime.broadcast import stamp
from ..realtime.models import DISPLAY, STEERING


def join(
    workshop: Workshop,
    *,
    name: object,
    agency: object,
    position: object,
    sector_id: object,
    returning: Participant | None = None,
    join_token: object = None,
) -> Participant:
    """Register a participant, or update the one this phone joined as before.

    `join_token` comes from the join form: a second submission of the same form
    (a double tap on a slow Wi-Fi) updates the participant the first one made.
    """
    clean_name = str(clean_text(name, "name", max_length=NAME_MAX))
    clean_agency = str(clean_text(agency, "agency", max_length=AGENCY_MAX))
    clean_position = clean_text(position, "position", max_length=POSITION_MAX, required=False)
    sid = optional_int(sector_id, "sector_id")
    if sid is None or workshop.sector(sid) is None:
        message = _("Choose your sector.")
        raise invalid(message, sector_id=message)
    token = join_token if isinstance(join_token, str) and 16 <= len(join_token) <= 64 else None
    if returning is None and token is not None:
        returning = db.session.scalar(
            select(Participant).where(
                Participant.workshop_id == workshop.id, Participant.join_token == token
            )
        )
    participant = returning if returning is not None else Participant(workshop_id=workshop.id)
    if participant.join_token is None:
        participant.join_token = token
    participant.name = clean_name
    participant.agency = clean_agency
    participant.position = clean_position
    participant.sector_id = sid
    db.session.add(participant)
    db.session.flush()
    _announce(workshop, participant)
    return participant


def change_sector(
    workshop: Workshop, participant: Participant, payload: dict[str, object]
) -> Participant:
    """Move a participant to another sector's group: the same attendance row, a new board.

    Only their own sector (who moves is the caller, never a field of the message),
    and only to an active sector of this workshop.
    """
    unknown = set(payload) - {"sector_id", "participant_id"}
    if unknown:
        raise invalid(_("Invalid value."), **{name: _("Invalid.") for name in sorted(unknown)})
    named = payload.get("participant_id")
    if named is not None and named != participant.id:
        raise forbidden(_("You can only change your own sector."))
    sid = optional_int(payload.get("sector_id"), "sector_id")
    if sid is None or workshop.sector(sid) is None:
        message = _("Choose one of this workshop's sectors.")
        raise invalid(message, sector_id=message)
    if participant.sector_id != sid:
        participant.sector_id = sid
        db.session.flush()
        _announce(workshop, participant)
    return participant


def _announce(workshop: Workshop, participant: Participant) -> None:
    """Tell steering the participant's row, and the projector the counts per sector."""
    stamp(workshop, "participant.updated", participant.as_dict(), audience=STEERING)
    stamp(workshop, "roster.updated", roster_counts(workshop), audience=DISPLAY)


def roster(workshop: Workshop) -> list[dict[str, object]]:
    """The attendance list (daftar hadir): everyone who joined, in order of joining."""
    people = db.session.scalars(
        select(Participant).where(Participant.workshop_id == workshop.id).order_by(Participant.id)
    )
    return [person.as_dict() for person in people]


def roster_counts(workshop: Workshop) -> dict[str, object]:
    """How many participants are in the room, in all and per sector id."""
    rows = db.session.execute(
        select(Participant.sector_id, func.count(Participant.id))
        .where(Participant.workshop_id == workshop.id)
        .group_by(Participant.sector_id)
    ).all()
    per_sector = {str(sector_id): count for sector_id, count in rows if sector_id is not None}
    return {"total": sum(count for _sid, count in rows), "per_sector": per_sector}
