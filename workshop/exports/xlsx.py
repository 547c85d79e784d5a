"""The Excel workbook: a summary, one sheet per sector, and the action-plan matrix."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core.categories import CATEGORIES
from ..core.models import Participant
from . import matrix, progress
from .data import BottleneckRow, Results, SectorResult
from .safety import looks_like_formula

HEADER_FILL = PatternFill("solid", fgColor="0B5C56")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


def build(results: Results) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = _safe_title(_("Summary"), set())
    _summary(summary, results)
    used = {summary.title}
    for result in results.sectors:
        sheet = book.create_sheet(_safe_title(result.sector.name, used))
        used.add(sheet.title)
        _sector_sheet(sheet, result)
    plan = book.create_sheet(_safe_title(_("Action plan matrix"), used))
    cols = matrix.columns()
    _table(
        plan,
        [c.label for c in cols],
        ([row[c.key] for c in cols] for row in matrix.rows(results)),
        [c.width for c in cols],
    )
    # Just before the matrix, which stays the last sheet.
    follow_up = book.create_sheet(_safe_title(_("Follow-up"), used | {plan.title}), -1)
    _progress_sheet(follow_up, results)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _progress_sheet(sheet: Worksheet, results: Results) -> None:
    """The follow-up's progress per owner agency (exports/progress.py), under its date."""
    header, rows, widths = progress.table(results)
    sheet["A1"] = progress.as_of(results)
    sheet["A1"].font = Font(bold=True)
    _table(sheet, header, rows, widths, first_row=3, freeze=False)
    sheet.append([])
    sheet.append([_("Status history")])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    header, rows, widths = progress.history_table(results)
    start = sheet.max_row + 1
    _table(sheet, header, rows, None, first_row=start, freeze=False)
    for col, width in enumerate(widths, start=1):
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = max(sheet.column_dimensions[letter].width, width)


def _summary(sheet: Worksheet, results: Results) -> None:
    w = results.workshop
    sheet["A1"] = w.title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Date"), w.date.isoformat() if w.date else ""])
    sheet.append([_("Place"), w.place or ""])
    sheet.append([_("Organiser"), w.organiser or ""])
    sheet.append([_("Participants"), len(results.participants)])
    sheet.append([])
    start = sheet.max_row + 1
    categories = list(CATEGORIES)
    header = [_("Sector"), _("Participants"), _("Bottlenecks"), _("Solutions"), *categories]
    counts = []
    for result in results.sectors:
        per_category = {code: 0 for code in categories}
        for row in result.bottlenecks:
            if row.card.category in per_category:
                per_category[row.card.category] += 1
        counts.append(
            [
                result.sector.name,
                result.participants,
                len(result.bottlenecks),
                result.solution_count,
                *per_category.values(),
            ]
        )
    _table(sheet, header, counts, [28, 12, 12, 12] + [6] * len(categories), first_row=start)
    sheet.append([])
    sheet.append([_("Top priorities")])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    top_start = sheet.max_row + 1
    priorities = [
        [result.sector.name, row.rank, row.card.text, row.total, row.votes]
        for result, row in results.priorities()
    ]
    _table(
        sheet,
        [_("Sector"), _("Rank"), _("Bottleneck"), _("Total"), _("Votes")],
        priorities,
        None,
        first_row=top_start,
        freeze=False,
    )


def _sector_sheet(sheet: Worksheet, result: SectorResult) -> None:
    header = [
        _("Rank"),
        _("Bottleneck"),
        _("Category"),
        _("Service"),
        _("Author"),
        _("Votes"),
        "U",
        "S",
        "G",
        _("Total"),
        _("Solutions"),
    ]
    rows = [
        [
            row.rank,
            row.card.text,
            matrix.category_label(row.card.category),
            row.card.service or "",
            _author(row.author),
            row.votes,
            *_usg(row),
            row.total,
            "\n".join(f"- {s.card.text} ({s.votes})" for s in row.solutions),
        ]
        for row in result.bottlenecks
    ]
    _table(sheet, header, rows, [7, 50, 24, 20, 24, 7, 5, 5, 5, 7, 50])


def _usg(row: BottleneckRow) -> list[int | None]:
    a = row.card.assessment
    return [a.urgency, a.seriousness, a.growth] if a else [None, None, None]


def _author(person: Participant | None) -> str:
    return f"{person.name} ({person.agency})" if person else ""


def _table(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int] | None,
    *,
    first_row: int = 1,
    freeze: bool = True,
) -> None:
    """Write a styled table: header row, wrapped text, widths, autofilter."""
    for col, label in enumerate(header, start=1):
        cell = sheet.cell(row=first_row, column=col, value=label)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = WRAP
    last = first_row
    for last, values in enumerate(rows, start=first_row + 1):
        for col, value in enumerate(values, start=1):
            _put(sheet, last, col, value)
    if widths:
        for col, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = width
    if freeze and first_row == 1:
        sheet.freeze_panes = sheet.cell(row=2, column=1)
    end = f"{get_column_letter(len(header))}{max(last, first_row)}"
    if freeze or first_row == 1:
        sheet.auto_filter.ref = f"A{first_row}:{end}"


def _put(sheet: Worksheet, row: int, col: int, value: object) -> None:
    cell = sheet.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        # Never a formula: stored as text and shown with Excel's quote prefix.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
        cell.alignment = WRAP
    else:
        cell.value = value  # numbers stay numbers


def _safe_title(name: str, used: set[str]) -> str:
    base = name.translate(_BAD_SHEET_CHARS).strip()[:SHEET_NAME_MAX] or "Sheet"
    title, n = base, 2
    while title.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        title = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    return title
