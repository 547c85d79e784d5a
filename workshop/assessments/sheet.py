"""The workbook's sheet of the pre-test and post-test: each participant's scores
and gain, the averages, and each question's share right. Called by one line in
exports/xlsx.build; nothing is added when nobody took a test."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ..core.models import Workshop
from . import services

HEADER_FILL = PatternFill("solid", fgColor="D9E5E3")


def add_to_workbook(book: Workbook, workshop: Workshop) -> None:
    """A sheet "Pre-test and post-test" before the last (the matrix stays last)."""
    summary = services.results(workshop)
    if not summary["people"]:
        return
    sheet = book.create_sheet(_("Pre-test and post-test")[:31], len(book.worksheets) - 1)
    average = summary["average"]
    rows: list[tuple[Sequence[object], bool]] = [
        ([_("Pre-test and post-test results")], True),
        ([_("Questions"), summary["total"]], False),
        ([], False),
        ([_("No."), _("Name"), _("Agency"), _("Pre-test"), _("Post-test"), _("Gain")], True),
        *(
            ([n, p["name"], p["agency"], p["pre"], p["post"], p["gain"]], False)
            for n, p in enumerate(summary["people"], start=1)
        ),
        (["", _("Average"), "", average["pre"], average["post"], average["gain"]], True),
        ([], False),
        ([_("No."), _("Test question"), _("Right, pre-test (%)"), _("Right, post-test (%)")], True),
        *(
            ([n, q["text"], q["pre"], q["post"]], False)
            for n, q in enumerate(summary["questions"], start=1)
        ),
    ]
    for number, (values, header) in enumerate(rows, start=1):
        _row(sheet, number, values, header)
    for col, width in zip("ABCDEF", (6, 45, 28, 14, 14, 10), strict=True):
        sheet.column_dimensions[col].width = width


def _row(sheet: Worksheet, number: int, values: Sequence[object], header: bool) -> None:
    """A row; text is stored as text, never run as a formula (a name "=1+1" stays so)."""
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=number, column=col)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
        if header:
            cell.font = Font(bold=True)
            if number > 1:
                cell.fill = HEADER_FILL
