"""The sector board page on a participant's phone."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from ..participants.models import Participant
from ..web import participant_page
from ..workshops.models import Workshop
from . import services
from .categories import category_labels

bp = Blueprint("boards", __name__)


@bp.get("/w/<code>/board")
@participant_page
def board(workshop: Workshop, participant: Participant) -> str:
    """Show the phone's board page; cards arrive over the socket."""
    requested = request.args.get("sector", type=int)
    sector = workshop.sector(requested) if requested else None
    if sector is None:
        sector = workshop.sector(participant.sector_id or 0) or workshop.active_sectors[0]
    config = {
        "code": workshop.code,
        "participant": {
            "id": participant.id,
            "name": participant.name,
            "sector_id": participant.sector_id,
        },
        "sector_id": sector.id,
        "sectors": [s.as_dict() for s in workshop.active_sectors],
        "categories": category_labels(),
        "limits": {"text": services.TEXT_MAX, "service": services.SERVICE_MAX},
    }
    return render_template(
        "participant/board.html", workshop=workshop, participant=participant, config=config
    )
