"""The sector board page on a participant's phone."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from ..core.models import Participant, Workshop
from ..realtime.policy import participant_view
from ..web import page_config, participant_page

bp = Blueprint("boards", __name__)


@bp.get("/w/<code>/board")
@participant_page
def board(workshop: Workshop, participant: Participant) -> str:
    """Show the phone's board page; cards arrive over the socket."""
    requested = request.args.get("sector", type=int)
    sector = workshop.sector(requested) if requested else None
    if sector is None:
        sector = workshop.sector(participant.sector_id or 0) or workshop.active_sectors[0]
    return render_template(
        "participant/board.html",
        workshop=workshop,
        participant=participant,
        page_config=page_config(
            workshop, participant_view(participant.id), participant, sector_id=sector.id
        ),
    )
