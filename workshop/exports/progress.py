"""The follow-up in the documents: each planned solution's reported status, note
and last update for the matrix and the CSV, and the progress per owner agency
(followup/services.py counts it) for its own sheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.cards import DONE, NOT_STARTED, UNDER_WAY, ActionPlan, PlanUpdate
from ..extensions import db
from ..followup.services import item, progress, status_labels
from ..realtime.policy import REPORT_VIEW, Settings
from .data import Results


def status_text(plan: ActionPlan | None) -> str:
    """The matrix's "Status": the follow-up's status of a planned solution, in the
    follow-up page's words (followup/services.py); none for a solution without a plan."""
    return status_labels()[plan.progress] if plan is not None else ""


def note_text(plan: ActionPlan | None) -> str:
    return (plan.status_note if plan else None) or ""


def updated_text(plan: ActionPlan | None, results: Results) -> str:
    """When the status was last reported, in the workshop's zone, and by whom (the
    facilitator or a participant)."""
    if plan is None or plan.status_at is None:
        return ""
    when = results.moment_text(plan.status_at)
    if plan.status_by_staff:
        return f"{when}, {_('facilitator')}"
    return f"{when}, {plan.status_by.name}" if plan.status_by else when


def items(results: Results) -> list[dict[str, Any]]:
    """The follow-up items of the solutions a filed document holds."""
    today = results.generated_at.date()
    settings = Settings.of(results.workshop)
    found = []
    for sector in results.sectors:
        for bottleneck in sector.bottlenecks:
            for solution in bottleneck.solutions:
                if solution.card.plan is not None:
                    shown = REPORT_VIEW.follow_up_item(item(solution.card, today), settings)
                    if shown is not None:
                        found.append(shown)
    return found


def table(results: Results) -> tuple[list[str], list[list[object]], list[int]]:
    """The progress per agency sheet: header, one row per owner agency, widths."""
    labels = status_labels()
    header = [
        _("Owner agency"),
        labels[NOT_STARTED],
        labels[UNDER_WAY],
        labels[DONE],
        _("Overdue"),
        _("Total"),
        _("Done (%)"),
    ]
    rows: list[list[object]] = [
        [
            row["agency"] or _("No agency named yet"),
            row[NOT_STARTED],
            row[UNDER_WAY],
            row[DONE],
            row["overdue"],
            row["total"],
            round(100 * row[DONE] / row["total"]) if row["total"] else 0,
        ]
        for row in progress(items(results))
    ]
    return header, rows, [30, 12, 12, 12, 10, 8, 10]


def history_table(results: Results) -> tuple[list[str], list[list[object]], list[int]]:
    """Every status report on the plans the document holds, oldest first: who said what, when."""
    shown = {entry["card_id"]: entry for entry in items(results)}
    labels = status_labels()
    reports = db.session.scalars(
        select(PlanUpdate)
        .where(PlanUpdate.workshop_id == results.workshop.id, PlanUpdate.card_id.in_(shown))
        .options(selectinload(PlanUpdate.participant))
        .order_by(PlanUpdate.id)
    )
    rows: list[list[object]] = [
        [
            results.local(report.created_at).replace(microsecond=0),
            shown[report.card_id]["agency"] or "",
            shown[report.card_id]["solution"],
            labels[report.status],
            report.note or "",
            _("facilitator")
            if report.by_staff
            else (report.participant.name if report.participant else ""),
        ]
        for report in reports
    ]
    when = _("When (%(zone)s)", zone=results.zone)
    header = [when, _("Owner agency"), _("Solution"), _("Status"), _("Note"), _("By")]
    return header, rows, [22, 24, 36, 12, 32, 18]


def as_of(results: Results) -> str:
    day: dt.date = results.generated_at.date()
    return _("Progress as of %(date)s", date=results.date_text(day))
