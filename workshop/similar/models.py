"""A suggestion the facilitator dismissed, so that it is not offered again."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.timeutil import utcnow
from ..extensions import Base

MERGE = "merge"
CLUSTER = "cluster"


class Dismissal(Base):
    __tablename__ = "dismissal"
    __table_args__ = (UniqueConstraint("workshop_id", "kind", "cards"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # MERGE or CLUSTER
    # The suggestion's card ids, sorted and comma-separated: "12,31".
    cards: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @staticmethod
    def key(card_ids: list[int]) -> str:
        return ",".join(str(i) for i in sorted(set(card_ids)))
