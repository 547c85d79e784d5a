"""Downloads for the facilitator, at any moment of the session."""

from __future__ import annotations

from flask import Blueprint, Response, request

from ..core.access import Identity
from ..core.models import Workshop
from ..core.rules import KIPP_TOP_RANGE
from ..web import staff_page
from .services import FORMATS, export, report_css, style_hash

bp = Blueprint("exports", __name__)


@bp.get("/w/<code>/export/<any(" + ",".join(FORMATS) + "):fmt>")
@staff_page(steer=True)
def download(workshop: Workshop, identity: Identity, fmt: str) -> Response:
    """Send one export; the HTML report opens in the browser, ready to print."""
    top = request.args.get("top", default=3, type=int) or 3
    low, high = KIPP_TOP_RANGE
    result = export(workshop, fmt, top=max(low, min(top, high)))
    response = Response(result.content, mimetype=result.mimetype)
    disposition = "inline" if fmt == "html" else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{result.filename}"'
    response.headers["Cache-Control"] = "no-store"
    if fmt == "html":
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; style-src {style_hash(report_css())}; img-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )
    return response
