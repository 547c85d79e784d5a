"""The sector board page on a participant's phone."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from ..core.lifecycle import FOLLOW_UP
from ..core.models import Participant, Workshop
from ..realtime.policy import participant_view
from ..web import page_config, participant_page

bp = Blueprint("boards", __name__)


@bp.get("/w/<code>/board")
@participant_page
def board(workshop: Workshop, participant: Participant) -> Any:
    """Show the phone's board page; cards arrive over the socket."""
    if workshop.state == FOLLOW_UP:
        return redirect(url_for("followup.phone", code=workshop.code), code=303)
    requested = request.args.get("sector", type=int)
    sector = workshop.sector(requested) if requested else None
    if sector is None:
        sector = workshop.sector(participant.sector_id or 0) or workshop.active_sectors[0]
    config = page_config(
        workshop, participant_view(participant.id), participant, sector_id=sector.id
    )
    # Where the phone goes when the facilitator reopens the workshop for follow-up.
    config["follow_up_url"] = url_for("followup.phone", code=workshop.code)
    return render_template(
        "participant/board.html", workshop=workshop, participant=participant, page_config=config
    )
