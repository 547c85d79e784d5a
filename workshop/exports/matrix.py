"""The action-plan matrix (Matriks Rencana Aksi): DOMAIN.md's columns, one row per
solution with its bottleneck, and one per bottleneck that has no solution yet."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from flask_babel import gettext as _

from ..core.categories import CATEGORIES
from . import progress
from .data import BottleneckRow, Results, SectorResult, SolutionRow


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int  # characters, for spreadsheets: all 21 fit one A4 landscape page at ~55%
    number: bool = False


def columns() -> list[Column]:
    """The matrix's columns, labelled in the current (the workshop's) language."""
    return [
        Column("no", _("No."), 4, number=True),
        Column("sector", _("Sector/Agency"), 16),
        Column("service", _("Type of service"), 14),
        Column("bottleneck", _("Bottleneck"), 28),
        Column("category", _("Category"), 16),
        Column("cause", _("Cause"), 20),
        Column("impact", _("Impact on the public"), 18),
        Column("u", "U", 4, number=True),
        Column("s", "S", 4, number=True),
        Column("g", "G", 4, number=True),
        Column("total", _("Total"), 5, number=True),
        Column("rank", _("Rank"), 5, number=True),
        Column("votes", _("Votes"), 5, number=True),
        Column("solution", _("Alternative solution/innovation idea"), 28),
        Column("steps", _("Activity steps"), 24),
        Column("indicator", _("Success indicator"), 18),
        Column("responsible", _("Responsible"), 14),
        Column("timeframe", _("Timeframe"), 11),
        Column("resources", _("Resources/budget"), 16),
        Column("stakeholders", _("Related parties"), 14),
        Column("status", _("Status"), 13),
        *progress_columns(),
    ]


def progress_columns() -> list[Column]:
    """The follow-up's columns (exports/progress.py): whose plan, by when, how it stands."""
    return [
        Column("agency", _("Owner agency"), 14),
        Column("deadline", _("Deadline"), 10),
        Column("note", _("Follow-up note"), 18),
        Column("updated", _("Last update"), 13),
    ]


def category_label(code: str | None) -> str:
    return f"{code} {CATEGORIES[code]}" if code in CATEGORIES else ""


def causes_text(b: BottleneckRow) -> str:
    """The "Penyebab" cell: the root causes the room marked, then the cause noted
    while scoring."""
    a = b.card.assessment
    parts = [c.card.text for c in b.root_causes]
    if a and a.cause:
        parts.append(a.cause)
    return "; ".join(parts)


def rows(results: Results) -> Iterator[dict[str, object]]:
    """Every row of the matrix, sector by sector, bottlenecks by priority."""
    number = 0
    for result in results.sectors:
        for bottleneck in result.bottlenecks:
            solutions: list[SolutionRow | None] = list(bottleneck.solutions) or [None]
            for solution in solutions:
                number += 1
                yield _row(number, result, bottleneck, solution)


def _row(
    number: int, result: SectorResult, b: BottleneckRow, solution: SolutionRow | None
) -> dict[str, object]:
    a = b.card.assessment
    plan = solution.card.plan if solution else None
    agency = b.author.agency if b.author else None
    return {
        "no": number,
        "sector": f"{result.sector.name} / {agency}" if agency else result.sector.name,
        "service": b.card.service or "",
        "bottleneck": b.card.text,
        "category": category_label(b.card.category),
        "cause": causes_text(b),
        "impact": (a.impact if a else None) or "",
        "u": a.urgency if a else None,
        "s": a.seriousness if a else None,
        "g": a.growth if a else None,
        "total": a.total if a else None,
        "rank": b.rank,
        "votes": solution.votes if solution else b.votes,
        "solution": solution.card.text if solution else "",
        "steps": (plan.steps if plan else None) or "",
        "indicator": (plan.indicator if plan else None) or "",
        "responsible": (plan.responsible if plan else None) or "",
        "timeframe": (plan.timeframe if plan else None) or "",
        "resources": (plan.resources if plan else None) or "",
        "stakeholders": (plan.stakeholders if plan else None) or "",
        "status": progress.status_text(plan),
        "agency": (plan.agency if plan else None) or "",
        "deadline": plan.deadline.isoformat() if plan and plan.deadline else "",
        "note": progress.note_text(plan),
        "updated": progress.updated_text(plan),
    }
