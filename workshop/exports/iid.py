"""The Indeks Inovasi Daerah workbook: each proposal's IID profile
(proposals/iid.py), for the regency's report of its innovations to Kemendagri.

The first sheet has one row an innovation, under the IID form's field names,
the way the IID portal asks for them: dates are date cells shown in
Indonesian ("8 Desember 2026"), choices as the form words them. It prints its
short columns (the name to the dates) as an overview on one landscape page;
then each innovation has a sheet of its own, the field names down the left
and the full texts beside them, one paragraph a row, printed on A4 portrait.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core.models import Workshop
from ..proposals import iid
from ..proposals.models import DRAFT
from ..proposals.services import proposals_of
from .safety import looks_like_formula

FONT = "Calibri"
SIZE = 10
HEADER_FILL = PatternFill("solid", fgColor="0B5C56")
HEADER_FONT = Font(name=FONT, size=SIZE, bold=True, color="FFFFFF")
BODY_FONT = Font(name=FONT, size=SIZE)
LABEL_FONT = Font(name=FONT, size=SIZE, bold=True)
TITLE_FONT = Font(name=FONT, size=13, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
_THIN = Side(style="thin", color="9AA5A3")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# "[$-421]": Indonesian (LCID 0x0421), so the month is written as a letter writes it.
DATE_FORMAT = "[$-421]d mmmm yyyy"
LINE = 13.0  # points a line of 10 pt text takes
CHARS_PER_WIDTH = 1.35  # letters of 10 pt text a unit of column width holds
ROW_MAX = 409.0
# The overview's columns, in characters; a long text gets a wide column.
WIDTHS = {iid.TEXT: 24, iid.CHOICE: 16, iid.DATE: 15, iid.LONG: 60}
OVERVIEW_LAST = next(i for i, f in enumerate(iid.FIELDS) if f.kind == iid.LONG) + 1
FORM_WIDTHS = (26, 64)


def build(workshop: Workshop) -> bytes:
    proposals = [p for p in proposals_of(workshop) if p.status == DRAFT]
    profiles = [iid.profile_of(workshop, p) for p in proposals]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("IID profiles")[:31]
    _overview(sheet, workshop, profiles)
    for number, profile in enumerate(profiles, start=1):
        name = f"{number}. {profile['nama']}".translate(str.maketrans("[]:*?/\\", "       "))
        _form(book.create_sheet(name[:31].strip()), workshop, profile)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _overview(sheet: Worksheet, workshop: Workshop, profiles: list[dict[str, str]]) -> None:
    header = ["No", *(f.name for f in iid.FIELDS)]
    widths = [5, *(WIDTHS[f.kind] for f in iid.FIELDS)]
    for col, (label, width) in enumerate(zip(header, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=col, value=label)
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, WRAP, GRID
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.row_dimensions[1].height = _height(header, widths)
    for row, profile in enumerate(profiles, start=2):
        values: list[object] = [row - 1, *(_value(f, profile[f.key]) for f in iid.FIELDS)]
        for col, value in enumerate(values, start=1):
            _put(sheet.cell(row=row, column=col), value)
        # The short columns that print decide the height; the long texts are read on screen
        # and printed on each innovation's own sheet.
        sheet.row_dimensions[row].height = _height(values[:OVERVIEW_LAST], widths)
    if not profiles:
        note = sheet.cell(row=2, column=2, value=_("No proposal is being written yet."))
        note.font = BODY_FONT
    sheet.freeze_panes = "C2"
    last = max(2, len(profiles) + 1)
    sheet.print_area = f"A1:{get_column_letter(OVERVIEW_LAST)}{last}"
    sheet.print_title_rows = "1:1"
    _page(sheet, workshop, landscape=True)


def _form(sheet: Worksheet, workshop: Workshop, profile: dict[str, str]) -> None:
    for col, width in enumerate(FORM_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    title = sheet.cell(row=1, column=1, value=_("Regional innovation profile"))
    title.font = TITLE_FONT
    row = 3
    for field in iid.FIELDS:
        value = _value(field, profile[field.key])
        parts: list[object] = (
            [p for p in value.split("\n") if p.strip()] if isinstance(value, str) else [value]
        ) or [""]
        label = sheet.cell(row=row, column=1, value=field.name)
        label.font, label.alignment = LABEL_FONT, WRAP
        if len(parts) > 1:
            sheet.merge_cells(
                start_row=row, start_column=1, end_row=row + len(parts) - 1, end_column=1
            )
        for part in parts:
            _put(sheet.cell(row=row, column=2), part)
            texts = [field.name if part is parts[0] else "", part]
            sheet.row_dimensions[row].height = _height(texts, FORM_WIDTHS)
            row += 1
        for r in range(row - len(parts), row):
            sheet.cell(row=r, column=1).border = GRID
            sheet.cell(row=r, column=2).border = GRID
    sheet.print_area = f"A1:B{row - 1}"
    _page(sheet, workshop, landscape=False)


def _value(field: iid.Field, raw: str) -> object:
    if field.kind == iid.DATE:
        return dt.date.fromisoformat(raw) if raw else ""
    if field.kind == iid.CHOICE:
        return field.label_of(raw)
    return raw


def _put(cell: Cell, value: object) -> None:
    cell.font, cell.alignment = BODY_FONT, WRAP
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never a formula
        cell.quotePrefix = looks_like_formula(value)
    else:
        cell.value = value
    cell.border = GRID


def _height(values: Sequence[object], widths: Sequence[int]) -> float:
    """About how tall a row must be to show its text wrapped in these widths."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            per_line = max(1, int(width * CHARS_PER_WIDTH))
            wrapped = sum(max(1, -(-len(p) // per_line)) for p in value.split("\n"))
            lines = max(lines, wrapped)
    return min(LINE * lines + 4, ROW_MAX)


def _page(sheet: Worksheet, workshop: Workshop, *, landscape: bool) -> None:
    setup = sheet.page_setup
    setup.orientation = sheet.ORIENTATION_LANDSCAPE if landscape else sheet.ORIENTATION_PORTRAIT
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    sheet.oddHeader.left.text = workshop.title[:120].replace("&", "&&")
    sheet.oddHeader.left.size = 9
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.left.size = 9
    sheet.oddFooter.right.text = "&P / &N"
    sheet.oddFooter.right.size = 9
