"""Polls and word clouds in the JSON backup (exports/json_export.py) and back
(exports/importer.py): each step's settings and every answer, held ones too
(the BACKUP viewer sees everything), referring to phases and participants by
their `ref` in the file, never by database id."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from ..core.errors import invalid
from ..core.models import Participant, Phase, Workshop
from ..extensions import db
from .models import RESULTS, Poll, PollAnswer


def backup(
    workshop: Workshop, phases: list[Phase], person_ref: dict[int, int]
) -> list[dict[str, Any]]:
    """Every poll of the workshop with its answers; `phases` in the file's order."""
    phase_ref = {phase.id: i + 1 for i, phase in enumerate(phases)}
    polls = db.session.scalars(
        select(Poll).where(Poll.workshop_id == workshop.id).order_by(Poll.id)
    ).all()
    answers = db.session.scalars(
        select(PollAnswer).where(PollAnswer.workshop_id == workshop.id).order_by(PollAnswer.id)
    ).all()
    return [
        {
            "phase": phase_ref[poll.phase_id],
            "question": poll.question,
            "options": poll.options,
            "results": poll.results,
            "revealed": poll.revealed,
            "closed": poll.closed,
            "hidden_terms": poll.hidden_terms,
            "answers": [
                {
                    "participant": person_ref[a.participant_id],
                    "slot": a.slot,
                    "client_id": a.client_id,
                    "choice": a.choice,
                    "text": a.text,
                    "term": a.term,
                    "held": a.held,
                }
                for a in answers
                if a.poll_id == poll.id
            ],
        }
        for poll in polls
    ]


def restore(workshop: Workshop, rows: list[dict[str, Any]], people: dict[int, Participant]) -> None:
    """Recreate the polls of a backup in a workshop whose phases were just restored
    in the file's order."""
    phases = list(workshop.phases)
    for data in rows:
        if data.get("results") not in RESULTS:
            raise invalid(_("This export is damaged: %(detail)s", detail="results"))
        poll = Poll(
            workshop_id=workshop.id,
            phase_id=phases[int(data["phase"]) - 1].id,
            question=str(data.get("question") or ""),
            options=list(data.get("options") or []),
            results=data["results"],
            revealed=bool(data.get("revealed")),
            closed=bool(data.get("closed")),
            hidden_terms=list(data.get("hidden_terms") or []),
        )
        db.session.add(poll)
        db.session.flush()
        for answer in data.get("answers") or []:
            db.session.add(
                PollAnswer(
                    workshop_id=workshop.id,
                    poll_id=poll.id,
                    participant_id=people[answer["participant"]].id,
                    slot=int(answer["slot"]),
                    client_id=str(answer["client_id"]),
                    choice=answer.get("choice"),
                    text=answer.get("text"),
                    term=answer.get("term"),
                    held=bool(answer.get("held")),
                )
            )
    db.session.flush()
