"""The question bank as an Excel file: the template Urai offers, and the import.

The template has one sheet, "Soal" (or "Questions"): a header row (No.,
question, choices A to E, the right answer's letter, explanation), two worked
rows, and a notes sheet. An import reads every row before keeping any: a file
with one bad row is refused whole, each bad row named with what is wrong, so
nothing is ever half-imported."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.errors import DomainError, invalid
from .services import LETTERS, MAX_QUESTIONS, Draft, check_question

FIRST_CHOICE_COL = (
    3  # columns: No. (1), question (2), choices A-E (3-7), answer (8), explanation (9)
)
ANSWER_COL = FIRST_CHOICE_COL + len(LETTERS)
EXPLANATION_COL = ANSWER_COL + 1
MAX_ROWS = 500  # rows read at most (blank ones included) before giving up
MAX_BYTES = 200 * 1024


def headers() -> list[str]:
    return [
        _("No."),
        _("Test question"),
        *[_("Choice %(letter)s", letter=letter) for letter in LETTERS],
        _("Right answer (A-E)"),
        _("Explanation (optional)"),
    ]


def template() -> bytes:
    """The template to fill in: headers, two example questions, and how to fill it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Questions")[:31]
    sheet.append(headers())
    examples = [
        [
            1,
            _("What does a bottleneck (sumbatan) in a public service mean?"),
            _("An obstacle that slows or stops the service"),
            _("A new regulation"),
            _("A budget line"),
            "",
            "",
            "A",
            _("A bottleneck is what slows or stops a service from reaching the public."),
        ],
        [
            2,
            _("Which tool helps find the root cause of a bottleneck?"),
            _("A fishbone diagram"),
            _("An attendance list"),
            _("A budget table"),
            _("A photo"),
            "",
            "A",
            "",
        ],
    ]
    for row in examples:
        sheet.append(row)
    fill = PatternFill("solid", fgColor="D9E5E3")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFGHI", (5, 50, 25, 25, 25, 25, 25, 12, 45), strict=True):
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "A2"
    letters = DataValidation(type="list", formula1='"' + ",".join(LETTERS) + '"', allow_blank=True)
    sheet.add_data_validation(letters)
    letters.add(f"H2:H{MAX_QUESTIONS + 1}")
    notes = book.create_sheet(_("How to fill")[:31])
    for line in (
        _("One question a row, from row 2; at most %(n)d questions.", n=MAX_QUESTIONS),
        _("Each question has 2 to 5 choices, in columns C to G, from A on without gaps."),
        _("Column H: the letter of the right choice (A, B, C, D or E)."),
        _("Column I: an explanation shown to participants after the post-test (optional)."),
        _("Importing replaces the questions of the bank; a file with an error imports nothing."),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parse(data: bytes) -> list[Draft]:
    """The questions of an uploaded file, all checked; or a refusal naming each bad row."""
    if not data:
        raise invalid(_("Choose an Excel file (.xlsx) first."), file=_("Required."))
    if len(data) > MAX_BYTES:
        raise invalid(
            _("The file is too large (at most %(n)d KB).", n=MAX_BYTES // 1024), file=_("Invalid.")
        )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise invalid(
            _("This is not an Excel file (.xlsx): download the template and fill it in."),
            file=_("Invalid."),
        ) from None
    sheet = book.worksheets[0]
    drafts: list[Draft] = []
    errors: list[str] = []
    for number, row in enumerate(sheet.iter_rows(min_row=2, max_row=MAX_ROWS, values_only=True), 2):
        cells = [_cell(value) for value in row]
        if not any(cells[1:EXPLANATION_COL]):
            continue  # a blank row
        try:
            drafts.append(check_question(_payload(cells)))
        except DomainError as err:
            errors.append(_("Row %(row)d: %(error)s", row=number, error=_what(err)))
    book.close()
    if errors:
        shown = errors[:10] + (
            [_("…and %(n)d more rows.", n=len(errors) - 10)] if len(errors) > 10 else []
        )
        raise invalid(
            _("Nothing was imported; correct the file and import it again."),
            file="\n".join(shown),
        )
    if not drafts:
        raise invalid(_("The file has no questions."), file=_("Invalid."))
    if len(drafts) > MAX_QUESTIONS:
        raise invalid(_("A test has at most %(n)d questions.", n=MAX_QUESTIONS), file=_("Invalid."))
    return drafts


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _payload(cells: list[str]) -> dict[str, Any]:
    cells = cells + [""] * (EXPLANATION_COL - len(cells))
    raw = cells[FIRST_CHOICE_COL - 1 : ANSWER_COL - 1]
    last = max((n for n, text in enumerate(raw) if text), default=-1)
    choices = raw[: last + 1]
    if "" in choices:
        raise invalid(_("a choice is empty between two others."), choices=_("Invalid."))
    letter = cells[ANSWER_COL - 1].upper()
    answer = LETTERS.index(letter) if len(letter) == 1 and letter in LETTERS else None
    if answer is None:
        raise invalid(_("the right answer must be a letter, A to E."), answer=_("Invalid."))
    if answer >= len(choices):
        raise invalid(_("the right answer is a choice left empty."), answer=_("Invalid."))
    return {
        "text": cells[1],
        "choices": choices,
        "answer": answer,
        "explanation": cells[EXPLANATION_COL - 1] or None,
    }


def _what(err: DomainError) -> str:
    """The refusal's message, after the column it is about."""
    field = next(iter(err.fields), None)
    labels = {
        "text": _("Test question"),
        "choices": _("Choices"),
        "answer": _("Right answer (A-E)"),
        "explanation": _("Explanation (optional)"),
    }
    return f"{labels[field]}: {err.message}" if field in labels else err.message
