"""The projector's view: every sector board, the join code and QR, live counts."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..core.access import Identity
from ..core.models import Workshop
from ..realtime.policy import Viewer
from ..web import join_url, page_config, staff_page
from .services import join_state

bp = Blueprint("presenter", __name__)


@bp.get("/w/<code>/present")
@staff_page(steering=False)
def present(workshop: Workshop, identity: Identity) -> str:
    """Show the presenter view; cards and counts arrive over the socket."""
    return render_template(
        "presenter/present.html",
        workshop=workshop,
        join_url=join_url(workshop),
        page_config=page_config(workshop, Viewer.of(identity)),
        # A projector that opens (or reloads) during a phase whose QR the
        # facilitator brought up shows it too; later changes come as `join.shown`.
        join_shown=join_state(workshop),
    )
