"""A poll or word cloud of one agenda step, and each phone's answers to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.timeutil import utcnow
from ..extensions import Base

POLL = "poll"
WORDCLOUD = "wordcloud"
KINDS = (POLL, WORDCLOUD)
# Results shown as answers come in, or only once the facilitator reveals them.
LIVE = "live"
HIDDEN = "hidden"
RESULTS = (LIVE, HIDDEN)

QUESTION_MAX = 300
OPTION_MAX = 120
MAX_OPTIONS = 8
ENTRY_MAX = 60  # characters of one word-cloud entry as typed
ENTRY_WORDS = 3  # words of one entry
MAX_ENTRIES = 3  # entries a phone sends to one word cloud


class Poll(Base):
    """One step's question: its options (a poll), and what the facilitator decided."""

    __tablename__ = "poll"
    __table_args__ = (UniqueConstraint("phase_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    # The step it belongs to, whose kind (POLL or WORDCLOUD) says what it is.
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(String(QUESTION_MAX), default="")
    # [{"id": 1, "text": "..."}]: ids stay when options are edited or reordered.
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    results: Mapped[str] = mapped_column(String(8), default=LIVE)
    revealed: Mapped[bool] = mapped_column(default=False)
    # Closed by the facilitator while its step is current; leaving the step closes
    # it too (answers are taken only while its phase is the current one).
    closed: Mapped[bool] = mapped_column(default=False)
    # Word-cloud terms the facilitator took off the projector.
    hidden_terms: Mapped[list[str]] = mapped_column(JSON, default=list)

    @property
    def visible(self) -> bool:
        """Whether those who do not steer may see the results now."""
        return self.results == LIVE or self.revealed


class PollAnswer(Base):
    """One phone's answer: a poll's choice (slot 0), or one of its word-cloud entries."""

    __tablename__ = "poll_answer"
    __table_args__ = (
        # One answer a phone (a poll), or MAX_ENTRIES (a word cloud): counted once.
        UniqueConstraint("poll_id", "participant_id", "slot"),
        # A retried send finds the answer it made (idempotent acknowledgement).
        UniqueConstraint("workshop_id", "client_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    poll_id: Mapped[int] = mapped_column(ForeignKey("poll.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    slot: Mapped[int] = mapped_column(default=0)
    client_id: Mapped[str] = mapped_column(String(64))
    choice: Mapped[int | None]  # a poll's option id
    text: Mapped[str | None] = mapped_column(String(ENTRY_MAX))  # a word-cloud entry as typed
    term: Mapped[str | None] = mapped_column(String(ENTRY_MAX), index=True)  # ... normalised
    # Caught by the profanity filter: held for the facilitator, never counted or shown.
    held: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
