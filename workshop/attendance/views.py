"""Signing the attendance over HTTP, and the signature pictures.

A signature is a PNG of up to 200 KB: too large for a socket event (at most
MAX_EVENT_PAYLOAD, 8 KB), so phones and the signing links POST it here as
JSON. The answer is the acknowledgement a socket event would get
(`{"ok": true, ...}` or `{"ok": false, "error": {...}}`), and the change
reaches the screens as an `attendance.signed` broadcast after the commit.
"""

from __future__ import annotations

import io
from typing import Any

import segno
from flask import Blueprint, Response, jsonify, render_template, request, session
from flask_babel import gettext as _

from ..core import access
from ..core.errors import DomainError, forbidden
from ..core.models import Workshop
from ..core.rules import rules
from ..ratelimit import limits
from ..realtime.policy import (
    ACTIVITY_FORMS,
    DISPLAY_VIEW,
    Viewer,
    activity_form,
    participant_view,
)
from ..realtime.unit import unit_of_work
from ..web import load_workshop, staff_page
from . import services
from .models import COMMITTEE, PARTICIPANT
from .services import Signer

bp = Blueprint("attendance", __name__)


def _answer(err: DomainError) -> tuple[Response, int]:
    return jsonify({"ok": False, "error": err.as_dict()}), err.http_status


def _throttle(key: str) -> None:
    """A signer sending many signatures is slowed down, as a flooding socket is."""
    if not limits().events.allow(key, cost=5):
        raise DomainError(
            "rate_limited", _("Slow down: wait a few seconds, then try again."), {}, 429
        )


def _signed(workshop: Workshop, signer: Signer, viewer: Viewer, key: str) -> Any:
    payload = request.get_json(silent=True)
    try:
        _throttle(key)
        if not isinstance(payload, dict):
            raise DomainError("invalid", _("The message must be an object."), {}, 400)
        with unit_of_work():
            entry = services.sign(workshop, signer, payload)
            data = {**entry.as_dict(), "count": services.day_count(workshop, entry.day)}
            shown = activity_form(viewer, ACTIVITY_FORMS[services.SIGNED], data)
    except DomainError as err:
        return _answer(err)
    return jsonify({"ok": True, "entry": shown})


@bp.post("/w/<code>/attendance/sign")
def sign(code: str) -> Any:
    """Sign the day's attendance from the phone that joined: {name, agency, position, image}."""
    workshop = load_workshop(code)
    participant = access.participant_of(workshop, session)
    if participant is None:
        return _answer(forbidden(_("Join the workshop first.")))
    viewer = participant_view(participant.id)
    key = f"w{workshop.id}:p{participant.id}"
    return _signed(workshop, Signer(PARTICIPANT, participant), viewer, key)


@bp.get("/w/<code>/sign/<token>")
def sign_page(code: str, token: str) -> Any:
    """The page of a committee or speaker signing link: name, position, agency, signature."""
    workshop = load_workshop(code)
    key = services.key_of_link(workshop, token)
    return render_template(
        "attendance/sign.html",
        workshop=workshop,
        role=key.role,
        committee=key.role == COMMITTEE,
        day=workshop.current_day,
        date=workshop.date_of(workshop.current_day),
        sign_url=request.path,
        limits=rules()["limits"],
    )


@bp.post("/w/<code>/sign/<token>")
def sign_by_link(code: str, token: str) -> Any:
    """Sign through a committee or speaker link: {name, agency, position, image}."""
    workshop = load_workshop(code)
    try:
        key = services.key_of_link(workshop, token)
    except DomainError as err:
        return _answer(err)
    # The signer is told the count only, as the projector is.
    return _signed(workshop, Signer(key.role), DISPLAY_VIEW, f"w{workshop.id}:k{key.id}")


@bp.get("/w/<code>/attendance/<int:entry_id>/signature.png")
def signature(code: str, entry_id: int) -> Response:
    """A signature's picture: for the facilitator, or the participant who signed it."""
    workshop = load_workshop(code)
    identity = access.identity_of(workshop, session)
    if identity is None:
        raise forbidden(_("Only the facilitator sees the signatures."))
    entry = services.signature_for(workshop, Viewer.of(identity), entry_id)
    response = Response(entry.image, mimetype="image/png")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/w/<code>/attendance/links/<any(committee,speaker):role>/qr.svg")
@staff_page(steering=True)
def link_qr(workshop: Workshop, identity: access.Identity, role: str) -> Response:
    """The role's signing address as a QR code, for the cockpit's attendance panel."""
    url = services.links(workshop).get(role)
    if url is None:
        raise DomainError("not_found", _("Open this signing link first."), {}, 404)
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", border=2, omitsize=True, xmldecl=False)
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response
