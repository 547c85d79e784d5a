"""The phone's follow-up page, and the facilitator's buttons for the workshop's life."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask_babel import gettext as _

from ..core import access
from ..core.lifecycle import ARCHIVED, FOLLOW_UP, TRANSITIONS
from ..core.models import Participant, Workshop
from ..realtime.policy import participant_view
from ..web import apply, page_config, participant_page, staff_page
from . import lifecycle
from .services import agency_key, status_labels

bp = Blueprint("followup", __name__)
# The statuses' words on every page, as in the documents (services.status_labels).
bp.add_app_template_global(status_labels, "follow_up_status_labels")


@bp.get("/w/<code>/follow-up")
@participant_page
def phone(workshop: Workshop, participant: Participant) -> str:
    """Show the phone's follow-up page: their agency's action plans, a status each."""
    config = page_config(
        workshop, participant_view(participant.id), participant, sector_id=participant.sector_id
    )
    config["viewer"]["agency"] = participant.agency
    config["viewer"]["agency_key"] = agency_key(participant.agency)
    return render_template(
        "participant/follow_up.html",
        workshop=workshop,
        participant=participant,
        page_config=config,
        open=workshop.state == FOLLOW_UP,
        archived=workshop.state == ARCHIVED,
    )


_DONE = {
    "end": lambda: _("The workshop has ended: posting is closed."),
    "resume": lambda: _("The workshop is running again."),
    "follow_up": lambda: _("Reopened for the follow-up meeting."),
    "archive": lambda: _("Archived: the workshop is read-only now."),
    "unarchive": lambda: _("Taken out of the archive."),
}


@bp.post("/w/<code>/state/<any(" + ",".join(TRANSITIONS) + "):action>")
@staff_page(steering=True)
def change(workshop: Workshop, identity: access.Identity, action: str) -> Any:
    """End, reopen for follow-up, archive or un-archive the workshop."""
    return apply(
        lambda: lifecycle.change_state(workshop, identity, action),
        _DONE[action](),
        "workshops.dashboard",
        code=workshop.code,
    )
