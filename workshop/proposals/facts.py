"""What the workshop already knows about a promoted idea: its bottleneck (text, category,
service), the root causes found for it, its USG score and rank, the votes, and
the agency that proposed it. Shown read-only beside the draft, written into the
Word draft, and used for each section's starting text.

Only what the viewer may see is gathered (realtime/policy.py): visible cards,
votes once revealed, the agency only where the author may be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from ..core.cards import BOTTLENECK, CAUSE, PLAN_FIELDS, VISIBLE, Card, cause_trees
from ..core.categories import category_labels
from ..core.models import Workshop
from ..extensions import db
from ..realtime.policy import Settings, Viewer
from ..voting.services import tallies
from .models import Proposal

SUMMARY_WORDS = 200


@dataclass
class Facts:
    solution: str
    sector: str
    bottleneck: str | None = None
    category: str | None = None  # its label
    service: str | None = None
    root_causes: list[str] = field(default_factory=list)
    usg: dict[str, int | None] | None = None  # u, s, g, total
    rank: int | None = None  # among its sector's scored bottlenecks
    cause: str | None = None
    impact: str | None = None
    votes: dict[str, int] | None = None  # bottleneck, solution; None until revealed
    agency: str | None = None
    plan: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def facts_of(workshop: Workshop, proposal: Proposal, viewer: Viewer) -> Facts:
    """The facts about `proposal` as `viewer` may see them, read now."""
    solution = db.session.get(Card, proposal.solution_id)
    if solution is None:
        sector = workshop.sector(proposal.sector_id)
        return Facts(solution=proposal.title, sector=sector.name if sector else "")
    return facts_for(workshop, solution, viewer)


def facts_for(workshop: Workshop, solution: Card, viewer: Viewer) -> Facts:
    """The facts about a solution (and the bottleneck it answers) as `viewer` may see them."""
    settings = Settings.of(workshop)
    sector = workshop.sector(solution.sector_id)
    facts = Facts(solution=solution.text, sector=sector.name if sector else "")
    author = solution.author
    if author is not None and viewer.shows_author(author.id, settings):
        facts.agency = author.agency
    if solution.plan:
        facts.plan = {n: v for n, v in solution.plan.as_dict().items() if isinstance(v, str) and v}
    parent = db.session.get(Card, solution.parent_id or 0)
    bottleneck = parent if parent is not None and parent.kind == BOTTLENECK else None
    counts = tallies(workshop, [solution.id] + ([bottleneck.id] if bottleneck else []))
    if viewer.shows_votes(settings):
        facts.votes = {
            "solution": counts.get(solution.id, 0),
            "bottleneck": counts.get(bottleneck.id, 0) if bottleneck else 0,
        }
    if bottleneck is None or not viewer.sees(bottleneck.status, bottleneck.author_id, settings):
        return facts
    facts.bottleneck = bottleneck.text
    facts.category = category_labels().get(bottleneck.category or "")
    facts.service = bottleneck.service
    a = bottleneck.assessment
    if a is not None:
        facts.usg = {"u": a.urgency, "s": a.seriousness, "g": a.growth, "total": a.total}
        facts.cause, facts.impact = a.cause, a.impact
        if a.total is not None:
            facts.rank = _rank(workshop, bottleneck)
    causes = db.session.scalars(
        select(Card).where(
            Card.workshop_id == workshop.id,
            Card.kind == CAUSE,
            Card.sector_id == bottleneck.sector_id,
        )
    ).all()
    tree = cause_trees(causes).get(bottleneck.id, [])
    facts.root_causes = [c.text for c in tree if c.is_root and c.status == VISIBLE]
    return facts


def _rank(workshop: Workshop, bottleneck: Card) -> int | None:
    scored = db.session.scalars(
        select(Card).where(
            Card.workshop_id == workshop.id,
            Card.kind == BOTTLENECK,
            Card.sector_id == bottleneck.sector_id,
            Card.status == VISIBLE,
        )
    ).all()
    ranked = sorted((c for c in scored if c.assessment and c.assessment.total), key=Card.rank_key)
    return next((i for i, c in enumerate(ranked, start=1) if c.id == bottleneck.id), None)


def starting_text(starter: str | None, facts: Facts) -> str:
    """A section's first text, from the facts (rubric `starts_with`); '' for none."""
    if starter is None:
        return ""
    write = _STARTERS.get(starter)
    return write(facts) if write else ""


def _summary(f: Facts) -> str:
    solution = f.solution.rstrip(".")
    text = (
        _(
            "%(solution)s. An innovation of the %(sector)s sector answering a bottleneck in its "
            "services: %(bottleneck)s",
            solution=solution,
            sector=f.sector,
            bottleneck=f.bottleneck,
        )
        if f.bottleneck
        else _(
            "%(solution)s. An innovation of the %(sector)s sector.",
            solution=solution,
            sector=f.sector,
        )
    )
    return " ".join(text.split()[:SUMMARY_WORDS])


def _background(f: Facts) -> str:
    parts = []
    if f.bottleneck:
        parts.append(_("Bottleneck: %(text)s", text=f.bottleneck))
    if f.category:
        parts.append(_("Category: %(category)s", category=f.category))
    if f.service:
        parts.append(_("Service: %(service)s", service=f.service))
    if f.root_causes:
        parts.append(_("Root causes: %(causes)s", causes="; ".join(f.root_causes)))
    if f.cause:
        parts.append(_("Cause: %(cause)s", cause=f.cause))
    if f.impact:
        parts.append(_("Impact on the public: %(impact)s", impact=f.impact))
    if f.usg and f.usg.get("total") is not None and f.votes and f.votes["bottleneck"]:
        parts.append(
            _(
                "USG score %(total)d, rank %(rank)s in its sector; %(votes)d votes.",
                total=f.usg["total"],
                rank=f.rank or "-",
                votes=f.votes["bottleneck"],
            )
        )
    elif f.usg and f.usg.get("total") is not None:  # no votes, or tallies not revealed
        parts.append(
            _(
                "USG score %(total)d, rank %(rank)s in its sector.",
                total=f.usg["total"],
                rank=f.rank or "-",
            )
        )
    return "\n".join(parts)


def plan_labels() -> dict[str, str]:
    return {
        "steps": _("Activity steps"),
        "indicator": _("Success indicator"),
        "responsible": _("Responsible"),
        "timeframe": _("Timeframe"),
        "resources": _("Resources/budget"),
        "stakeholders": _("Related parties"),
    }


def _plan(f: Facts, *names: str) -> str:
    labels = plan_labels()
    return "\n".join(
        f"{labels[n]}: {f.plan[n]}" for n in names if n in PLAN_FIELDS and f.plan.get(n)
    )


def _significance(f: Facts) -> str:
    """The success indicator: the room's votes are no evidence of a public benefit."""
    return _plan(f, "indicator")


_STARTERS = {
    "summary": _summary,
    "background": _background,
    "novelty": lambda f: f.solution,
    "implementation": lambda f: _plan(f, "steps", "timeframe", "responsible"),
    "significance": _significance,
    "resources": lambda f: _plan(f, "resources", "responsible"),
    "sustainability": lambda f: _plan(f, "stakeholders"),
}
