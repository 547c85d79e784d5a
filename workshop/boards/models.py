"""Cards on a sector board: bottlenecks, and solutions proposed under them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Base
from ..participants.models import Participant
from ..timeutil import utcnow

BOTTLENECK = "bottleneck"
SOLUTION = "solution"


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

    author: Mapped[Participant | None] = relationship()

    def as_dict(self) -> dict[str, object]:
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
            "author": (
                {"id": author.id, "name": author.name, "agency": author.agency} if author else None
            ),
            "created_at": self.created_at.isoformat() + "Z",
        }
