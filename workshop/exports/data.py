"""The results of a workshop, gathered once for every export format.

Only what belongs in a filed document is here, as the visibility policy's
report viewer sees it (realtime/policy.py): visible cards (not hidden,
deleted, merged or waiting for approval), their votes, USG scores, causes
(the problem tree under each bottleneck) and action plans, each sector's
ranking, and the attendance list. In anonymous mode no
card carries its author; the attendance list is kept, apart from authorship.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.cards import BOTTLENECK, CAUSE, SOLUTION, Card, cause_trees
from ..core.models import Participant, Sector, Workshop
from ..core.timeutil import (
    format_date_in,
    format_datetime_in,
    local,
    zone_label,
)
from ..extensions import db
from ..i18n import workshop_dates
from ..moderation.models import Cluster
from ..realtime.policy import REPORT_VIEW, Settings
from ..voting.services import tallies


@dataclass
class SolutionRow:
    card: Card
    votes: int
    author: Participant | None


@dataclass
class CauseRow:
    card: Card
    votes: int
    author: Participant | None

    @property
    def depth(self) -> int:
        return self.card.depth


@dataclass
class BottleneckRow:
    card: Card
    votes: int
    author: Participant | None
    rank: int | None  # 1 = top priority of its sector; None until scored
    cluster: str | None
    solutions: list[SolutionRow] = field(default_factory=list)
    causes: list[CauseRow] = field(default_factory=list)  # depth first, as the tree reads

    @property
    def supports(self) -> int:
        """Participants who supported it from their phone instead of posting it again."""
        return self.card.supports or 0

    @property
    def total(self) -> int | None:
        return self.card.assessment.total if self.card.assessment else None

    @property
    def root_causes(self) -> list[CauseRow]:
        return [c for c in self.causes if c.card.is_root]


@dataclass
class SectorResult:
    sector: Sector
    bottlenecks: list[BottleneckRow]
    participants: int

    @property
    def solution_count(self) -> int:
        return sum(len(b.solutions) for b in self.bottlenecks)


@dataclass
class Results:
    workshop: Workshop
    sectors: list[SectorResult]
    participants: list[Participant]
    anonymous: bool
    generated_at: dt.datetime

    def date_text(self, day: dt.date) -> str:
        """A date as the document writes it: "8 Desember 2026" (core/timeutil.py)."""
        return format_date_in(day, self.workshop.language)

    def dates_text(self) -> str:
        """The workshop's day or days: "24\u201325 November 2026"; "" without a date."""
        return workshop_dates(self.workshop, self.workshop.language)

    def moment_text(self, moment: dt.datetime) -> str:
        """A stored (UTC) moment in the workshop's zone: "8 Desember 2026 14.30 WITA"."""
        return format_datetime_in(moment, self.workshop.time_zone, self.workshop.language)

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A stored (UTC) moment as the wall clock of the workshop's zone."""
        return local(moment, self.workshop.time_zone)

    @property
    def zone(self) -> str:
        """WIB, WITA or WIT."""
        return zone_label(self.workshop.time_zone)

    @property
    def categorised(self) -> bool:
        """Whether any bottleneck in the document has a category."""
        return any(row.card.category for r in self.sectors for row in r.bottlenecks)

    @property
    def speakers(self) -> list[str]:
        return [line for line in (self.workshop.speakers or "").splitlines() if line.strip()]

    def priorities(self, per_sector: int = 3) -> list[tuple[SectorResult, BottleneckRow]]:
        """The top-ranked (scored) bottlenecks of each sector."""
        return [
            (result, row)
            for result in self.sectors
            for row in result.bottlenecks
            if row.rank is not None and row.rank <= per_sector
        ]

    def best_solutions(self, count: int) -> list[tuple[SectorResult, BottleneckRow, SolutionRow]]:
        """Solutions to turn into proposals: by votes, then by their bottleneck's priority."""
        found = [
            (result, row, solution)
            for result in self.sectors
            for row in result.bottlenecks
            for solution in row.solutions
        ]
        found.sort(
            key=lambda item: (
                -item[2].votes,
                item[1].rank if item[1].rank is not None else 10**6,
                item[2].card.id,
            )
        )
        return found[:count]


def gather(workshop: Workshop, now: dt.datetime | None = None) -> Results:
    """Read everything the exports need in a few queries."""
    settings = Settings.of(workshop)
    cards = [
        card
        for card in db.session.scalars(
            select(Card)
            .where(Card.workshop_id == workshop.id)
            .options(selectinload(Card.author))
            .order_by(Card.id)
        )
        if REPORT_VIEW.sees(card.status, card.author_id, settings)
    ]
    votes = tallies(workshop)
    clusters = {
        c.id: c.title
        for c in db.session.scalars(select(Cluster).where(Cluster.workshop_id == workshop.id))
    }
    people = list(
        db.session.scalars(
            select(Participant)
            .where(Participant.workshop_id == workshop.id)
            .order_by(Participant.id)
        )
    )
    per_sector = Counter(p.sector_id for p in people)

    def author(card: Card) -> Participant | None:
        return card.author if REPORT_VIEW.shows_author(card.author_id, settings) else None

    causes = {
        card.id: CauseRow(card, votes.get(card.id, 0), author(card))
        for card in cards
        if card.kind == CAUSE
    }
    trees = cause_trees(cards)
    by_parent: dict[int, list[SolutionRow]] = {}
    for card in cards:
        if card.kind == SOLUTION and card.parent_id is not None:
            by_parent.setdefault(card.parent_id, []).append(
                SolutionRow(card, votes.get(card.id, 0), author(card))
            )
    results = []
    for sector in workshop.active_sectors:
        own = [c for c in cards if c.kind == BOTTLENECK and c.sector_id == sector.id]
        ranked = sorted(own, key=Card.rank_key)
        ranks = {c.id: i + 1 for i, c in enumerate(ranked) if c.assessment and c.assessment.total}
        rows = [
            BottleneckRow(
                card=c,
                votes=votes.get(c.id, 0),
                author=author(c),
                rank=ranks.get(c.id),
                cluster=clusters.get(c.cluster_id) if c.cluster_id else None,
                solutions=by_parent.get(c.id, []),
                causes=[causes[cause.id] for cause in trees.get(c.id, [])],
            )
            for c in ranked
        ]
        results.append(SectorResult(sector, rows, per_sector.get(sector.id, 0)))
    hidden = not REPORT_VIEW.shows_author(None, settings)
    return Results(workshop, results, people, hidden, now or dt.datetime.now())


def votes_and_supports(votes: int, supports: int) -> int | str:
    """A card's tally as the report prints it: its dots, and its supports when any."""
    if not supports:
        return votes
    return _("%(votes)d (+%(n)d supports)", votes=votes, n=supports)
