"""The action-plan details of one solution (Matriks Rencana Aksi columns)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Base
from ..timeutil import utcnow

PLAN_FIELDS = ("steps", "indicator", "responsible", "timeframe", "resources", "stakeholders")


class ActionPlan(Base):
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
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in PLAN_FIELDS}
