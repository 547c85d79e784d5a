"""The home page, creating a workshop, and the facilitator's page."""

from __future__ import annotations

import io
from typing import Any

import segno
from flask import Blueprint, Response, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _

from ..core import access
from ..core.errors import DomainError, forbidden
from ..core.lookup import find_workshop
from ..core.models import Workshop
from ..facilitation import phases
from ..realtime.connections import disconnect_key
from ..realtime.policy import Viewer
from ..realtime.unit import unit_of_work
from ..web import (
    apply,
    back_to,
    join_url,
    load_workshop,
    page_config,
    show_errors,
    staff_page,
    throttle_wrong_code,
)
from . import services
from .forms import ActionForm, CodeForm, SectorForm, WorkshopForm

bp = Blueprint("workshops", __name__)

_FRESH_LINKS = "fresh_links"


@bp.get("/")
def home() -> str:
    """Show the join-by-code box and the way to start a workshop."""
    return render_template("home.html", form=CodeForm())


@bp.post("/join")
def join_by_code() -> Any:
    """Send a phone that typed a code to that workshop's join form."""
    form = CodeForm()
    if form.validate_on_submit():
        try:
            workshop = find_workshop(form.code.data or "")
        except DomainError as err:
            throttle_wrong_code()
            show_errors(form, DomainError(err.code, err.message, {"code": err.message}))
            return render_template("home.html", form=form), 404
        return redirect(url_for("participants.join", code=workshop.code), code=303)
    return render_template("home.html", form=form), 400


@bp.route("/new", methods=["GET", "POST"])
def new() -> Any:
    """Create a workshop; the browser that creates it becomes its facilitator."""
    form = WorkshopForm()
    if form.validate_on_submit():
        try:
            with unit_of_work():
                created = services.create_workshop(
                    form.title.data,
                    date=form.date.data,
                    place=form.place.data,
                    organiser=form.organiser.data,
                    language=form.language.data or "id",
                    time_zone=form.time_zone.data,
                )
        except DomainError as err:
            show_errors(form, err)
        else:
            key = services.key_for_token(created.facilitator_token)
            assert key is not None
            access.remember_key(session, key)
            session[_FRESH_LINKS] = {
                "code": created.workshop.code,
                "facilitator": url_for("workshops.open_key", token=created.facilitator_token),
                "presenter": url_for("workshops.open_key", token=created.presenter_token),
            }
            return back_to("workshops.dashboard", code=created.workshop.code)
    status = 400 if form.is_submitted() else 200
    return render_template("facilitator/new.html", form=form), status


@bp.get("/k/<token>")
def open_key(token: str) -> Any:
    """Open a secret facilitator or presenter link: this browser takes that role."""
    key = services.key_for_token(token)
    if key is None:
        raise DomainError("not_found", _("This link is not valid, or it was revoked."), {}, 404)
    if key.role in access.SIGNING_ROLES:  # a signing link opens its page, nothing more
        return redirect(url_for("attendance.sign_page", code=key.workshop.code, token=token))
    current = access.staff_identity(key.workshop, session)
    # A facilitator who opens the presenter link on the same laptop stays
    # facilitator: the steering role already shows the presenter view.
    if not (key.role == access.PRESENTER and current is not None and current.can_steer):
        access.remember_key(session, key)
    code = key.workshop.code
    if key.role == access.PRESENTER:
        return redirect(url_for("presenter.present", code=code), code=303)
    return redirect(url_for("workshops.dashboard", code=code), code=303)


@bp.get("/w/<code>/facilitator")
@staff_page(steering=True)
def dashboard(workshop: Workshop, identity: access.Identity) -> str:
    """Show the facilitator's page: join details, links, sectors, live boards."""
    fresh = session.get(_FRESH_LINKS)
    links = None
    if isinstance(fresh, dict) and fresh.get("code") == workshop.code:
        links = fresh
        session.pop(_FRESH_LINKS)
    return render_template(
        "facilitator/dashboard.html",
        workshop=workshop,
        join_url=join_url(workshop),
        links=links,
        details=WorkshopForm(obj=workshop),
        cofacilitator_keys=services.keys_of(workshop, access.COFACILITATOR),
        presenter_keys=services.keys_of(workshop, access.PRESENTER),
        is_owner=identity.role == access.FACILITATOR,
        sector_form=SectorForm(),
        action=ActionForm(),
        page_config={
            **page_config(workshop, Viewer.of(identity)),
            "phase_picker": phases.picker(),  # the kinds of step the cockpit may add
        },
    )


@bp.post("/w/<code>/details")
@staff_page(steering=True)
def update_details(workshop: Workshop, identity: access.Identity) -> Any:
    """Change the workshop's details and the signature block of its activity report."""
    form = WorkshopForm()

    def change() -> None:
        services.update_details(
            workshop,
            title=form.title.data,
            date=form.date.data,
            place=form.place.data,
            organiser=form.organiser.data,
            speakers=form.speakers.data,
            language=form.language.data,
            time_zone=form.time_zone.data,
        )
        services.update_signature(
            workshop,
            services.Signature(
                place=form.report_place.data,
                date=form.report_date.data,
                position=form.signer_position.data,
                name=form.signer_name.data,
                nip=form.signer_nip.data,
            ),
        )

    if form.validate():
        return apply(
            change,
            _("Details saved."),
            "workshops.dashboard",
            code=workshop.code,
        )
    flash(_("Check the date."), "error")
    return back_to("workshops.dashboard", code=workshop.code)


@bp.post("/w/<code>/sectors")
@staff_page(steering=True)
def add_sector(workshop: Workshop, identity: access.Identity) -> Any:
    """Add a sector board."""
    form = SectorForm()
    return apply(
        lambda: services.add_sector(workshop, form.name.data),
        _("Sector added."),
        "workshops.dashboard",
        code=workshop.code,
    )


@bp.post("/w/<code>/sectors/<int:sector_id>/rename")
@staff_page(steering=True)
def rename_sector(workshop: Workshop, identity: access.Identity, sector_id: int) -> Any:
    """Rename a sector board."""
    form = SectorForm()
    return apply(
        lambda: services.rename_sector(workshop, sector_id, form.name.data),
        _("Sector renamed."),
        "workshops.dashboard",
        code=workshop.code,
    )


@bp.post("/w/<code>/sectors/<int:sector_id>/remove")
@staff_page(steering=True)
def remove_sector(workshop: Workshop, identity: access.Identity, sector_id: int) -> Any:
    """Remove an empty sector board."""
    return apply(
        lambda: services.remove_sector(workshop, sector_id),
        _("Sector removed."),
        "workshops.dashboard",
        code=workshop.code,
    )


@bp.post("/w/<code>/sectors/<int:sector_id>/move/<any(up,down):direction>")
@staff_page(steering=True)
def move_sector(
    workshop: Workshop, identity: access.Identity, sector_id: int, direction: str
) -> Any:
    """Move a sector board up or down in the order."""
    offset = -1 if direction == "up" else 1
    return apply(
        lambda: services.move_sector(workshop, sector_id, offset),
        None,
        "workshops.dashboard",
        code=workshop.code,
    )


@bp.post("/w/<code>/links/<any(facilitator,cofacilitator,presenter):role>")
@staff_page(steering=True)
def new_link(workshop: Workshop, identity: access.Identity, role: str) -> Any:
    """Make a new secret link (the old ones keep working) and show it once."""
    if role != access.PRESENTER:
        _owner_only(identity)
    with unit_of_work():
        token = services.issue_key(workshop, role)
    session[_FRESH_LINKS] = {
        "code": workshop.code,
        role: url_for("workshops.open_key", token=token),
    }
    return back_to("workshops.dashboard", code=workshop.code)


@bp.post("/w/<code>/keys/<int:key_id>/revoke")
@staff_page(steering=True)
def revoke_link(workshop: Workshop, identity: access.Identity, key_id: int) -> Any:
    """Revoke a co-facilitator or presenter link; its open pages are cut off at once."""
    _owner_only(identity)
    if key_id == identity.key_id:
        flash(_("You cannot revoke the link you are using."), "error")
        return back_to("workshops.dashboard", code=workshop.code)
    try:
        with unit_of_work():
            services.revoke_key(workshop, key_id)
    except DomainError as err:
        flash(err.message, "error")
    else:
        disconnect_key(key_id)
        flash(_("Link revoked."), "success")
    return back_to("workshops.dashboard", code=workshop.code)


def _owner_only(identity: access.Identity) -> None:
    if identity.role != access.FACILITATOR:
        raise forbidden(_("Only the main facilitator manages the steering links."))


@bp.get("/w/<code>/qr.svg")
def join_qr(code: str) -> Response:
    """The join address as a QR code, sized by whatever shows it."""
    workshop = load_workshop(code)
    buffer = io.BytesIO()
    segno.make(join_url(workshop), error="m").save(
        buffer, kind="svg", border=2, omitsize=True, xmldecl=False, title=workshop.code
    )
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=60"
    return response
