"""One entry point for every export: the facilitator's page and the CLI call `export`."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from ..core.categories import category_labels
from ..core.errors import invalid
from ..core.models import Workshop
from ..proposals.models import Proposal
from . import (
    attendance_list,
    csv_export,
    docx_report,
    iid,
    json_export,
    kipp,
    matrix,
    organiser,
    xlsx,
)
from .data import gather

FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "kipp": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "html": ("text/html; charset=utf-8", "html"),
    "iid": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    # Each day's signed attendance list (Daftar Hadir) on its own pages (attendance_list.py).
    "attendance": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    # The organiser's file: the report with its annexes, the matrix, the KIPP
    # drafts, the IID profiles and the attendance lists in one zip (organiser.py).
    "zip": ("application/zip", "zip"),
}


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    mimetype: str


def export(workshop: Workshop, fmt: str, *, top: int = 3) -> Export:
    """Build one document in the workshop's language, as it stands right now."""
    if fmt not in FORMATS:
        raise invalid(_("Unknown export format."), format=", ".join(FORMATS))
    mimetype, extension = FORMATS[fmt]
    with force_locale(workshop.language):
        content = _build(workshop, fmt, top)
    stem = {
        "kipp": "proposal-kipp",
        "docx": "laporan",
        "iid": "profil-iid",
        "zip": "berkas-penyelenggara",
        "attendance": "daftar-hadir",
    }.get(fmt, "urai")
    return Export(content, f"{stem}-{_slug(workshop.title)}-{workshop.code}.{extension}", mimetype)


def proposal_export(workshop: Workshop, proposal: Proposal) -> Export:
    """One proposal's KIPP draft in Word, in the workshop's language, as it stands now."""
    mimetype, extension = FORMATS["kipp"]
    with force_locale(workshop.language):
        content = kipp.build_proposal(workshop, proposal)
    name = f"proposal-kipp-{_slug(proposal.title)}-{workshop.code}-{proposal.id}.{extension}"
    return Export(content, name, mimetype)


def _build(workshop: Workshop, fmt: str, top: int) -> bytes:
    if fmt == "json":
        return json_export.build(workshop)
    if fmt == "iid":
        return iid.build(workshop)
    if fmt == "zip":
        return organiser.build(workshop, top=top)
    if fmt == "attendance":
        return attendance_list.build(workshop)
    results = gather(workshop)
    if fmt == "xlsx":
        return xlsx.build(results)
    if fmt == "csv":
        return csv_export.build(results)
    if fmt == "docx":
        return docx_report.build(results)
    if fmt == "kipp":
        return kipp.build(results, top=top)
    html = render_template(
        "exports/report.html",
        css=report_css(),
        results=results,
        columns=matrix.columns(),
        rows=list(matrix.rows(results)),
        category_label=lambda code: category_labels().get(code, "") if code else "",
    )
    return html.encode("utf-8")


def report_css() -> str:
    """The report's stylesheet, put inside the file so it prints right wherever it is opened."""
    return (Path(current_app.static_folder or "static") / "css" / "report.css").read_text(
        encoding="utf-8"
    )


def style_hash(css: str) -> str:
    """The CSP source that allows exactly this inline stylesheet."""
    digest = hashlib.sha256(css.encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


SLUG_MAX = 40


def _slug(title: str) -> str:
    """The title in a file name: lower case words joined by "-", cut after a whole
    word, never inside one (a single longer word is cut at SLUG_MAX)."""
    words = re.sub(r"[^a-z0-9]+", " ", title.lower()).split()
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > SLUG_MAX:
            break
        slug = longer
    return slug or (words[0][:SLUG_MAX] if words else "workshop")
