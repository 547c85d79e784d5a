"""A participant: one person on one phone in one workshop."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Base
from ..timeutil import utcnow


class Participant(Base):
    __tablename__ = "participant"
    # One id per rendering of the join form: a double-tapped "Join" finds the
    # participant the first tap made instead of making a second one.
    __table_args__ = (UniqueConstraint("workshop_id", "join_token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    agency: Mapped[str] = mapped_column(String(120))
    position: Mapped[str | None] = mapped_column(String(80))
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sector.id"))
    join_token: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "agency": self.agency,
            "position": self.position,
            "sector_id": self.sector_id,
        }
