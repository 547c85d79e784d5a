"""Cards on a sector board: bottlenecks; their causes, on the fishbone's bones and,
asked "why?", under one another (a problem tree); and solutions proposed under
them. With the USG assessment of a bottleneck and the action plan of a solution."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Base

# The kinds live beside the workshop's model; every feature names them from here.
from .kinds import BOTTLENECK as BOTTLENECK
from .kinds import CAUSE as CAUSE
from .kinds import KINDS as KINDS
from .kinds import SOLUTION as SOLUTION
from .models import Participant
from .timeutil import utcnow

# A card's life: shown; waiting for the facilitator's approval; hidden by the
# facilitator; deleted (recoverable); merged into another card.
VISIBLE = "visible"
PENDING = "pending"
HIDDEN = "hidden"
DELETED = "deleted"
MERGED = "merged"

# What the projector's spotlight takes (presenter/services.py): a card in one of
# these statuses, unless this setting is on (the boards concealed from the room).
SPOTLIGHT_STATUSES = (VISIBLE,)
SPOTLIGHT_OFF_WHEN = "concealed"

# What two cards merged into one share: the same kind, on the same board. Each
# card's `merge` action (realtime/policy.py) says whether it may take part.
MERGE_SAME = ("kind", "sector_id")

# What the facilitator may do to a card's status: action -> (from, to).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "approve": ((PENDING,), VISIBLE),
    "hide": ((VISIBLE, PENDING), HIDDEN),
    "show": ((HIDDEN,), VISIBLE),
    "delete": ((VISIBLE, PENDING, HIDDEN), DELETED),
    "restore": ((DELETED,), VISIBLE),
}

TEXT_MAX = 500
SERVICE_MAX = 120
NOTE_MAX = 1000  # cause and impact of a bottleneck
PLAN_MAX = 1000  # each action-plan field
CLUSTER_TITLE_MAX = 120
SIMILAR_QUERY_MIN = 4  # characters typed before similar cards are looked up

SCORES = {"u": "urgency", "s": "seriousness", "g": "growth"}
SCORE_RANGE = (1, 5)
# APKL: Aktual, Problematik, Kekhalayakan (affects many), Layak (feasible).
APKL = ("actual", "problematic", "public", "feasible")
# The action-plan matrix columns of a solution (DOMAIN.md); `agency` is the owner
# agency (OPD) whose people report on it at the follow-up meeting.
PLAN_FIELDS = (
    "steps",
    "indicator",
    "responsible",
    "timeframe",
    "resources",
    "stakeholders",
    "agency",
)
# The follow-up (Rencana Tindak Lanjut) of a plan: not started, under way, done.
NOT_STARTED = "belum"
UNDER_WAY = "berjalan"
DONE = "selesai"
FOLLOW_UP_STATUSES = (NOT_STARTED, UNDER_WAY, DONE)


class Card(Base):
    __tablename__ = "card"
    # The id the phone made for the post: a retried post finds its card again.
    __table_args__ = (UniqueConstraint("workshop_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(4))
    service: Mapped[str | None] = mapped_column(String(120))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    client_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default=VISIBLE)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("cluster.id", ondelete="SET NULL"))
    # Typed in by the facilitator from a paper card (for someone without a phone).
    entered_by_facilitator: Mapped[bool] = mapped_column(default=False)
    # A bottleneck the facilitator chose for root-cause analysis.
    analysed: Mapped[bool] = mapped_column(default=False)
    # A cause: its bone of the fishbone, its level under the bottleneck (1 = on
    # the bone, 2 = the "why?" of a level-1 cause, ...), marked a root cause.
    bone: Mapped[str | None] = mapped_column(String(40))
    depth: Mapped[int] = mapped_column(default=0)
    is_root: Mapped[bool] = mapped_column(default=False)
    # A solution: the root cause it addresses.
    addresses_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"))
    # How many participants support it ("+1" instead of a duplicate: core/votes.Support).
    supports: Mapped[int] = mapped_column(default=0, server_default="0")

    author: Mapped[Participant | None] = relationship()
    assessment: Mapped[Assessment | None] = relationship(
        uselist=False, cascade="all, delete-orphan", lazy="selectin"
    )
    plan: Mapped[ActionPlan | None] = relationship(
        uselist=False, cascade="all, delete-orphan", lazy="selectin"
    )

    def rank_key(self) -> tuple[int, int, int, int, int]:
        """USG priority (DOMAIN.md): highest total first; ties to the higher U, then the
        higher S; unscored last; then oldest first. Sent to browsers as `rank_key`."""
        a = self.assessment
        if a is None or a.total is None:
            return (1, 0, 0, 0, self.id)
        return (0, -a.total, -(a.urgency or 0), -(a.seriousness or 0), self.id)

    def as_dict(self, *, new: bool = False) -> dict[str, Any]:
        """The full card, as the facilitator sees it; `realtime.policy` shapes it for others.

        `new`: just posted, so with its tally, none yet: said by the server, so that a
        screen shows it as it shows every other (the policy drops it while hidden).
        """
        author = self.author
        data: dict[str, Any] = {
            "id": self.id,
            "client_id": self.client_id,
            "sector_id": self.sector_id,
            "kind": self.kind,
            "parent_id": self.parent_id,
            "text": self.text,
            "category": self.category,
            "service": self.service,
            "status": self.status,
            "merged_into": self.merged_into_id,
            "cluster_id": self.cluster_id,
            "entered_by_facilitator": self.entered_by_facilitator,
            "author": (
                {"id": author.id, "name": author.name, "agency": author.agency} if author else None
            ),
            "assessment": self.assessment.as_dict() if self.assessment else None,
            "plan": self.plan.as_dict() if self.plan else None,
            "created_at": self.created_at.isoformat() + "Z",
            "supports": self.supports or 0,
        }
        if self.kind == BOTTLENECK:
            data["rank_key"] = list(self.rank_key())
            data["analysed"] = self.analysed
        elif self.kind == CAUSE:
            data.update(bone=self.bone, depth=self.depth, root=self.is_root)
        else:
            data["addresses"] = self.addresses_id
        if new:
            data["votes"] = 0
        return data


class Assessment(Base):
    """The assessment of one bottleneck: USG scores, APKL checks, cause and impact."""

    __tablename__ = "assessment"

    card_id: Mapped[int] = mapped_column(
        ForeignKey("card.id", ondelete="CASCADE"), primary_key=True
    )
    urgency: Mapped[int | None]
    seriousness: Mapped[int | None]
    growth: Mapped[int | None]
    actual: Mapped[bool | None]
    problematic: Mapped[bool | None]
    public: Mapped[bool | None]
    feasible: Mapped[bool | None]
    cause: Mapped[str | None] = mapped_column(Text)
    impact: Mapped[str | None] = mapped_column(Text)
    scored_by_participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Who changed it last: a member of the sector's group, or None for steering.
    scored_by: Mapped[Participant | None] = relationship(lazy="selectin")

    @property
    def version(self) -> str:
        """The last change's time to the microsecond: what a client edited from."""
        return self.updated_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    @property
    def total(self) -> int | None:
        parts = (self.urgency, self.seriousness, self.growth)
        return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)

    def as_dict(self) -> dict[str, object]:
        return {
            "u": self.urgency,
            "s": self.seriousness,
            "g": self.growth,
            "total": self.total,
            "apkl": {name: getattr(self, name) for name in APKL},
            "cause": self.cause,
            "impact": self.impact,
            "version": self.version,
            "changed_by": (
                {"id": self.scored_by.id, "name": self.scored_by.name} if self.scored_by else None
            ),
        }


class ActionPlan(Base):
    """The action-plan details of one solution (Matriks Rencana Aksi columns)."""

    __tablename__ = "action_plan"

    card_id: Mapped[int] = mapped_column(
        ForeignKey("card.id", ondelete="CASCADE"), primary_key=True
    )
    steps: Mapped[str | None] = mapped_column(Text)  # Langkah kegiatan
    indicator: Mapped[str | None] = mapped_column(Text)  # Indikator keberhasilan
    responsible: Mapped[str | None] = mapped_column(Text)  # Penanggung jawab
    timeframe: Mapped[str | None] = mapped_column(Text)  # Waktu
    resources: Mapped[str | None] = mapped_column(Text)  # Sumber daya/anggaran
    stakeholders: Mapped[str | None] = mapped_column(Text)  # Pihak terkait
    agency: Mapped[str | None] = mapped_column(Text)  # OPD pemilik (owner agency)
    deadline: Mapped[dt.date | None] = mapped_column(Date)  # Tenggat
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # The follow-up: its status (None: not reported yet, read as NOT_STARTED),
    # the note that came with it, when, and by whom (a participant, or staff).
    status: Mapped[str | None] = mapped_column(String(12))
    status_note: Mapped[str | None] = mapped_column(Text)
    status_at: Mapped[dt.datetime | None]
    status_by_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    status_by_staff: Mapped[bool] = mapped_column(default=False)

    status_by: Mapped[Participant | None] = relationship(lazy="selectin")

    @property
    def progress(self) -> str:
        return self.status or NOT_STARTED

    def overdue(self, today: dt.date) -> bool:
        """Past its deadline and not done."""
        return self.deadline is not None and self.deadline < today and self.progress != DONE

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {name: getattr(self, name) for name in PLAN_FIELDS}
        data["deadline"] = self.deadline.isoformat() if self.deadline else None
        data["status"] = self.progress
        return data


class PlanUpdate(Base):
    """One status report on a plan, kept: the history of its follow-up."""

    __tablename__ = "plan_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(Text)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    by_staff: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    participant: Mapped[Participant | None] = relationship()


def cause_trees(cards: Iterable[Card]) -> dict[int, list[Card]]:
    """Each bottleneck's causes by its id, depth first and each level in the order
    posted: the problem tree as it reads from top to bottom. One pass over `cards`."""
    children: dict[int, list[Card]] = {}
    for card in cards:
        if card.kind == CAUSE and card.parent_id is not None:
            children.setdefault(card.parent_id, []).append(card)
    causes = {c.id for level in children.values() for c in level}

    def walk(parent: int, found: list[Card]) -> list[Card]:
        for child in sorted(children.get(parent, []), key=lambda c: c.id):
            found.append(child)
            walk(child.id, found)
        return found

    return {parent: walk(parent, []) for parent in children if parent not in causes}
