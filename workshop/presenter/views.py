"""The projector's view: every sector board, the join code and QR, live counts."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..access import Identity
from ..boards.categories import category_labels
from ..web import join_url, staff_page
from ..workshops.models import Workshop

bp = Blueprint("presenter", __name__)


@bp.get("/w/<code>/present")
@staff_page(steer=False)
def present(workshop: Workshop, identity: Identity) -> str:
    """Show the presenter view; cards and counts arrive over the socket."""
    config = {"code": workshop.code, "categories": category_labels()}
    return render_template(
        "presenter/present.html", workshop=workshop, join_url=join_url(workshop), config=config
    )
