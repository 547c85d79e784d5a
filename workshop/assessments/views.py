"""The question bank's Excel template and import (HTTP: a file is larger than a
socket event may be). Both for the facilitator only. The import answers like an
acknowledgement ({ok: true, count} or {ok: false, error}); the bank reaches the
screens as a `pretest.bank` broadcast after the commit."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext as _

from ..core import access
from ..core.errors import DomainError
from ..core.models import Workshop
from ..realtime.unit import unit_of_work
from ..web import staff_page
from . import bank_excel, services

bp = Blueprint("assessments", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/w/<code>/test/template.xlsx")
@staff_page(steering=True)
def template(workshop: Workshop, identity: access.Identity) -> Response:
    """The Excel template of the question bank, to fill in and import."""
    response = Response(bank_excel.template(), mimetype=XLSX)
    name = _("question-bank-template")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@bp.post("/w/<code>/test/import")
@staff_page(steering=True)
def import_bank(workshop: Workshop, identity: access.Identity) -> Any:
    """Replace the bank with the questions of an uploaded file (field `file`): all
    of them, or none with each bad row named."""
    upload = request.files.get("file")
    try:
        drafts = bank_excel.parse(upload.read(bank_excel.MAX_BYTES + 1) if upload else b"")
        with unit_of_work():
            services.replace_bank(workshop, drafts)
    except DomainError as err:
        return jsonify({"ok": False, "error": err.as_dict()}), err.http_status
    return jsonify({"ok": True, "count": len(drafts)})
