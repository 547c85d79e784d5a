"""The assessment of one bottleneck: USG scores, APKL checks, cause and impact."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Base
from ..timeutil import utcnow


class Assessment(Base):
    __tablename__ = "assessment"

    card_id: Mapped[int] = mapped_column(
        ForeignKey("card.id", ondelete="CASCADE"), primary_key=True
    )
    urgency: Mapped[int | None]
    seriousness: Mapped[int | None]
    growth: Mapped[int | None]
    # APKL: Aktual, Problematik, Kekhalayakan (affects many), Layak (feasible).
    actual: Mapped[bool | None]
    problematic: Mapped[bool | None]
    public: Mapped[bool | None]
    feasible: Mapped[bool | None]
    cause: Mapped[str | None] = mapped_column(Text)
    impact: Mapped[str | None] = mapped_column(Text)
    scored_by_participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

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
            "apkl": {
                "actual": self.actual,
                "problematic": self.problematic,
                "public": self.public,
                "feasible": self.feasible,
            },
            "cause": self.cause,
            "impact": self.impact,
        }
