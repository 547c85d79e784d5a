"""Workshop rules: create one, open its secret links, edit its sector boards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core import access, codes
from ..core.cards import Card
from ..core.errors import DomainError, invalid, not_found
from ..core.lookup import sector_in
from ..core.models import (
    FIELD_MAX,
    NIP_MAX,
    SECTOR_NAME_MAX,
    SPEAKERS_MAX,
    TITLE_MAX,
    AccessKey,
    Sector,
    Workshop,
)
from ..core.timeutil import ZONES, laptop_zone, utcnow
from ..core.validation import clean_text
from ..extensions import db
from ..facilitation.services import add_default_phases
from ..realtime.broadcast import announce
from .sectors import DEFAULT_SECTORS, MAX_SECTORS


@dataclass(frozen=True)
class NewWorkshop:
    """A created workshop with the raw secrets, shown once and never stored."""

    workshop: Workshop
    facilitator_token: str
    presenter_token: str


def create_workshop(
    title: object,
    *,
    date: dt.date | None = None,
    place: object = None,
    organiser: object = None,
    sector_names: list[str] | None = None,
    language: str = "id",
    time_zone: object = None,
) -> NewWorkshop:
    """Create a workshop with its sectors, a join code and its secret links."""
    workshop = Workshop(
        title=str(clean_text(title, "title", max_length=TITLE_MAX)),
        date=date,
        place=clean_text(place, "place", max_length=FIELD_MAX, required=False),
        organiser=clean_text(organiser, "organiser", max_length=FIELD_MAX, required=False),
        language=language if language in ("id", "en") else "id",
        time_zone=_time_zone(time_zone),
        code=_unused_code(),
    )
    if sector_names is None:
        column = 2 if workshop.language == "en" else 1
        sectors: list[tuple[str | None, str]] = [(row[0], row[column]) for row in DEFAULT_SECTORS]
    else:
        sectors = [
            (None, str(clean_text(name, "sectors", max_length=SECTOR_NAME_MAX)))
            for name in sector_names
        ]
    for position, (key, name) in enumerate(sectors):
        workshop.sectors.append(Sector(key=key, name=name, position=position))
    db.session.add(workshop)
    db.session.flush()
    add_default_phases(workshop)
    return NewWorkshop(
        workshop,
        facilitator_token=issue_key(workshop, access.FACILITATOR),
        presenter_token=issue_key(workshop, access.PRESENTER),
    )


def _unused_code() -> str:
    for _attempt in range(20):
        code = codes.new_join_code()
        if Workshop.by_code(code) is None:
            return code
    raise DomainError("conflict", _("Could not make a free join code; please try again."))


def issue_key(workshop: Workshop, role: str) -> str:
    """Make a new secret link for `role`; return its token (only its hash is kept)."""
    token = codes.new_token()
    db.session.add(
        AccessKey(workshop_id=workshop.id, role=role, token_hash=codes.token_hash(token))
    )
    db.session.flush()
    return token


def revoke_key(workshop: Workshop, key_id: int) -> AccessKey:
    """Revoke a secret link at once: it opens nothing any more."""
    key = db.session.get(AccessKey, key_id)
    if key is None or key.workshop_id != workshop.id:
        raise not_found(_("This link does not exist in this workshop."))
    if key.revoked_at is None:
        key.revoked_at = utcnow()
    return key


def keys_of(workshop: Workshop, role: str) -> list[AccessKey]:
    """The secret links of one role, newest first (revoked ones included)."""
    return list(
        db.session.scalars(
            select(AccessKey)
            .where(AccessKey.workshop_id == workshop.id, AccessKey.role == role)
            .order_by(AccessKey.id.desc())
        )
    )


def key_for_token(token: str) -> AccessKey | None:
    """The valid access key a secret link stands for, or None."""
    if not token or len(token) > 100:
        return None
    key = db.session.scalar(
        select(AccessKey).where(AccessKey.token_hash == codes.token_hash(token))
    )
    return key if key is not None and key.active else None


def update_details(
    workshop: Workshop,
    *,
    title: object,
    date: dt.date | None,
    place: object,
    organiser: object,
    speakers: object = None,
    language: object = None,
    time_zone: object = None,
) -> None:
    """Change the title, date, place, organiser, speakers, and the documents' language
    and time zone."""
    workshop.title = str(clean_text(title, "title", max_length=TITLE_MAX))
    workshop.date = date
    workshop.place = clean_text(place, "place", max_length=FIELD_MAX, required=False)
    workshop.organiser = clean_text(organiser, "organiser", max_length=FIELD_MAX, required=False)
    workshop.speakers = clean_text(
        speakers, "speakers", max_length=SPEAKERS_MAX, required=False, multiline=True
    )
    if language is not None:
        if language not in ("id", "en"):
            raise invalid(_("Invalid value."), language=_("Invalid."))
        workshop.language = str(language)
    if time_zone is not None:
        workshop.time_zone = _time_zone(time_zone)
    announce(workshop)


def _time_zone(zone: object) -> str:
    """One of Indonesia's three zones (the laptop's own when none is given)."""
    if zone is None or zone == "":
        return laptop_zone()
    if zone not in ZONES:
        raise invalid(_("Invalid value."), time_zone=_("Invalid."))
    return str(zone)


@dataclass(frozen=True)
class Signature:
    """Who signs the activity report, and where and when (None: the workshop's place, date)."""

    place: object = None
    date: dt.date | None = None
    position: object = None
    name: object = None
    nip: object = None


def update_signature(workshop: Workshop, signature: Signature) -> None:
    """Change the activity report's signature block (tempat, tanggal, jabatan, nama, NIP)."""
    if signature.date is not None and not isinstance(signature.date, dt.date):
        raise invalid(_("Invalid value."), report_date=_("Invalid."))
    workshop.report_place = clean_text(
        signature.place, "report_place", max_length=FIELD_MAX, required=False
    )
    workshop.report_date = signature.date
    workshop.signer_position = clean_text(
        signature.position, "signer_position", max_length=FIELD_MAX, required=False
    )
    workshop.signer_name = clean_text(
        signature.name, "signer_name", max_length=FIELD_MAX, required=False
    )
    workshop.signer_nip = clean_text(
        signature.nip, "signer_nip", max_length=NIP_MAX, required=False
    )


def add_sector(workshop: Workshop, name: object) -> Sector:
    """Add a sector board at the end."""
    clean = str(clean_text(name, "name", max_length=SECTOR_NAME_MAX))
    active = workshop.active_sectors
    if len(active) >= MAX_SECTORS:
        raise invalid(_("A workshop has at most %(n)d sectors.", n=MAX_SECTORS))
    _check_unique_name(workshop, clean)
    sector = Sector(name=clean, position=(active[-1].position + 1) if active else 0)
    workshop.sectors.append(sector)
    db.session.flush()
    announce(workshop)
    return sector


def rename_sector(workshop: Workshop, sector_id: int, name: object) -> Sector:
    """Give a sector board a new name; its cards stay."""
    sector = sector_in(workshop, sector_id)
    clean = str(clean_text(name, "name", max_length=SECTOR_NAME_MAX))
    _check_unique_name(workshop, clean, but=sector)
    sector.name = clean
    announce(workshop)
    return sector


def remove_sector(workshop: Workshop, sector_id: int) -> None:
    """Remove an empty sector board; one with cards is refused so no card is lost."""
    sector = sector_in(workshop, sector_id)
    count = db.session.scalar(select(func.count(Card.id)).where(Card.sector_id == sector.id))
    if count:
        raise invalid(
            _("This sector has %(n)d cards. Move or delete them before removing it.", n=count)
        )
    if len(workshop.active_sectors) <= 1:
        raise invalid(_("A workshop needs at least one sector."))
    sector.archived = True
    announce(workshop)


def move_sector(workshop: Workshop, sector_id: int, offset: int) -> None:
    """Move a sector one place up (-1) or down (+1) in the order shown everywhere."""
    sector = sector_in(workshop, sector_id)
    active = workshop.active_sectors
    index = active.index(sector)
    target = index + (1 if offset > 0 else -1)
    if not 0 <= target < len(active):
        return
    active[index], active[target] = active[target], active[index]
    for position, item in enumerate(active):
        item.position = position
    announce(workshop)


def _check_unique_name(workshop: Workshop, name: str, but: Sector | None = None) -> None:
    for other in workshop.active_sectors:
        if other is not but and other.name.casefold() == name.casefold():
            message = _("There is already a sector with this name.")
            raise invalid(message, name=message)
