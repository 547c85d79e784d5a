"""The event log: every broadcast, stored with its sequence number for resync."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.timeutil import utcnow
from ..extensions import Base

# Who may receive an event, before each viewer's own view is applied
# (realtime/policy.py): everyone in the workshop; the projector (the DISPLAY
# viewer) and those who steer; or only those who steer (the STEERING viewer:
# facilitator and co-facilitators). Stored in the event log: keep the values.
EVERYONE = "all"
DISPLAY = "display"
STEERING = "steering"


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (UniqueConstraint("workshop_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    seq: Mapped[int]
    type: Mapped[str] = mapped_column(String(40))
    # None: workshop-wide. Otherwise only watchers of that sector board receive it.
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sector.id"))
    audience: Mapped[str] = mapped_column(String(10), default=EVERYONE)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def as_message(self) -> dict[str, Any]:
        return {"seq": self.seq, "type": self.type, "sector_id": self.sector_id, "data": self.data}
