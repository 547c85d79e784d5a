"""Downloads for the facilitator, at any moment of the session."""

from __future__ import annotations

from flask import Blueprint, Response, request, session
from flask_babel import gettext as _

from ..core import access
from ..core.access import Identity
from ..core.errors import forbidden
from ..core.models import Workshop
from ..core.rules import KIPP_TOP_RANGE
from ..proposals.services import proposal_readable
from ..web import load_workshop, staff_page
from .services import FORMATS, Export, export, proposal_export, report_css, style_hash

bp = Blueprint("exports", __name__)


@bp.get("/w/<code>/export/<any(" + ",".join(FORMATS) + "):fmt>")
@staff_page(steering=True)
def download(workshop: Workshop, identity: Identity, fmt: str) -> Response:
    """Send one export; the HTML report opens in the browser, ready to print."""
    top = request.args.get("top", default=3, type=int) or 3
    low, high = KIPP_TOP_RANGE
    result = export(workshop, fmt, top=max(low, min(top, high)))
    response = _send(result, inline=fmt == "html")
    if fmt == "html":
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; style-src {style_hash(report_css())}; img-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )
    return response


@bp.get("/w/<code>/proposals/<int:proposal_id>.docx")
def proposal_draft(code: str, proposal_id: int) -> Response:
    """Send one proposal's Word draft to anyone in the workshop who may read it."""
    workshop = load_workshop(code)
    identity = access.identity_of(workshop, session)
    if identity is None:
        raise forbidden(_("Join the workshop first."))
    proposal = proposal_readable(workshop, identity, proposal_id)
    return _send(proposal_export(workshop, proposal), inline=False)


def _send(result: Export, *, inline: bool) -> Response:
    response = Response(result.content, mimetype=result.mimetype)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{result.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
