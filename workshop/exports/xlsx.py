"""The Excel workbook: a summary, one sheet per sector, and the action-plan matrix.

Every sheet is set up to print: A4 landscape, fitted to the page's width (as
many pages down as it takes), its header row repeated on each page, the table
as the print area, and a header and footer with the workshop, the sheet and
the page number."""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Iterable, Sequence

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..assessments.sheet import add_to_workbook as _assessments_sheet
from ..core.categories import CATEGORIES
from ..core.models import Participant
from ..core.timeutil import EXCEL_DATE, EXCEL_DATETIME, utcnow
from . import matrix, progress
from .data import BottleneckRow, Results, SectorResult
from .safety import looks_like_formula

HEADER_FILL = PatternFill("solid", fgColor="0B5C56")
# The workbook's own font, named on every styled cell: a font without a name is
# shown in another program's default (a serif, in LibreOffice).
FONT = "Calibri"
HEADER_FONT = Font(name=FONT, size=11, bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
_THIN = Side(style="thin", color="9AA5A3")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
UPRIGHT = Alignment(text_rotation=90, wrap_text=True, vertical="bottom", horizontal="center")
DEFAULT_WIDTH = 8.43  # a column's width when none is set, in characters
# Row heights, in points, for the default 11 pt text; proportional text fits a
# few more letters on a line than the width (counted in digits) says.
LINE_HEIGHT = 14.0
CHARS_PER_WIDTH = 1.05
UPRIGHT_CHAR = 6.5
BOLD_WIDTH = 1.15  # a bold letter, in digits of the default font
ROW_HEIGHT_MAX = 409.0  # Excel's largest row height
# A header or footer section is at most 255 characters in Excel.
HEADER_TITLE_MAX = 120
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
        if not result.bottlenecks:
            continue  # a sheet of a header alone would print a page of it
        sheet = book.create_sheet(_safe_title(result.sector.name, used))
        used.add(sheet.title)
        _sector_sheet(sheet, result)
    follow_up = book.create_sheet(_safe_title(_("Follow-up"), used))
    used.add(follow_up.title)
    _progress_sheet(follow_up, results)
    _assessments_sheet(book, results.workshop)  # pretest, posttest (issue 28)
    # The matrix, last: its analysis, plan and follow-up, each one page wide.
    for title, cols, rows in (
        (_("Matrix (1) Analysis"), matrix.analysis_columns(), matrix.analysis_rows(results)),
        (_("Matrix (2) Action plan"), matrix.plan_columns(), matrix.plan_rows(results)),
        (_("Matrix (3) Follow-up"), matrix.follow_up_columns(), matrix.follow_up_rows(results)),
    ):
        plan = book.create_sheet(_safe_title(title, used))
        used.add(plan.title)
        _table(
            plan,
            [c.label for c in cols],
            ([_cell(row, c.key) for c in cols] for row in rows),
            [c.width for c in cols],
        )
    for sheet in book.worksheets:
        _print_setup(sheet, results.workshop.title)
        _date_formats(sheet, results.workshop.language)
    _properties(book, results)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(row: dict[str, object], key: str) -> object:
    """A matrix row's value for a sheet: a deadline as a real date cell."""
    return row["deadline_date"] if key == "deadline" else row[key]


def _date_formats(sheet: Worksheet, language: str) -> None:
    """Dates and times are real cells, shown the Indonesian way ("8 Desember 2026")."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = EXCEL_DATETIME.get(language, EXCEL_DATETIME["id"])
            elif isinstance(cell.value, dt.date):
                cell.number_format = EXCEL_DATE.get(language, EXCEL_DATE["id"])


def _properties(book: Workbook, results: Results) -> None:
    """The file's own details: the workshop's title, its organiser as the author
    (openpyxl would name itself)."""
    book.properties.title = results.workshop.title
    book.properties.creator = results.workshop.organiser or ""
    book.properties.lastModifiedBy = results.workshop.organiser or ""
    book.properties.created = book.properties.modified = utcnow()  # UTC, as the format wants


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


def _print_setup(sheet: Worksheet, title: str) -> None:
    """A4 landscape, one page wide, the table's header row on every page. Every
    sheet is narrow enough to print at 80% or more, so that its 11 pt text and
    10 pt header and footer print at 8 pt or larger."""
    setup = sheet.page_setup
    setup.orientation = sheet.ORIENTATION_LANDSCAPE
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.print_options.horizontalCentered = True
    sheet.print_area = sheet.dimensions
    if sheet.freeze_panes == "A2":  # a table from the first row: repeat its header
        sheet.print_title_rows = "1:1"
    # "&" starts a code in Excel's header language: a literal one is written "&&".
    sheet.oddHeader.left.text = title[:HEADER_TITLE_MAX].replace("&", "&&")
    sheet.oddHeader.left.size = 10
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.left.size = 10
    sheet.oddFooter.right.text = "&P / &N"
    sheet.oddFooter.right.size = 10


def _summary(sheet: Worksheet, results: Results) -> None:
    w = results.workshop
    sheet["A1"] = w.title
    sheet["A1"].font = Font(name=FONT, bold=True, size=14)
    sheet.append([_("Date"), results.dates_text()])
    sheet.append([_("Place"), w.place or ""])
    sheet.append([_("Organiser"), w.organiser or ""])
    sheet.append([_("Participants"), len(results.participants)])
    sheet.append([])
    start = sheet.max_row + 1
    categories = list(CATEGORIES)
    # Each category's column under its name ("U1 Persyaratan"), upright.
    labels = [matrix.category_label(code) for code in categories]
    header = [_("Sector"), _("Participants"), _("Bottlenecks"), _("Solutions"), *labels]
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
    sheet.cell(row=sheet.max_row, column=1).font = Font(name=FONT, size=11, bold=True)
    top_start = sheet.max_row + 1
    priorities = [
        [result.sector.name, row.rank, row.total, row.votes, row.card.text]
        for result, row in results.priorities()
    ]
    _table(
        sheet,
        [_("Sector"), _("Rank"), _("Total"), _("Votes"), _("Bottleneck")],
        priorities,
        None,
        first_row=top_start,
        freeze=False,
        last_spans=len(header) - 4,  # the text across the category columns above
    )


def _sector_sheet(sheet: Worksheet, result: SectorResult) -> None:
    header = [
        _("Rank"),
        _("Bottleneck"),
        _("Category"),
        _("Service"),
        _("Author"),
        _("Votes"),
        _("Supports"),
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
            matrix.category_cell(row.card.category),
            row.card.service or "",
            _author(row.author),
            row.votes,
            row.supports,
            *_usg(row),
            row.total,
            "\n".join(f"- {s.card.text} ({s.votes})" for s in row.solutions),
        ]
        for row in result.bottlenecks
    ]
    _table(sheet, header, rows, [5, 40, 20, 14, 18, 5, 6, 4, 4, 4, 5, 40])


def _usg(row: BottleneckRow) -> list[int | None]:
    a = row.card.assessment
    return [a.urgency, a.seriousness, a.growth] if a else [None, None, None]


def _author(person: Participant | None) -> str:
    return f"{person.name} ({person.agency})" if person else ""


def _table(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float] | None,
    *,
    first_row: int = 1,
    freeze: bool = True,
    last_spans: int = 1,
) -> None:
    """Write a styled table: header row, wrapped text, widths, autofilter, and
    row heights that show all of each row's text (LibreOffice keeps the heights it
    is given; a row left without one prints one line high). The last column may
    span `last_spans` sheet columns, merged in every row."""
    if widths:
        for col, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = width
    shown = [_width(sheet, col) for col in range(1, len(header) + 1)]
    shown[-1] = sum(_width(sheet, len(header) + n) for n in range(last_spans))
    for col, label in enumerate(header, start=1):
        cell = sheet.cell(row=first_row, column=col, value=label)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.border = GRID
        cell.alignment = UPRIGHT if _upright(str(label), shown[col - 1]) else WRAP
    sheet.row_dimensions[first_row].height = _header_height(header, shown)
    last = first_row
    for last, values in enumerate(rows, start=first_row + 1):
        for col, value in enumerate(values, start=1):
            _put(sheet, last, col, value)
            sheet.cell(row=last, column=col).border = GRID
        sheet.row_dimensions[last].height = _row_height(values, shown)
    if last_spans > 1:
        for row in range(first_row, last + 1):
            end = len(header) + last_spans - 1
            sheet.merge_cells(start_row=row, start_column=len(header), end_row=row, end_column=end)
    if freeze and first_row == 1:
        sheet.freeze_panes = sheet.cell(row=2, column=1)
    end_cell = f"{get_column_letter(len(header))}{max(last, first_row)}"
    if freeze or first_row == 1:
        sheet.auto_filter.ref = f"A{first_row}:{end_cell}"


def _upright(label: str, width: float) -> bool:
    """Whether the (bold) label's longest word is wider than its column: turn it upright."""
    return max((len(word) for word in label.split()), default=0) * BOLD_WIDTH > width


def _width(sheet: Worksheet, col: int) -> float:
    width = sheet.column_dimensions[get_column_letter(col)].width
    return float(width) if width else DEFAULT_WIDTH


def _lines(text: str, width: float) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide."""
    # Wrapped at whole words, as the program does: a line holds fewer letters
    # than the column's width when the next word does not fit.
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))


def _row_height(values: Sequence[object], widths: Sequence[float]) -> float:
    lines = max(
        (_lines(v, w) for v, w in zip(values, widths, strict=False) if isinstance(v, str)),
        default=1,
    )
    return min(LINE_HEIGHT * lines + 3, ROW_HEIGHT_MAX)


def _header_height(header: Sequence[str], widths: Sequence[float]) -> float:
    upright = [
        _upright_length(label, w)
        for label, w in zip(header, widths, strict=True)
        if _upright(label, w)
    ]
    flat = max((_lines(label, w) for label, w in zip(header, widths, strict=True)), default=1)
    return max(LINE_HEIGHT * flat + 3, max(upright, default=0) * UPRIGHT_CHAR + 6)


def _upright_length(label: str, width: float) -> int:
    """How many letters long an upright label's longest line is, wrapped over as
    many lines as its column is wide."""
    across = max(1, int((width * 7 + 5) * 0.75 // (LINE_HEIGHT + 1)))
    for length in range(max(len(w) for w in label.split()), len(label) + 1):
        if len(textwrap.wrap(label, length)) <= across:
            return length
    return len(label)


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
        cell.alignment = TOP


def _safe_title(name: str, used: set[str]) -> str:
    base = name.translate(_BAD_SHEET_CHARS).strip()[:SHEET_NAME_MAX] or "Sheet"
    title, n = base, 2
    while title.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        title = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    return title
