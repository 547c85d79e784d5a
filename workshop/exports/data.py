"""The results of a workshop, gathered once for every export format.

Only what belongs in a filed document is here: visible cards (not hidden,
deleted, merged or waiting for approval), their votes, USG scores and action
plans, each sector's ranking, and the attendance list. In anonymous mode no
card carries its author; the attendance list is kept, apart from authorship.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..boards.models import BOTTLENECK, SOLUTION, VISIBLE, Card
from ..extensions import db
from ..moderation.models import Cluster
from ..participants.models import Participant
from ..scoring.services import rank_key
from ..voting.services import tallies
from ..workshops.models import Sector, Workshop


@dataclass
class SolutionRow:
    card: Card
    votes: int
    author: Participant | None


@dataclass
class BottleneckRow:
    card: Card
    votes: int
    author: Participant | None
    rank: int | None  # 1 = top priority of its sector; None until scored
    cluster: str | None
    solutions: list[SolutionRow] = field(default_factory=list)

    @property
    def total(self) -> int | None:
        return self.card.assessment.total if self.card.assessment else None


@dataclass
class SectorResult:
    sector: Sector
    bottlenecks: list[BottleneckRow]
    participants: int

    @property
    def solution_count(self) -> int:
        return sum(len(b.solutions) for b in self.bottlenecks)

    @property
    def card_count(self) -> int:
        return len(self.bottlenecks) + self.solution_count


@dataclass
class Results:
    workshop: Workshop
    sectors: list[SectorResult]
    participants: list[Participant]
    anonymous: bool
    generated_at: dt.datetime

    @property
    def speakers(self) -> list[str]:
        return [line for line in (self.workshop.speakers or "").splitlines() if line.strip()]

    def category_counts(self) -> Counter[str | None]:
        return Counter(b.card.category for s in self.sectors for b in s.bottlenecks)

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
    cards = db.session.scalars(
        select(Card)
        .where(Card.workshop_id == workshop.id, Card.status == VISIBLE)
        .options(selectinload(Card.author))
        .order_by(Card.id)
    ).all()
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
    hide = workshop.anonymous

    def author(card: Card) -> Participant | None:
        return None if hide else card.author

    by_parent: dict[int, list[SolutionRow]] = {}
    for card in cards:
        if card.kind == SOLUTION and card.parent_id is not None:
            by_parent.setdefault(card.parent_id, []).append(
                SolutionRow(card, votes.get(card.id, 0), author(card))
            )
    results = []
    for sector in workshop.active_sectors:
        own = [c for c in cards if c.kind == BOTTLENECK and c.sector_id == sector.id]
        ranked = sorted(own, key=rank_key)
        ranks = {c.id: i + 1 for i, c in enumerate(ranked) if c.assessment and c.assessment.total}
        rows = [
            BottleneckRow(
                card=c,
                votes=votes.get(c.id, 0),
                author=author(c),
                rank=ranks.get(c.id),
                cluster=clusters.get(c.cluster_id) if c.cluster_id else None,
                solutions=by_parent.get(c.id, []),
            )
            for c in ranked
        ]
        results.append(SectorResult(sector, rows, per_sector.get(sector.id, 0)))
    return Results(workshop, results, people, hide, now or dt.datetime.now())
