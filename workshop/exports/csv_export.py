"""CSV: one row per card, UTF-8 with a byte-order mark so Excel reads Indonesian text.

Separated by semicolons for an Indonesian workshop: Excel set to the
Indonesian locale (decimal comma) splits a file on ";" and opened a
comma-separated one as a single column. An English workshop gets commas.
"""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from ..core.cards import SOLUTION
from . import progress
from .data import CauseRow, Results, SolutionRow
from .matrix import category_label, progress_columns
from .safety import neutralise


def separator(results: Results) -> str:
    """The list separator of the workshop's language as Excel reads it."""
    return "," if results.workshop.language == "en" else ";"


def build(results: Results) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", delimiter=separator(results))
    writer.writerow(
        [
            _("No."),
            _("Sector"),
            _("Kind"),
            _("Bottleneck no."),
            _("Category"),
            _("Service"),
            _("Text"),
            _("Author"),
            _("Agency"),
            _("Votes"),
            "U",
            "S",
            "G",
            _("Total"),
            _("Rank"),
            _("Solutions"),
            *[column.label for column in progress_columns()],
            _("Status"),
        ]
    )
    number = 0
    for result in results.sectors:
        for row in result.bottlenecks:
            number += 1
            parent = number
            a = row.card.assessment
            writer.writerow(
                _clean(
                    [
                        number,
                        result.sector.name,
                        _("Bottleneck"),
                        "",
                        category_label(row.card.category),
                        row.card.service or "",
                        row.card.text,
                        row.author.name if row.author else "",
                        row.author.agency if row.author else "",
                        row.votes,
                        a.urgency if a else "",
                        a.seriousness if a else "",
                        a.growth if a else "",
                        row.total if row.total is not None else "",
                        row.rank or "",
                        len(row.solutions),
                        *[""] * 5,
                    ]
                )
            )
            bones = {b["key"]: b["name"] for b in results.workshop.bones()}
            children = [(_("Solution"), "", solution) for solution in row.solutions] + [
                (
                    _("Root cause") if cause.card.is_root else _("Cause"),
                    bones.get(cause.card.bone or "", ""),
                    cause,
                )
                for cause in row.causes
            ]
            for kind, category, child in children:
                number += 1
                author = child.author
                writer.writerow(
                    _clean(
                        [
                            number,
                            result.sector.name,
                            kind,
                            parent,
                            category,
                            "",
                            child.card.text,
                            author.name if author else "",
                            author.agency if author else "",
                            child.votes,
                            *[""] * 6,
                            *_follow_up(child, results),
                        ]
                    )
                )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _follow_up(child: SolutionRow | CauseRow, results: Results) -> list[str]:
    """A solution's owner agency, deadline, follow-up note, last update and status."""
    if child.card.kind != SOLUTION:
        return [""] * 5
    plan = child.card.plan
    return [
        (plan.agency if plan else None) or "",
        plan.deadline.isoformat() if plan and plan.deadline else "",
        progress.note_text(plan),
        progress.updated_text(plan, results),
        progress.status_text(plan),
    ]


def _clean(values: list[object]) -> list[object]:
    return [neutralise(v) if isinstance(v, str) else v for v in values]
