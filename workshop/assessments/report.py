"""The Word report's annexes of the pre-test and post-test (each participant's
scores, the gain, each question's share right) and of the evaluations (mean per
item and per speaker, with a chart; comments in alphabetical order, nobody's
name). Called by one line at the end of exports/docx_report.build."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.shared import Cm
from flask_babel import gettext as _

from ..core.models import Workshop
from . import chart, evaluation, services
from .evaluation import ORGANISATION


def add_to_report(doc: DocxDocument, workshop: Workshop, annex: Callable[[str], Any]) -> None:
    """Append the tests' results and the evaluations' recaps (nothing if neither ran)."""
    summary = services.results(workshop)
    if summary["people"]:
        _tests(doc, summary, annex)
    recaps = [
        (phase, evaluation.recap(workshop, evaluation.form_of(workshop, phase)))
        for phase in evaluation.evaluation_phases(workshop)
    ]
    recaps = [(phase, recap) for phase, recap in recaps if recap["count"]]
    for phase, recap in recaps:
        _evaluation(doc, phase.name, recap, annex)


def _number(value: float | int | None, suffix: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", ",") + suffix  # Indonesian decimals


def _grid(
    doc: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> None:
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)  # the grid's own widths: LibreOffice lays out by them
    # The header row repeats on every page the table runs onto, as the report's others.
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, label, width in zip(grid.rows[0].cells, header, widths, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(label).bold = True
    for values in rows:
        cells = grid.add_row().cells
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = Cm(width)
            cell.text = value


def _tests(doc: DocxDocument, summary: dict[str, Any], annex: Callable[[str], Any]) -> None:
    annex(_("Pre-test and post-test results"))
    average = summary["average"]
    doc.add_paragraph(
        _(
            "%(total)d questions, the same before and after. Pre-test: %(pre)d participants, "
            "mean score %(pre_mean)s; post-test: %(post)d participants, mean score "
            "%(post_mean)s; mean gain %(gain)s.",
            total=summary["total"],
            pre=summary["phones"]["pre"],
            post=summary["phones"]["post"],
            pre_mean=_number(average["pre"]),
            post_mean=_number(average["post"]),
            gain=_number(average["gain"]),
        )
    )
    doc.add_heading(_("Scores per participant"), level=2)
    rows = [
        [str(n), p["name"], p["agency"], _number(p["pre"]), _number(p["post"]), _number(p["gain"])]
        for n, p in enumerate(summary["people"], start=1)
    ]
    rows.append(
        [
            "",
            _("Average"),
            "",
            _number(average["pre"]),
            _number(average["post"]),
            _number(average["gain"]),
        ]
    )
    header = [_("No."), _("Name"), _("Agency"), _("Pre-test"), _("Post-test"), _("Gain")]
    _grid(doc, header, rows, (1.1, 4.6, 4.3, 2.0, 2.0, 2.0))
    doc.add_heading(_("Share of right answers per question"), level=2)
    rows = [
        [str(n), q["text"], _number(q["pre"], " %"), _number(q["post"], " %")]
        for n, q in enumerate(summary["questions"], start=1)
    ]
    _grid(
        doc,
        [_("No."), _("Test question"), _("Pre-test"), _("Post-test")],
        rows,
        (1.1, 10.5, 2.2, 2.2),
    )


def _evaluation(
    doc: DocxDocument, title: str, recap: dict[str, Any], annex: Callable[[str], Any]
) -> None:
    annex(_("Evaluation recap – %(step)s", step=title))
    doc.add_paragraph(
        _(
            "%(n)d anonymous forms, scale 1-%(scale)d (%(scale)d: very good).",
            n=recap["count"],
            scale=recap["scale"],
        )
    )
    speakers = [t for t in recap["targets"] if t["target"] != ORGANISATION]
    organisation = [t for t in recap["targets"] if t["target"] == ORGANISATION]
    if speakers:
        doc.add_heading(_("Evaluation of the speakers (evaluasi narasumber)"), level=2)
        _means(doc, recap, speakers)
    if organisation:
        doc.add_heading(_("Evaluation of the organisation (evaluasi penyelenggaraan)"), level=2)
        _means(doc, recap, organisation)
    for target in recap["targets"]:
        if target["comments"]:
            doc.add_heading(_("Comments: %(who)s", who=target["name"]), level=3)
            for comment in target["comments"]:
                doc.add_paragraph(comment, style="List Bullet")


def _means(doc: DocxDocument, recap: dict[str, Any], targets: list[dict[str, Any]]) -> None:
    header = [_("No."), _("Item"), *[t["name"] for t in targets]]
    share = 8.0 / len(targets)
    rows = [
        [str(n), item["label"], *[_number(t["items"][n - 1]["mean"]) for t in targets]]
        for n, item in enumerate(targets[0]["items"], start=1)
    ]
    rows.append(["", _("Mean"), *[_number(t["mean"]) for t in targets]])
    _grid(doc, header, rows, (1.1, 6.9, *[share] * len(targets)))
    doc.add_picture(io.BytesIO(chart.means(recap, targets)), width=Cm(15))
