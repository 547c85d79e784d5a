"""The sector board page on a participant's phone."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from ..core.lifecycle import FOLLOW_UP
from ..core.models import COLLECTS, Participant, Workshop
from ..facilitation.phases import DEFAULT_PHASES
from ..i18n import current_language
from ..realtime.policy import participant_view
from ..web import page_config, participant_page

bp = Blueprint("boards", __name__)

# Where the phone's board page is in the workshop states that have it elsewhere:
# reopened for the follow-up meeting, a phone reports on its agency's plans there.
# The page is told the same (page config `elsewhere`) for a change while it is open.
ELSEWHERE = {FOLLOW_UP: "followup.phone"}


@bp.get("/w/<code>/board")
@participant_page
def board(workshop: Workshop, participant: Participant) -> Any:
    """Show the phone's board page; cards arrive over the socket."""
    elsewhere = {state: url_for(page, code=workshop.code) for state, page in ELSEWHERE.items()}
    if workshop.state in elsewhere:
        return redirect(elsewhere[workshop.state], code=303)
    requested = request.args.get("sector", type=int)
    sector = workshop.sector(requested) if requested else None
    if sector is None:
        sector = workshop.sector(participant.sector_id or 0) or workshop.active_sectors[0]
    config = page_config(
        workshop, participant_view(participant.id), participant, sector_id=sector.id
    )
    config["default_phases"] = default_phases(current_language())
    config["elsewhere"] = elsewhere
    # Which flag of a phase says it collects each kind of card: the page names
    # the phase in which closed posting opens again.
    config["collects"] = COLLECTS
    return render_template(
        "participant/board.html", workshop=workshop, participant=participant, page_config=config
    )


def default_phases(language: str) -> dict[str, dict[str, Any]]:
    """The default phases' names and prompts, stored in the workshop's language when
    it was created: the phone shows one that is still as stored in this viewer's
    language; a name or prompt the facilitator typed is shown as typed."""
    english = language == "en"
    return {
        t.kind: {
            "names": [t.name_id, t.name_en],
            "prompts": [t.prompt_id, t.prompt_en],
            "name": t.name_en if english else t.name_id,
            "prompt": t.prompt_en if english else t.prompt_id,
        }
        for t in DEFAULT_PHASES
    }
