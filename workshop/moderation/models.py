"""A named cluster of similar cards on one sector board, and the record of a merge."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..core.timeutil import utcnow
from ..extensions import Base


class Cluster(Base):
    __tablename__ = "cluster"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id"))
    title: Mapped[str] = mapped_column(String(120))

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "sector_id": self.sector_id, "title": self.title}


class MergeRecord(Base):
    """What a merge changed, so that the facilitator can undo it exactly."""

    __tablename__ = "merge_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("card.id"))
    source_status: Mapped[str] = mapped_column(String(12))  # before the merge
    # Votes moved from the source to the target (ids), and those dropped so that
    # nobody was counted twice ({participant_id, kind, entered_by_facilitator}).
    moved_votes: Mapped[list[int]] = mapped_column(JSON)
    dropped_votes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    children: Mapped[list[int]] = mapped_column(JSON)  # the source's own, re-hung
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[dt.datetime | None]
