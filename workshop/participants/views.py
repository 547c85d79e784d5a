"""Joining a workshop from a phone."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, render_template, request, session
from wtforms import SelectChoice

from ..core import access
from ..core.errors import DomainError
from ..followup.services import known_agencies
from ..realtime.unit import unit_of_work
from ..web import back_to, load_workshop, show_errors
from . import services
from .forms import JoinForm

bp = Blueprint("participants", __name__)


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code: str) -> Any:
    """Ask for name, agency, position and sector; a returning phone keeps its identity."""
    workshop = load_workshop(code)
    returning = access.participant_of(workshop, session)
    form = JoinForm(obj=returning if request.method == "GET" else None)
    form.sector_id.choices = [SelectChoice(s.id, s.name) for s in workshop.active_sectors]
    if not form.join_token.data:
        form.join_token.data = secrets.token_urlsafe(18)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                participant = services.join(
                    workshop,
                    name=form.name.data,
                    agency=form.agency.data,
                    position=form.position.data,
                    sector_id=form.sector_id.data,
                    returning=returning,
                    join_token=form.join_token.data,
                )
        except DomainError as err:
            show_errors(form, err)
        else:
            access.remember_participant(session, participant)
            return back_to("boards.board", code=workshop.code)
    status = 400 if request.method == "POST" else 200
    # The agencies named so far, offered as the phone types: the same spelling
    # for the same agency, so that the follow-up finds its people.
    agencies = known_agencies(workshop)
    if agencies:
        form.agency.render_kw = {**(form.agency.render_kw or {}), "list": "agencies"}
    return render_template(
        "participant/join.html",
        workshop=workshop,
        form=form,
        returning=returning,
        agencies=agencies,
    ), status
