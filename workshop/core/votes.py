"""One dot placed by one participant on one card; one participant's support of a card."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Base
from .timeutil import utcnow


class Vote(Base):
    __tablename__ = "vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    # The kind of card voted on, so each kind has its own budget.
    kind: Mapped[str] = mapped_column(String(20))
    entered_by_facilitator: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Support(Base):
    """A participant's "+1" on a card already on the board, given instead of posting
    the same problem again (the phone's similar-cards offer). Not a dot: it costs
    no budget and any phase that collects the card's kind takes it; once a card."""

    __tablename__ = "card_support"
    __table_args__ = (UniqueConstraint("card_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
