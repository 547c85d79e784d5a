"""A named cluster of similar cards on one sector board."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

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
