"""A speaker's question session (one per 'questions' phase), its questions and upvotes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.timeutil import utcnow
from ..extensions import Base

SPEAKER_MAX = 120
TOPIC_MAX = 200
QUESTION_MAX = 300
NOTE_MAX = 1000

# A question's status: waiting for the facilitator (when approval is on), on the
# list for everyone, or taken off it by the facilitator (kept, never erased).
PENDING, VISIBLE, HIDDEN = "pending", "visible", "hidden"
STATUSES = (PENDING, VISIBLE, HIDDEN)


class QuestionSession(Base):
    """The settings of one 'questions' step: whose session, on what, and its rules."""

    __tablename__ = "question_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id", ondelete="CASCADE"), unique=True)
    speaker: Mapped[str | None] = mapped_column(String(SPEAKER_MAX))
    topic: Mapped[str | None] = mapped_column(String(TOPIC_MAX))
    # Participants may tick "ask anonymously".
    anonymous_allowed: Mapped[bool] = mapped_column(default=True)
    # Questions wait in the facilitator's queue before anyone else sees them.
    approval_required: Mapped[bool] = mapped_column(default=False)
    # The question shown large on the projector, or none.
    highlighted_id: Mapped[int | None] = mapped_column(
        ForeignKey("question.id", ondelete="SET NULL")
    )

    def as_dict(self) -> dict[str, Any]:
        return {
            "phase_id": self.phase_id,
            "speaker": self.speaker,
            "topic": self.topic,
            "anonymous_allowed": self.anonymous_allowed,
            "approval_required": self.approval_required,
            "highlighted_id": self.highlighted_id,
        }


class Question(Base):
    """A question sent from a phone to the speaker of one session."""

    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("workshop_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    # Kept even for an anonymous question, only so that its author recognises it,
    # cannot upvote it and is held to the flood limits; never sent to anyone else
    # (realtime/policy.py `question`), nor written to a report or a backup.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    anonymous: Mapped[bool] = mapped_column(default=False)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=VISIBLE)
    votes: Mapped[int] = mapped_column(default=0)
    answered: Mapped[bool] = mapped_column(default=False)
    answer_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[dt.datetime | None]

    def as_dict(self, author_name: str | None = None) -> dict[str, Any]:
        """The whole question, as stored in the event log; the policy shapes it per viewer."""
        return {
            "id": self.id,
            "phase_id": self.phase_id,
            "client_id": self.client_id,
            "text": self.text,
            "status": self.status,
            "anonymous": self.anonymous,
            "author": None
            if self.author_id is None
            else {"id": self.author_id, "name": author_name},
            "votes": self.votes,
            "answered": self.answered,
            "answer_note": self.answer_note,
            "created_at": self.created_at.isoformat() + "Z",
        }


class QuestionVote(Base):
    """One participant's upvote on one question (at most one each)."""

    __tablename__ = "question_vote"
    __table_args__ = (UniqueConstraint("question_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
