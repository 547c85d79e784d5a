"""Cards on a sector board: bottlenecks, and solutions proposed under them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Base
from ..participants.models import Participant
from ..timeutil import utcnow

if TYPE_CHECKING:
    from ..plans.models import ActionPlan
    from ..scoring.models import Assessment

BOTTLENECK = "bottleneck"
SOLUTION = "solution"

# A card's life: shown; waiting for the facilitator's approval; hidden by the
# facilitator; deleted (recoverable); merged into another card.
VISIBLE = "visible"
PENDING = "pending"
HIDDEN = "hidden"
DELETED = "deleted"
MERGED = "merged"


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

    author: Mapped[Participant | None] = relationship()
    assessment: Mapped[Assessment | None] = relationship(
        uselist=False, cascade="all, delete-orphan", lazy="selectin"
    )
    plan: Mapped[ActionPlan | None] = relationship(
        uselist=False, cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_public(self) -> bool:
        return self.status == VISIBLE

    def as_dict(self) -> dict[str, Any]:
        """The full card, as the facilitator sees it; `realtime.views` redacts it for others."""
        author = self.author
        return {
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
        }
