"""The speakers' questions in the JSON backup (exports/json_export.py) and back
(exports/importer.py). Records refer to phases and participants by their `ref`
in the file. As the policy's BACKUP view has it, an anonymous question is kept
without its author."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from ..core.models import Participant, Workshop
from ..extensions import db
from ..realtime.policy import BACKUP_VIEW
from .models import STATUSES, Question, QuestionSession, QuestionVote
from .services import questions_of, sessions_of


def export(workshop: Workshop, person_ref: dict[int, int]) -> dict[str, Any]:
    """{sessions, questions, upvotes} of the workshop, by ref."""
    phase_ref = {p.id: i + 1 for i, p in enumerate(workshop.phases)}
    question_ref: dict[int, int] = {}
    questions: list[dict[str, Any]] = []
    for question, data in questions_of(workshop):
        shown = BACKUP_VIEW.question(data) or {}
        author = shown.get("author")
        question_ref[question.id] = len(questions) + 1
        questions.append(
            {
                "ref": question_ref[question.id],
                "phase": phase_ref[question.phase_id],
                "client_id": question.client_id,
                "author": person_ref.get(author["id"]) if author else None,
                "anonymous": question.anonymous,
                "text": question.text,
                "status": question.status,
                "answered": question.answered,
                "answer_note": question.answer_note,
                "created_at": question.created_at.isoformat(),
            }
        )
    votes = db.session.scalars(
        select(QuestionVote)
        .where(QuestionVote.workshop_id == workshop.id)
        .order_by(QuestionVote.id)
    )
    sessions = sessions_of(workshop)
    for session in sessions:
        session["phase"] = phase_ref[session.pop("phase_id")]
        lit = session.pop("highlighted_id")
        session["highlighted"] = question_ref.get(lit) if lit else None
    return {
        "sessions": sessions,
        "questions": questions,
        "upvotes": [
            {"question": question_ref[v.question_id], "participant": person_ref[v.participant_id]}
            for v in votes
        ],
    }


def restore(
    workshop: Workshop, data: dict[str, Any] | None, people: dict[int, Participant]
) -> None:
    """Put back what `export` wrote, into a workshop whose phases and people are restored."""
    if not data:
        return
    phases = list(workshop.phases)
    made: dict[int, Question] = {}
    for item in data.get("questions", []):
        status = item["status"] if item.get("status") in STATUSES else "hidden"
        question = Question(
            workshop_id=workshop.id,
            phase_id=phases[int(item["phase"]) - 1].id,
            client_id=str(item["client_id"])[:64],
            author_id=people[item["author"]].id if item.get("author") else None,
            anonymous=bool(item.get("anonymous")),
            text=str(item["text"]),
            status=status,
            votes=0,
            answered=bool(item.get("answered")),
            answer_note=item.get("answer_note"),
            created_at=dt.datetime.fromisoformat(item["created_at"]),
        )
        db.session.add(question)
        made[item["ref"]] = question
    db.session.flush()
    for vote in data.get("upvotes", []):
        question = made[vote["question"]]
        question.votes += 1
        db.session.add(
            QuestionVote(
                workshop_id=workshop.id,
                question_id=question.id,
                participant_id=people[vote["participant"]].id,
            )
        )
    for item in data.get("sessions", []):
        lit = made.get(item["highlighted"]) if item.get("highlighted") else None
        db.session.add(
            QuestionSession(
                workshop_id=workshop.id,
                phase_id=phases[int(item["phase"]) - 1].id,
                speaker=item.get("speaker"),
                topic=item.get("topic"),
                anonymous_allowed=bool(item.get("anonymous_allowed", True)),
                approval_required=bool(item.get("approval_required")),
                highlighted_id=lit.id if lit else None,
            )
        )
    db.session.flush()
