"""Signed attendance, day by day: who signs, what a signature must be, the links
of the committee and the speakers, and what each screen is told of it.

A participant signs from the phone while an attendance step is current, for
that step's day; the committee (panitia) and the speakers (narasumber) sign
through their own links, any time the workshop runs, for the current step's
day. A signature is a PNG drawn with a finger: it is checked (type, bytes,
dimensions, some ink) and re-encoded before it is kept, so that what is
stored and later printed is a plain picture and nothing else.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import io
from dataclasses import dataclass
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError
from sqlalchemy import func, select

from ..core import codes
from ..core.access import SIGNING_ROLES
from ..core.errors import DomainError, forbidden, invalid, not_found
from ..core.lifecycle import RUNNING
from ..core.models import AGENCY_MAX, NAME_MAX, POSITION_MAX, AccessKey, Participant, Workshop
from ..core.timeutil import utcnow
from ..core.validation import clean_text, optional_int
from ..extensions import db
from ..netinfo import public_base_url
from ..realtime.broadcast import stamp
from ..realtime.models import STEERING
from ..realtime.policy import ACTIVITY_FORMS, Viewer, activity_form
from .models import COMMITTEE, PARTICIPANT, SPEAKER, Signature

# The phase kind of an attendance step (facilitation/phases.py ACTIVITY_PHASES).
KIND = "attendance"
SIGNED = "attendance.signed"
LINKS = "attendance.links"

# What a signature may be: a PNG of at most this many bytes, within these
# dimensions (the phone's pad is about 600 x 200 CSS pixels, up to 3 device
# pixels each), with at least this share of its pixels inked.
SIGNATURE_MAX_BYTES = 200 * 1024
SIGNATURE_MIN_SIZE = (60, 30)
SIGNATURE_MAX_SIZE = (2400, 1200)
INK_MIN_PIXELS = 20
# What is kept: at most this size (reduced by a whole factor), grey on white.
KEPT_SIZE = (800, 400)
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_DATA_URL = "data:image/png;base64,"
# A signing link's secret: derived from the app's secret key and the key's id,
# so that the cockpit can show it again while the database keeps only its hash.
_LINK_SALT = b"urai-attendance-link"


@dataclass(frozen=True)
class Signer:
    """Who signs: a participant (from their phone), or a signing link's role."""

    role: str
    participant: Participant | None = None


# -- the picture ----------------------------------------------------------------


def clean_png(value: object) -> tuple[bytes, int, int]:
    """A signature sent as a PNG data URL, checked and re-encoded: (png, width, height).

    Refused with a clear message: anything not a PNG, larger than
    SIGNATURE_MAX_BYTES, outside the allowed dimensions, or without ink. Kept
    as grey ink on white (what is printed), at most KEPT_SIZE: a few KB, and a
    few milliseconds of the server's one thread (bench figures in the report)."""
    raw = _decoded(value)
    if len(raw) > SIGNATURE_MAX_BYTES:
        raise _bad(_too_large())
    if not raw.startswith(_PNG_MAGIC):
        raise _bad(_("The signature must be a PNG picture."))
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format != "PNG":
                raise _bad(_("The signature must be a PNG picture."))
            _check_size(probe.size)
            probe.load()
            picture = probe.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _bad(_("The signature could not be read; please sign again.")) from None
    white = Image.new("RGBA", picture.size, (255, 255, 255, 255))
    grey = Image.alpha_composite(white, picture).convert("L")
    factor = max(1, -(-grey.width // KEPT_SIZE[0]), -(-grey.height // KEPT_SIZE[1]))
    if factor > 1:
        grey = grey.reduce(factor)
    if sum(grey.histogram()[:160]) < INK_MIN_PIXELS:
        raise _bad(_("The signature is empty: sign in the box with your finger."))
    out = io.BytesIO()
    grey.save(out, format="PNG")
    return out.getvalue(), grey.width, grey.height


def _too_large() -> str:
    return _("The signature is too large (at most %(n)d KB).", n=SIGNATURE_MAX_BYTES // 1024)


def _decoded(value: object) -> bytes:
    if not isinstance(value, str) or not value.strip():
        raise _bad(_("Sign in the box first."))
    text = value.strip()
    if text.startswith("data:"):
        if not text.startswith(_DATA_URL):
            raise _bad(_("The signature must be a PNG picture."))
        text = text[len(_DATA_URL) :]
    if len(text) > SIGNATURE_MAX_BYTES * 4 // 3 + 8:
        raise _bad(_too_large())
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise _bad(_("The signature could not be read; please sign again.")) from None


def _check_size(size: tuple[int, int]) -> None:
    (low_w, low_h), (high_w, high_h) = SIGNATURE_MIN_SIZE, SIGNATURE_MAX_SIZE
    if not (low_w <= size[0] <= high_w and low_h <= size[1] <= high_h):
        low, high = f"{low_w}×{low_h}", f"{high_w}×{high_h}"
        message = _("The signature picture must be between %(low)s and %(high)s pixels.")
        raise _bad(message % {"low": low, "high": high})


def _bad(message: str) -> DomainError:
    return invalid(message, image=message)


# -- signing --------------------------------------------------------------------


def sign(workshop: Workshop, signer: Signer, payload: dict[str, Any]) -> Signature:
    """Sign the current day's attendance: {name, agency, position, image}.

    A participant signs while an attendance step is current; signing again the
    same day replaces their signature (as a committee member or speaker of the
    same name does). The screens are told the day's count."""
    if workshop.state != RUNNING:
        raise forbidden(_("The workshop is over: the attendance list is closed."))
    phase = workshop.phase
    if signer.role == PARTICIPANT and (phase is None or phase.kind != KIND):
        raise forbidden(_("The attendance list is open during the attendance step only."))
    name = clean_text(payload.get("name"), "name", max_length=NAME_MAX)
    agency = clean_text(payload.get("agency"), "agency", max_length=AGENCY_MAX)
    position = clean_text(
        payload.get("position"), "position", max_length=POSITION_MAX, required=False
    )
    png, width, height = clean_png(payload.get("image"))
    day = workshop.current_day
    entry = _existing(workshop, signer, day, str(name)) or Signature(
        workshop_id=workshop.id, day=day, role=signer.role
    )
    entry.participant_id = signer.participant.id if signer.participant else None
    entry.phase_id = phase.id if phase is not None and phase.kind == KIND else entry.phase_id
    entry.name, entry.agency, entry.position = str(name), str(agency), position
    entry.image, entry.width, entry.height = png, width, height
    entry.signed_at = utcnow()
    db.session.add(entry)
    db.session.flush()
    stamp(workshop, SIGNED, {**entry.as_dict(), "count": day_count(workshop, day)})
    return entry


def _existing(workshop: Workshop, signer: Signer, day: int, name: str) -> Signature | None:
    query = select(Signature).where(
        Signature.workshop_id == workshop.id, Signature.day == day, Signature.role == signer.role
    )
    if signer.participant is not None:
        query = query.where(Signature.participant_id == signer.participant.id)
    else:
        query = query.where(func.lower(Signature.name) == name.lower())
    return db.session.scalars(query.limit(1)).first()


def day_count(workshop: Workshop, day: int) -> int:
    """How many have signed the list of `day` (participants, committee, speakers)."""
    found = db.session.scalar(
        select(func.count(Signature.id)).where(
            Signature.workshop_id == workshop.id, Signature.day == day
        )
    )
    return int(found or 0)


def counts(workshop: Workshop) -> dict[str, int]:
    """The count of each day that has signatures, by day (a string: a JSON key)."""
    rows = db.session.execute(
        select(Signature.day, func.count(Signature.id))
        .where(Signature.workshop_id == workshop.id)
        .group_by(Signature.day)
    ).all()
    return {str(day): count for day, count in rows}


def entries(workshop: Workshop) -> list[Signature]:
    """Every signature of the workshop (pictures not loaded), by day, role, then time."""
    order = {role: n for n, role in enumerate((PARTICIPANT, SPEAKER, COMMITTEE))}
    found = db.session.scalars(
        select(Signature).where(Signature.workshop_id == workshop.id).order_by(Signature.id)
    )
    return sorted(found, key=lambda s: (s.day, order.get(s.role, 9), s.signed_at, s.id))


def signature_for(workshop: Workshop, viewer: Viewer, entry_id: object) -> Signature:
    """A signature whose picture `viewer` may see: steering any, a participant their own."""
    sid = optional_int(entry_id, "id")
    entry = db.session.get(Signature, sid) if sid is not None else None
    if entry is None or entry.workshop_id != workshop.id:
        raise not_found(_("This signature does not exist in this workshop."))
    owner = entry.participant_id
    if not (viewer.steering or (owner is not None and viewer.owns(owner))):
        raise forbidden(_("Only the facilitator sees the signatures."))
    return entry


# -- the committee's and the speakers' links ----------------------------------------


def link_token(key: AccessKey, secret: str) -> str:
    """The secret of a signing link, derived again from the app's secret key."""
    digest = hmac.new(
        secret.encode(), _LINK_SALT + f":{key.workshop_id}:{key.id}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def signing_key(workshop: Workshop, role: object) -> AccessKey | None:
    """The role's signing link now open, if any."""
    if role not in SIGNING_ROLES:
        raise invalid(_("Invalid value."), role=_("Invalid."))
    return db.session.scalars(
        select(AccessKey)
        .where(
            AccessKey.workshop_id == workshop.id,
            AccessKey.role == role,
            AccessKey.revoked_at.is_(None),
        )
        .order_by(AccessKey.id.desc())
        .limit(1)
    ).first()


def open_link(workshop: Workshop, role: object, *, renew: bool = False) -> str:
    """Open the role's signing link (or, `renew`, a new one that replaces it); its token."""
    secret = str(current_app.config["SECRET_KEY"])
    key = signing_key(workshop, role)
    if key is not None and renew:
        key.revoked_at = utcnow()
        key = None
    if key is None:
        key = AccessKey(workshop_id=workshop.id, role=str(role), token_hash="")
        db.session.add(key)
        db.session.flush()
        key.token_hash = codes.token_hash(link_token(key, secret))
        db.session.flush()
        # Steering hears which links are open (never their secrets: the log is stored).
        opened = {r: signing_key(workshop, r) is not None for r in (COMMITTEE, SPEAKER)}
        stamp(workshop, LINKS, {"open": opened}, audience=STEERING)
    return link_token(key, secret)


def key_of_link(workshop: Workshop, token: str) -> AccessKey:
    """The open signing link this token stands for in `workshop`, or a clear refusal."""
    key = None
    if token and len(token) <= 100:
        key = db.session.scalars(
            select(AccessKey).where(AccessKey.token_hash == codes.token_hash(token))
        ).first()
    if key is None or key.workshop_id != workshop.id or not key.active:
        raise not_found(_("This signing link is not valid, or it was replaced."))
    if key.role not in SIGNING_ROLES:
        raise not_found(_("This signing link is not valid, or it was replaced."))
    return key


def link_url(workshop: Workshop, token: str) -> str:
    """The address a signing link opens, one phones can reach (as the join QR's)."""
    path = url_for("attendance.sign_page", code=workshop.code, token=token)
    return public_base_url(current_app) + path


def links(workshop: Workshop) -> dict[str, str | None]:
    """The committee's and the speakers' signing addresses now open (None: none yet)."""
    secret = str(current_app.config["SECRET_KEY"])
    out: dict[str, str | None] = {}
    for role in (COMMITTEE, SPEAKER):
        key = signing_key(workshop, role)
        out[role] = link_url(workshop, link_token(key, secret)) if key else None
    return out


# -- what each screen is told ---------------------------------------------------------


def snapshot(workshop: Workshop, viewer: Viewer) -> dict[str, Any]:
    """The attendance as `viewer` may see it (ACTIVITY_FORMS decides): the counts
    per day for every screen; every entry for steering; a participant's own.
    Phones and the projector show it only during an attendance step: without one
    in the agenda they get no counts nor signatures, and no query for them (every
    join and reconnect of every phone builds this); a phone still gets its own
    details, which fill the form if a step is added later."""
    listed = viewer.steering or any(phase.kind == KIND for phase in workshop.phases)
    state: dict[str, Any] = {"counts": counts(workshop) if listed else {}}
    row = ACTIVITY_FORMS[SIGNED]
    if viewer.steering:
        state["entries"] = [entry.as_dict() for entry in entries(workshop)]
        state["links"] = links(workshop)
    elif viewer.participant_id is not None:
        me = db.session.get(Participant, viewer.participant_id)
        if me is not None:
            state["me"] = {"name": me.name, "agency": me.agency, "position": me.position}
        mine = (
            db.session.scalars(
                select(Signature).where(
                    Signature.workshop_id == workshop.id,
                    Signature.participant_id == viewer.participant_id,
                )
            )
            if listed
            else ()
        )
        state["mine"] = {
            str(entry.day): activity_form(viewer, row, entry.as_dict()) for entry in mine
        }
    return state
