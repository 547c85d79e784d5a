"""The proposal workspace page: the same page on a phone (its sector's proposals,
a section at a time) and on the facilitator's laptop (every proposal, and the
solutions to promote). Everything on it arrives over the socket."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from ..core import access
from ..core.models import Workshop
from ..i18n import current_language
from ..realtime.policy import Viewer
from ..web import load_workshop, page_config
from . import iid
from .models import SECTION_MAX, TITLE_MAX
from .services import SCORE_RANGE, rubric_choices

bp = Blueprint("proposals", __name__)


@bp.get("/w/<code>/proposals")
def workspace(code: str) -> str | Response:
    """Show the proposals of a board (a phone) or of every board (the facilitator)."""
    workshop = load_workshop(code)
    identity = access.identity_of(workshop, session)
    if identity is None:
        return redirect(url_for("participants.join", code=workshop.code))
    participant = access.participant_of(workshop, session) if not identity.is_staff else None
    viewer = Viewer.of(identity)
    sector_id = _board(workshop, participant.sector_id if participant else None)
    config = page_config(
        workshop, viewer, participant, sector_id=sector_id if viewer.watches_one_board() else None
    )
    config["proposals"] = {
        "limits": {"section": SECTION_MAX, "title": TITLE_MAX},
        "score_range": list(SCORE_RANGE),
        "draft_url": url_for("exports.proposal_draft", code=workshop.code, proposal_id=0)[
            : -len("0.docx")
        ],
        "open": request.args.get("p", type=int),
        "iid_fields": iid.fields_config(),
        "rubrics": rubric_choices(current_language()) if viewer.steering else [],
    }
    back = (
        url_for("boards.board", code=workshop.code, sector=sector_id)
        if participant
        else url_for("workshops.dashboard", code=workshop.code)
        if viewer.steering
        else None
    )
    return render_template(
        "proposals/workspace.html", workshop=workshop, page_config=config, back=back
    )


def _board(workshop: Workshop, own: int | None) -> int:
    """The board whose proposals a phone shows: the one asked for, else its own."""
    requested = request.args.get("sector", type=int)
    sector = workshop.sector(requested) if requested else None
    sector = sector or workshop.sector(own or 0) or workshop.active_sectors[0]
    return sector.id
