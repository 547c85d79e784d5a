"""The pre-test, the post-test and the evaluations in the JSON backup
(exports/json_export.py) and back (exports/importer.py). Records refer to
phases, participants and questions by their `ref` in the file.

An evaluation is kept as its answers alone: no participant, and not the receipts
saying who has sent a step's form (with one sender, they would name the answers);
the answers are written in an order of their own (by part, scores, comment),
never in the order they were sent. A restored copy's phones are new (the copy
has its own links), so no receipt is needed to keep one form a phone."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import select

from ..core.models import Participant, Phase, Workshop
from ..core.timeutil import utcnow
from ..extensions import db
from .evaluation import evaluation_phases, form_of
from .models import (
    EVALUATION,
    STAGES,
    EvaluationForm,
    EvaluationResponse,
    QuizAnswer,
    QuizClosure,
    QuizQuestion,
)
from .services import questions


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _when(value: object) -> dt.datetime | None:
    return dt.datetime.fromisoformat(str(value)) if value else None


def export(workshop: Workshop, person_ref: dict[int, int]) -> dict[str, Any]:
    """{bank, answers, closed, evaluations} of the workshop, by ref."""
    phase_ref = {p.id: i + 1 for i, p in enumerate(workshop.phases)}
    bank = questions(workshop)
    question_ref = {q.id: i + 1 for i, q in enumerate(bank)}
    answers = db.session.scalars(
        select(QuizAnswer).where(QuizAnswer.workshop_id == workshop.id).order_by(QuizAnswer.id)
    )
    closures = db.session.scalars(
        select(QuizClosure)
        .where(QuizClosure.workshop_id == workshop.id)
        .order_by(QuizClosure.stage)
    )
    return {
        "bank": [
            {"ref": question_ref[q.id], **{k: v for k, v in q.as_dict().items() if k != "id"}}
            for q in bank
        ],
        "answers": [
            {
                "stage": a.stage,
                "phase": phase_ref.get(a.phase_id) if a.phase_id else None,
                "participant": person_ref[a.participant_id],
                "question": question_ref[a.question_id],
                "choice": a.choice,
                "client_id": a.client_id,
                "answered_at": _iso(a.answered_at),
            }
            for a in answers
        ],
        "closed": [{"stage": c.stage, "closed_at": _iso(c.closed_at)} for c in closures],
        "evaluations": [
            _evaluation(workshop, phase, phase_ref) for phase in evaluation_phases(workshop)
        ],
    }


def _evaluation(workshop: Workshop, phase: Phase, phase_ref: dict[int, int]) -> dict[str, Any]:
    form = form_of(workshop, phase)
    rows = db.session.scalars(
        select(EvaluationResponse).where(EvaluationResponse.phase_id == phase.id)
    )
    ordered = sorted(
        rows, key=lambda r: (r.target, sorted(r.scores.items()), r.comment or "")
    )  # never in the order they were sent
    answers = [
        {"target": r.target, "scores": dict(sorted(r.scores.items())), "comment": r.comment}
        for r in ordered
    ]
    return {
        "phase": phase_ref[phase.id],
        "scale": form.scale,
        "speakers": list(form.speakers or []),
        "organisation": form.organisation,
        "closed_at": _iso(form.closed_at),
        "answers": answers,
    }


def restore(
    workshop: Workshop, data: dict[str, Any] | None, people: dict[int, Participant]
) -> None:
    """Put back what `export` wrote, into a workshop whose phases and people are restored."""
    if not data:
        return
    phases = list(workshop.phases)
    made: dict[int, QuizQuestion] = {}
    for position, item in enumerate(data.get("bank", [])):
        choices = [str(c) for c in item["choices"]]
        if not 0 <= int(item["answer"]) < len(choices):
            raise ValueError("answer")
        made[item["ref"]] = QuizQuestion(
            workshop_id=workshop.id,
            position=position,
            text=str(item["text"]),
            choices=choices,
            answer=int(item["answer"]),
            explanation=item.get("explanation"),
        )
    db.session.add_all(made.values())
    db.session.flush()
    for item in data.get("answers", []):
        if item["stage"] not in STAGES:
            raise ValueError("stage")
        db.session.add(
            QuizAnswer(
                workshop_id=workshop.id,
                phase_id=phases[int(item["phase"]) - 1].id if item.get("phase") else None,
                stage=item["stage"],
                participant_id=people[item["participant"]].id,
                question_id=made[item["question"]].id,
                choice=int(item["choice"]),
                client_id=str(item["client_id"])[:64],
                answered_at=_when(item.get("answered_at")) or utcnow(),
            )
        )
    for item in data.get("closed", []):
        if item["stage"] not in STAGES:
            raise ValueError("stage")
        db.session.add(
            QuizClosure(
                workshop_id=workshop.id,
                stage=item["stage"],
                closed_at=_when(item.get("closed_at")) or utcnow(),
            )
        )
    for item in data.get("evaluations", []):
        _restore_evaluation(workshop, phases[int(item["phase"]) - 1], item)
    db.session.flush()


def _restore_evaluation(workshop: Workshop, phase: Phase, item: dict[str, Any]) -> None:
    if phase.kind != EVALUATION:
        raise ValueError("phase")
    db.session.add(
        EvaluationForm(
            workshop_id=workshop.id,
            phase_id=phase.id,
            scale=int(item["scale"]),
            speakers=[str(s) for s in item.get("speakers") or []],
            organisation=bool(item.get("organisation")),
            closed_at=_when(item.get("closed_at")),
        )
    )
    for answer in item.get("answers", []):
        db.session.add(
            EvaluationResponse(
                id=secrets.token_hex(12),
                workshop_id=workshop.id,
                phase_id=phase.id,
                target=str(answer["target"])[:20],
                scores={str(k): int(v) for k, v in dict(answer["scores"]).items()},
                comment=answer.get("comment"),
            )
        )
