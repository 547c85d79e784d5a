"""The action-plan matrix (Matriks Rencana Aksi): DOMAIN.md's columns, one row per
solution with its bottleneck, and one per bottleneck that has no solution yet.

Printed, it is two tables (the workbook's two matrix sheets), each one A4 page
wide with type no smaller than 8 pt: the analysis (one row a bottleneck: its
category, cause, impact, USG and rank), the plan (one row a solution: its
steps, indicator, who, when and with what) and its follow-up (one row a
planned solution: owner agency, deadline, status, note, last update), joined
by the bottleneck's number."""

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
    width: int  # characters, for spreadsheets (analysis_columns, plan_columns print at 8 pt+)
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


ANALYSIS = ("no", "sector", "service", "bottleneck", "category", "cause", "impact")
ANALYSIS_SCORES = ("u", "s", "g", "total", "rank")
PLAN = ("solution", "steps", "indicator", "responsible", "timeframe", "resources", "stakeholders")
FOLLOW_UP = ("solution", "agency", "deadline", "status", "note", "updated")


def analysis_columns() -> list[Column]:
    """The analysis sheet's columns: one row a bottleneck, numbered."""
    by_key = {c.key: c for c in columns()}
    votes = Column("bottleneck_votes", _("Votes"), 5, number=True)
    return [by_key[k] for k in (*ANALYSIS, *ANALYSIS_SCORES)] + [votes]


def plan_columns() -> list[Column]:
    """The plan sheet's columns: one row a solution, with its bottleneck's number."""
    by_key = {c.key: c for c in columns()}

    def narrow(key: str) -> Column:
        c = by_key[key]
        return Column(c.key, c.label, PLAN_WIDTHS.get(key, c.width), c.number)

    return [
        Column("no", _("No."), 4, number=True),
        Column("ref", _("Bottleneck no."), 7, number=True),
        narrow("solution"),
        Column("votes", _("Votes"), 5, number=True),
        *(narrow(key) for key in PLAN[1:]),
    ]


def follow_up_columns() -> list[Column]:
    """The follow-up sheet's columns: one row a planned solution, how it stands."""
    by_key = {c.key: c for c in columns()}
    return [
        Column("no", _("No."), 4, number=True),
        Column("ref", _("Bottleneck no."), 7, number=True),
        *(
            Column(key, by_key[key].label, FOLLOW_UP_WIDTHS[key], by_key[key].number)
            for key in FOLLOW_UP
        ),
    ]


# Wider than in the whole matrix: these sheets have room. A deadline is a date
# cell, which shows "###" where its whole text does not fit.
PLAN_WIDTHS = {"solution": 30, "steps": 28, "indicator": 20, "resources": 18, "stakeholders": 18}
FOLLOW_UP_WIDTHS = {
    "solution": 34,
    "agency": 20,
    "deadline": 17,
    "status": 12,
    "note": 34,
    "updated": 24,
}


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


def category_cell(code: str | None) -> str:
    """A category column's cell: the category, or that the card has none."""
    return category_label(code) or _("No category")


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
    ref = 0
    for result in results.sectors:
        for bottleneck in result.bottlenecks:
            ref += 1
            solutions: list[SolutionRow | None] = list(bottleneck.solutions) or [None]
            for solution in solutions:
                number += 1
                yield _row(number, ref, results, result, bottleneck, solution)


def analysis_rows(results: Results) -> Iterator[dict[str, object]]:
    """The analysis: one row a bottleneck, numbered as the plan refers to it."""
    for row in rows(results):
        if row["first"]:
            yield {**row, "no": row["ref"]}


def plan_rows(results: Results) -> Iterator[dict[str, object]]:
    """The plan: one row a solution (a bottleneck without one has no plan yet)."""
    number = 0
    for row in rows(results):
        if row["solution"]:
            number += 1
            yield {**row, "no": number}


def follow_up_rows(results: Results) -> Iterator[dict[str, object]]:
    """The follow-up: the plan's rows whose solution has an action plan."""
    return (row for row in plan_rows(results) if row["planned"])


def _row(
    number: int,
    ref: int,
    results: Results,
    result: SectorResult,
    b: BottleneckRow,
    solution: SolutionRow | None,
) -> dict[str, object]:
    a = b.card.assessment
    plan = solution.card.plan if solution else None
    agency = b.author.agency if b.author else None
    deadline = plan.deadline if plan else None
    return {
        "no": number,
        "ref": ref,
        # The bottleneck's first row (its analysis), and its own votes.
        "first": solution is None or solution is b.solutions[0],
        "planned": plan is not None,
        "bottleneck_votes": b.votes,
        "sector": f"{result.sector.name} / {agency}" if agency else result.sector.name,
        "service": b.card.service or "",
        "bottleneck": b.card.text,
        "category": category_cell(b.card.category),
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
        "deadline": results.date_text(deadline) if deadline else "",
        "deadline_date": deadline,
        "note": progress.note_text(plan),
        "updated": progress.updated_text(plan, results),
    }
