"""A signature on a day's attendance list: a participant's, a committee member's
(panitia) or a speaker's (narasumber)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..core.timeutil import utcnow
from ..extensions import Base

# Who signs: a participant from their phone, or committee and speakers through
# their own signing links (core/access.py COMMITTEE, SPEAKER).
PARTICIPANT = "participant"
COMMITTEE = "committee"
SPEAKER = "speaker"
ROLES = (PARTICIPANT, SPEAKER, COMMITTEE)  # in the order the annex lists them


class Signature(Base):
    """One person's signature on one day's attendance list (the picture is a PNG,
    checked and re-encoded by services.clean_png; it is loaded only when asked)."""

    __tablename__ = "attendance_signature"
    __table_args__ = (
        # One signature a participant a day; committee and speakers by name (services).
        Index("ix_attendance_signature_day", "workshop_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    # The attendance step it was signed in; a step removed later leaves the
    # signature on its day's list (an accountability file loses nothing).
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id", ondelete="SET NULL"))
    day: Mapped[int]
    role: Mapped[str] = mapped_column(String(12))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(80))
    agency: Mapped[str] = mapped_column(String(120))
    position: Mapped[str | None] = mapped_column(String(80))
    image: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    width: Mapped[int]
    height: Mapped[int]
    signed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    def as_dict(self) -> dict[str, object]:
        """The entry without its picture (fetched over HTTP by those who may see it)."""
        return {
            "id": self.id,
            "day": self.day,
            "role": self.role,
            "participant_id": self.participant_id,
            "name": self.name,
            "agency": self.agency,
            "position": self.position,
            "signed_at": self.signed_at.isoformat() + "Z",
        }
