"""The question bank of the pre-test and post-test, the phones' answers, and the
anonymous evaluations (evaluasi narasumber, evaluasi penyelenggaraan).

An evaluation's answers are kept apart from who sent them: a response row has
no participant, no time and a random id; a receipt row says that a phone has
sent the step's form (one a phone, by a unique constraint) and nothing of what
it said. Nothing joins the two."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..core.timeutil import utcnow
from ..extensions import Base

PRETEST = "pretest"
POSTTEST = "posttest"
STAGES = (PRETEST, POSTTEST)
EVALUATION = "evaluation"


class QuizQuestion(Base):
    """A multiple-choice question of the workshop's bank, with one right choice."""

    __tablename__ = "quiz_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(500))
    choices: Mapped[list[str]] = mapped_column(JSON)
    answer: Mapped[int]  # the right choice's index in `choices`
    explanation: Mapped[str | None] = mapped_column(String(1000))

    def public(self) -> dict[str, object]:
        """The question as a phone may see it while the test is open: no answer."""
        return {"id": self.id, "text": self.text, "choices": list(self.choices)}

    def as_dict(self) -> dict[str, object]:
        return {**self.public(), "answer": self.answer, "explanation": self.explanation}


class QuizAnswer(Base):
    """One phone's answer to one question in the pre-test or the post-test: one
    a question a stage a phone (the unique constraint counts a burst once)."""

    __tablename__ = "quiz_answer"
    __table_args__ = (UniqueConstraint("participant_id", "stage", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id", ondelete="SET NULL"))
    stage: Mapped[str] = mapped_column(String(8))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("quiz_question.id", ondelete="CASCADE"))
    choice: Mapped[int]
    client_id: Mapped[str] = mapped_column(String(64))
    answered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class QuizClosure(Base):
    """The facilitator closed the pre-test or the post-test: phones see their score."""

    __tablename__ = "quiz_closure"
    __table_args__ = (UniqueConstraint("workshop_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(8))
    closed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EvaluationForm(Base):
    """An evaluation step's settings: the scale, the speakers evaluated, whether the
    organisation is; `closed_at` once the facilitator closed it."""

    __tablename__ = "evaluation_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id", ondelete="CASCADE"), unique=True)
    scale: Mapped[int] = mapped_column(default=4)
    speakers: Mapped[list[str]] = mapped_column(JSON, default=list)
    organisation: Mapped[bool] = mapped_column(default=True)
    closed_at: Mapped[dt.datetime | None]


class EvaluationResponse(Base):
    """One anonymous evaluation of one target (a speaker, or the organisation):
    a score per item and a comment. No participant, no time; a random id."""

    __tablename__ = "evaluation_response"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(String(20))  # "speaker:<n>" or "organisation"
    scores: Mapped[dict[str, int]] = mapped_column(JSON)
    comment: Mapped[str | None] = mapped_column(Text)


class EvaluationReceipt(Base):
    """That a phone has sent an evaluation step's form (one a phone), nothing more."""

    __tablename__ = "evaluation_receipt"
    __table_args__ = (UniqueConstraint("phase_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
