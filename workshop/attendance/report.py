"""The Word report's annex of signed attendance (Daftar Hadir): one list a day,
participants, then speakers (narasumber), then the committee (panitia), each a
table (number, name, agency, position, signature picture) on A4 portrait
pages whose header row repeats on every page, ready to print and file.

Called by one line at the end of exports/docx_report.build; python-docx has no
API for a repeated header row, so w:tblHeader is written as the XML it is."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length
from docx.table import Table, _Row
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import undefer

from ..core.models import Workshop
from ..extensions import db
from .models import COMMITTEE, PARTICIPANT, ROLES, SPEAKER, Signature

# Column widths, in cm, of the 16 cm between an A4 page's report margins.
COLUMNS = (1.1, 4.4, 3.9, 3.1, 3.5)
SIGNATURE_HEIGHT = Cm(1.1)
HEADER_FILL = "D9E5E3"


def _role_titles() -> dict[str, str]:
    return {
        PARTICIPANT: _("Participants"),
        SPEAKER: _("Speakers (narasumber)"),
        COMMITTEE: _("Committee (panitia)"),
    }


def signed(workshop: Workshop) -> bool:
    """Whether anyone signed the workshop's attendance (its lists replace the
    report's list to sign on paper)."""
    found = db.session.scalar(
        select(Signature.id).where(Signature.workshop_id == workshop.id).limit(1)
    )
    return found is not None


def add_to_report(doc: DocxDocument, workshop: Workshop, annex: Callable[[str], Any]) -> None:
    """Append the signed attendance of each day that has signatures (nothing if
    none), each an annex of its own (`annex` starts its page and numbered heading)."""
    for day, signatures in signed_days(workshop).items():
        date = workshop.date_of(day)
        title = _("Attendance list, day %(day)d", day=day)
        annex(f"{title} ({format_date(date, 'long')})" if date else title)
        add_day(doc, signatures)


def signed_days(workshop: Workshop) -> dict[int, list[Signature]]:
    """The signatures of each day that has any, by day, in the order they were
    signed, their pictures loaded (the report's annex and the Daftar Hadir
    document, exports/attendance_list.py, both write them)."""
    signatures = db.session.scalars(
        select(Signature)
        .where(Signature.workshop_id == workshop.id)
        .options(undefer(Signature.image))
        .order_by(Signature.day, Signature.signed_at, Signature.id)
    )
    days: dict[int, list[Signature]] = {}
    for signature in signatures:
        days.setdefault(signature.day, []).append(signature)
    return days


def add_day(doc: DocxDocument, signatures: Sequence[Signature]) -> None:
    """One day's list: participants, then speakers, then the committee, each
    under its heading in a table of its own (a role nobody signed as is left out)."""
    for role in ROLES:
        people = [s for s in signatures if s.role == role]
        if people:
            doc.add_heading(_role_titles()[role], level=2)
            _table(doc, people)


def _table(doc: DocxDocument, people: Sequence[Signature]) -> Table:
    header = (_("No."), _("Name"), _("Agency"), _("Position"), _("Signature"))
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.autofit = False
    widths = [Cm(w) for w in COLUMNS]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for cell, label, width in zip(grid.rows[0].cells, header, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(label).bold = True
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), HEADER_FILL)
        cell._tc.get_or_add_tcPr().append(shading)
    _flags(grid.rows[0], "w:cantSplit", "w:tblHeader")
    for n, person in enumerate(people, start=1):
        row = grid.add_row()
        _flags(row, "w:cantSplit")
        values = (str(n), person.name, person.agency, person.position or "")
        for cell, value, width in zip(row.cells, values, widths, strict=False):
            cell.width = width
            cell.text = value
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _picture(row, person, widths[-1])
    return grid


def _picture(row: _Row, person: Signature, column: Length) -> None:
    """The signature, at a signature's height, never wider than its column."""
    cell = row.cells[-1]
    cell.width = column
    room = column - int(Cm(0.4))
    height = int(SIGNATURE_HEIGHT)
    width = height * person.width // max(person.height, 1)
    if width > room:
        width, height = room, room * person.height // max(person.width, 1)
    run = cell.paragraphs[0].add_run()
    run.add_picture(io.BytesIO(person.image), width=Emu(width), height=Emu(height))


def _flags(row: _Row, *tags: str) -> None:
    # In w:trPr's order (ECMA-376 CT_TrPrBase): cantSplit, then tblHeader.
    properties = row._tr.get_or_add_trPr()
    for tag in tags:
        properties.append(OxmlElement(tag))
