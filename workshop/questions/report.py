"""The speakers' questions in the Word report: one annex of minutes (notulen) per
session, with the speaker's name, the topic, and the approved questions by upvotes,
answered or not, with the answer noted. Nobody behind an anonymous question is
named (the policy's REPORT view)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.shared import Cm
from flask_babel import gettext as _

from ..core.models import Workshop
from ..realtime.policy import REPORT_VIEW
from .services import questions_of, sessions_of

# Column widths of the minutes' table (cm: the 16 cm of an A4 portrait page's text),
# in the report's table text style (exports/docx_layout.py) where the document has it.
WIDTHS = (1.0, 6.0, 2.8, 2.4, 3.8)
TABLE_STYLE = "Table Text"


def minutes(workshop: Workshop) -> list[dict[str, Any]]:
    """Each session with approved questions: its phase, speaker, topic and questions,
    the most upvoted first (then the oldest)."""
    names = {p.id: p.name for p in workshop.phases}
    shown = (REPORT_VIEW.question(data) for _q, data in questions_of(workshop))
    by_phase: dict[int, list[dict[str, Any]]] = {}
    for question in shown:
        if question is not None:
            by_phase.setdefault(question["phase_id"], []).append(question)
    out = []
    for session in sessions_of(workshop):
        asked = by_phase.get(session["phase_id"], [])
        if asked:
            asked.sort(key=lambda q: (-q["votes"], q["id"]))
            out.append({**session, "phase": names.get(session["phase_id"]), "questions": asked})
    return out


def add_to_report(doc: DocxDocument, workshop: Workshop, annex: Callable[[str], Any]) -> None:
    """Append the minutes of every question session, on portrait pages of their own."""
    sessions = minutes(workshop)
    if not sessions:
        return
    annex(_("Minutes of the questions to the speakers"))
    for session in sessions:
        _session(doc, session)


def _session(doc: DocxDocument, session: dict[str, Any]) -> None:
    speaker = session["speaker"] or _("Speaker not named")
    doc.add_heading(_("Questions to %(speaker)s", speaker=speaker), level=2)
    if session["topic"]:
        doc.add_paragraph(_("Topic: %(topic)s", topic=session["topic"]))
    if session["phase"]:
        doc.add_paragraph(_("Agenda step: %(name)s", name=session["phase"]))
    header = [_("No."), _("Question"), _("Asked by"), _("Upvotes"), _("Answer")]
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.autofit = False  # fixed: Word and LibreOffice keep the widths
    for column, width in zip(grid.columns, WIDTHS, strict=True):
        column.width = Cm(width)
    # The header row repeats on every page the minutes run onto, as the report's other tables.
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    style = TABLE_STYLE if any(s.name == TABLE_STYLE for s in doc.styles) else None
    for cell, label, width in zip(grid.rows[0].cells, header, WIDTHS, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].style = style
        cell.paragraphs[0].add_run(label).bold = True
    for n, question in enumerate(session["questions"], start=1):
        author = question["author"]
        asked_by = author["name"] if author and author.get("name") else _("Anonymous")
        answered = _("Answered") if question["answered"] else _("Not answered")
        note = question["answer_note"]
        values = [
            n,
            question["text"],
            asked_by,
            question["votes"],
            f"{answered}. {note}" if note else answered,
        ]
        row = grid.add_row()
        for cell, value, width in zip(row.cells, values, WIDTHS, strict=True):
            cell.width = Cm(width)
            cell.text = str(value)
            cell.paragraphs[0].style = style
