"""Polls and word clouds in the Word report: each step's question, its chart
and its table (a poll's answers per option; a word cloud's most frequent terms).

The report is a filed document: the visibility policy's REPORT viewer sees the
results whether or not they were revealed in the room, and neither the terms
the facilitator hid nor the entries the profanity filter held. Written with
python-docx alone (this package sits below the exports, which call it), on a
portrait page of its own after the annexes, in the body's margins.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.shared import Cm
from flask_babel import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..core.models import Workshop
from ..realtime.policy import REPORT_VIEW
from .models import POLL
from .services import phases_of, poll_of, state_of, terms_of

BRAND = "#0b5c56"
TOP_TERMS = 20  # the word-frequency picture
TABLE_TERMS = 40  # the table under it
TABLE_STYLE = "Table Text"  # exports/docx_layout.py's, when the report defines it


def add_to_report(doc: DocxDocument, workshop: Workshop, annex: Callable[[str], Any]) -> None:
    """Append the workshop's polls and word clouds, if it has any."""
    steps = [(phase, poll_of(phase)) for phase in phases_of(workshop)]
    if not steps:
        return
    annex(_("Polls and word clouds"))
    for phase, poll in steps:
        state = REPORT_VIEW.poll(state_of(phase, poll))
        doc.add_heading(phase.name, level=2)
        if state["question"]:
            doc.add_paragraph(state["question"])
        if phase.kind == POLL:
            _poll(doc, state)
        else:
            # Every term counted, less those the facilitator hid (the policy's answer).
            state["terms"] = REPORT_VIEW.poll({"terms": terms_of(poll, limit=None)})["terms"]
            _wordcloud(doc, state)


def _poll(doc: DocxDocument, state: dict[str, Any]) -> None:
    counts = state.get("counts") or {}
    options = state.get("options") or []
    total = sum(counts.get(str(o["id"]), 0) for o in options)
    doc.add_paragraph(_("%(n)d participants answered.", n=total))
    if not options:
        return
    rows = [(o["text"], counts.get(str(o["id"]), 0)) for o in options]
    doc.add_picture(io.BytesIO(poll_chart(rows)), width=Cm(15))
    _table(
        doc,
        [_("Option"), _("Answers"), _("Share")],
        [(text, n, f"{round(100 * n / total) if total else 0}%") for text, n in rows],
        (6, 2, 2),
    )


def _wordcloud(doc: DocxDocument, state: dict[str, Any]) -> None:
    terms = state.get("terms") or []
    doc.add_paragraph(_("%(n)d words and phrases were counted.", n=state.get("total", 0)))
    if not terms:
        return
    top = [(t["term"], t["count"]) for t in terms[:TOP_TERMS]]
    doc.add_picture(io.BytesIO(word_chart(top)), width=Cm(15))
    rows = [(t["term"], t["count"]) for t in terms[:TABLE_TERMS]]
    _table(doc, [_("Word or phrase"), _("Times")], rows, (7, 2))


def _table(
    doc: DocxDocument, header: list[str], rows: list[tuple[Any, ...]], weights: tuple[int, ...]
) -> None:
    """A grid across the text width, columns sized by `weights` and laid out fixed,
    its header row repeated on every page it runs onto (as the report's other tables)."""
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.autofit = False
    section = doc.sections[-1]
    width = int(section.page_width or 0) - int(section.left_margin or 0)
    width -= int(section.right_margin or 0)
    widths = [width * w // sum(weights) for w in weights]
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = w
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    style = doc.styles[TABLE_STYLE] if TABLE_STYLE in [s.name for s in doc.styles] else None
    for cell, label in zip(grid.rows[0].cells, header, strict=True):
        _fill(cell, label, style).bold = True
    for row in rows:
        for cell, value, w in zip(grid.add_row().cells, row, widths, strict=True):
            cell.width = w
            _fill(cell, value, style)
    for cell, w in zip(grid.rows[0].cells, widths, strict=True):
        cell.width = w


def _fill(cell: Any, value: object, style: Any) -> Any:
    """Write `value` in `cell` (in the report's table text); returns its run."""
    paragraph = cell.paragraphs[0]
    if style is not None:
        paragraph.style = style
    return paragraph.add_run(str(value))


def poll_chart(rows: list[tuple[str, int]]) -> bytes:
    """A poll's answers per option as horizontal bars with counts and shares."""
    total = sum(n for _text, n in rows)
    labels = [textwrap.fill(text, 28) for text, _n in rows]
    figure = Figure(figsize=(7, 0.55 * max(len(rows), 3) + 1), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bars = axes.barh(labels[::-1], [n for _t, n in rows][::-1], color=BRAND)
    axes.bar_label(
        bars,
        labels=[f"{n} ({round(100 * n / total) if total else 0}%)" for _t, n in rows][::-1],
        padding=3,
    )
    axes.set_xlabel(_("Answers"))
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xlim(0, max([n for _t, n in rows] + [1]) * 1.25)
    figure.tight_layout()
    return _png(figure)


def word_chart(terms: list[tuple[str, int]]) -> bytes:
    """A word cloud's most frequent terms as horizontal bars: read in print as a cloud is not."""
    figure = Figure(figsize=(7, 0.32 * max(len(terms), 5) + 1), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bars = axes.barh([t for t, _n in terms][::-1], [n for _t, n in terms][::-1], color=BRAND)
    axes.bar_label(bars, padding=3)
    axes.set_xlabel(_("Times"))
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xlim(0, max([n for _t, n in terms] + [1]) * 1.15)
    figure.tight_layout()
    return _png(figure)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
