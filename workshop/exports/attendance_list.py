"""The signed attendance (Daftar Hadir) as a document of its own: the
accountability file (SPJ) of a Bimtek files each day's signed list as it is.

One list a day that has signatures, each starting a portrait A4 page under
DAFTAR HADIR, the workshop's title, the day and its date and the place; then
the same tables and signature pictures as the activity report's annex
(attendance/report.py): participants, speakers, committee. Without any
signature, one page says so (the list to sign on paper is then an annex of
the activity report)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from flask_babel import gettext as _

from ..attendance import report as attendance
from ..core.models import Workshop
from ..core.timeutil import format_date_in
from ..i18n import workshop_dates
from . import docx_layout as layout
from .docx_report import properties


def build(workshop: Workshop) -> bytes:
    """The document's bytes: a list a signed day, or one page saying none was signed."""
    doc = Document()
    layout.set_up(doc)
    layout.page_numbers(doc.sections[0], start=1)
    days = attendance.signed_days(workshop)
    for n, (day, signatures) in enumerate(days.items()):
        if n:
            layout.new_section(doc)
        _head(doc, workshop, day)
        attendance.add_day(doc, signatures)
    if not days:
        _head(doc, workshop, None)
        doc.add_paragraph(
            _(
                "Nobody signed the attendance in Urai for this workshop: the list "
                "to sign on paper is an annex of the activity report."
            )
        )
    properties(doc, workshop)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _head(doc: DocxDocument, workshop: Workshop, day: int | None) -> None:
    """DAFTAR HADIR, the workshop's title, the day and date (all its dates when
    no day is signed) and the place, centred."""
    heading = doc.add_heading(_("Attendance list"), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].font.all_caps = True
    _centred(doc, workshop.title, bold=True)
    if day is None:
        when = workshop_dates(workshop, workshop.language)
    else:
        date = workshop.date_of(day)
        when = (
            _("Day %(n)d, %(date)s", n=day, date=format_date_in(date, workshop.language))
            if date
            else _("Day %(n)d", n=day)
        )
    for line in (when, workshop.place):
        if line:
            _centred(doc, line)
    doc.paragraphs[-1].paragraph_format.space_after = Pt(12)


def _centred(doc: DocxDocument, text: str, *, bold: bool = False) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold
