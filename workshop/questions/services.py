"""Speakers' questions: ask, upvote, moderate, highlight, answer; and what each viewer reads.

A 'questions' step of the agenda (a phase of kind `questions`) is one speaker's
session. While it is the current phase, participants send questions to it and
upvote others'; the facilitator approves them (when the session asks for
approval), highlights one on the projector and marks them answered. Leaving the
phase closes it for input; its questions stay, for the projector and the report.
Rules are decided here and by the visibility policy (realtime/policy.py,
`Viewer.question`); the handlers (events.py), the CLI and the tests call these.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from ..core.errors import DomainError, forbidden, invalid, not_found
from ..core.lifecycle import RUNNING
from ..core.models import Participant, Phase, Workshop
from ..core.timeutil import utcnow
from ..core.validation import clean_text, optional_int, required_flag
from ..extensions import db
from ..realtime.batches import batcher
from ..realtime.broadcast import Stamp, stamp, stamp_all
from ..realtime.policy import Viewer
from ..realtime.unit import unit_of_work
from .models import (
    HIDDEN,
    NOTE_MAX,
    PENDING,
    QUESTION_MAX,
    SPEAKER_MAX,
    TOPIC_MAX,
    VISIBLE,
    Question,
    QuestionSession,
    QuestionVote,
)

KIND = "questions"
SESSION_EVENT = "questions.session"
VOTED_EVENT = "questions.voted"
# Flood limits beyond the socket's own (a burst of 30 events, then 5 a second):
# one participant may have this many questions waiting for approval at once,
# and send this many to one session in all.
MAX_WAITING = 3
MAX_PER_SESSION = 10
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# What the facilitator may do to a question's status: from which statuses, to which.
MODERATION = {
    "approve": ((PENDING,), VISIBLE),
    "hide": ((PENDING, VISIBLE), HIDDEN),
    "show": ((HIDDEN,), VISIBLE),
}


# -- the session (one a 'questions' phase) ------------------------------------


def questions_phase(workshop: Workshop, phase_id: object) -> Phase:
    """A phase of kind `questions` of this workshop, or `not_found`."""
    wanted = optional_int(phase_id, "phase_id")
    phase = next((p for p in workshop.phases if p.id == wanted), None)
    if phase is None or phase.kind != KIND:
        raise not_found(_("This question session does not exist in this workshop."))
    return phase


def session_of(workshop: Workshop, phase: Phase) -> QuestionSession:
    """The session's settings, made with the defaults the first time they are needed."""
    found = db.session.scalar(select(QuestionSession).where(QuestionSession.phase_id == phase.id))
    if found is None:
        found = QuestionSession(workshop_id=workshop.id, phase_id=phase.id, speaker=None)
        found.anonymous_allowed = True
        found.approval_required = False
        db.session.add(found)
        db.session.flush()
    return found


def configure(workshop: Workshop, payload: Mapping[str, Any]) -> QuestionSession:
    """Set a session's speaker, topic, and whether questions may be anonymous or wait
    for approval: {phase_id, speaker?, topic?, anonymous_allowed?, approval_required?}."""
    session = session_of(workshop, questions_phase(workshop, payload.get("phase_id")))
    if "speaker" in payload:
        session.speaker = clean_text(
            payload["speaker"], "speaker", max_length=SPEAKER_MAX, required=False
        )
    if "topic" in payload:
        session.topic = clean_text(payload["topic"], "topic", max_length=TOPIC_MAX, required=False)
    for flag in ("anonymous_allowed", "approval_required"):
        if flag in payload:
            setattr(session, flag, required_flag(payload[flag], flag))
    announce_session(workshop, session)
    return session


def announce_session(workshop: Workshop, session: QuestionSession) -> None:
    db.session.flush()
    stamp(workshop, SESSION_EVENT, session.as_dict())


# -- asking and upvoting (participants) ---------------------------------------


def open_session(workshop: Workshop) -> QuestionSession:
    """The session taking questions now: the current phase's, if it is a 'questions' step,
    while the workshop runs and the facilitator has not closed posting."""
    phase = workshop.phase
    if phase is None or phase.kind != KIND:
        raise forbidden(_("Questions are not being collected now."))
    if workshop.locked or workshop.state != RUNNING:  # as posting cards is closed
        raise forbidden(_("This session is not taking questions now."))
    return session_of(workshop, phase)


def ask(
    workshop: Workshop, author: Participant, payload: Mapping[str, Any]
) -> tuple[Question, bool]:
    """Send a question to the current session: {client_id, text, anonymous?}.

    A resend of the same `client_id` returns the question stored the first time
    (False: not new). It waits for approval when the session asks for that.
    """
    client_id = payload.get("client_id")
    if not isinstance(client_id, str) or not _CLIENT_ID.match(client_id):
        raise invalid(_("The post has no valid id; reload the page."), client_id=_("Invalid."))
    existing = db.session.scalar(
        select(Question).where(Question.workshop_id == workshop.id, Question.client_id == client_id)
    )
    if existing is not None:
        if existing.author_id != author.id:
            message = _("This post id is already used.")
            raise DomainError("conflict", message, {"client_id": message})
        return existing, False
    session = open_session(workshop)
    text = str(clean_text(payload.get("text"), "text", max_length=QUESTION_MAX, multiline=True))
    anonymous = required_flag(payload.get("anonymous", False), "anonymous")
    if anonymous and not session.anonymous_allowed:
        message = _("Questions in this session are asked with your name.")
        raise invalid(message, anonymous=message)
    _check_flood(session, author)
    question = Question(
        workshop_id=workshop.id,
        phase_id=session.phase_id,
        client_id=client_id,
        author_id=author.id,
        anonymous=anonymous,
        text=text,
        status=PENDING if session.approval_required else VISIBLE,
        votes=0,
        answered=False,
        created_at=utcnow(),
    )
    db.session.add(question)
    db.session.flush()
    publish(workshop, question, created=True)
    return question, True


def _check_flood(session: QuestionSession, author: Participant) -> None:
    """Refuse a participant who has too many questions waiting, or sent too many
    (`cap`: the phone shows why and keeps the text; it does not resend by itself)."""
    mine = select(Question.status).where(
        Question.phase_id == session.phase_id, Question.author_id == author.id
    )
    statuses = list(db.session.scalars(mine))
    if len(statuses) >= MAX_PER_SESSION:
        message = _(
            "You have sent %(n)d questions to this session: the most one person may.",
            n=MAX_PER_SESSION,
        )
        raise DomainError("cap", message, {"text": message})
    if statuses.count(PENDING) >= MAX_WAITING:
        message = _("Wait until the facilitator has read your questions before sending more.")
        raise DomainError("cap", message, {"text": message})


@dataclass(frozen=True)
class Upvoted:
    question: Question
    votes: int  # its upvotes, counted once this one is stored (or taken back)


def upvote(
    workshop: Workshop, participant: Participant, question_id: object, up: object = True
) -> Upvoted:
    """Upvote another's approved question of the current session, once; or take it back.

    The new count reaches screens as `questions.voted`: with a tally interval, in
    the next batch after this transaction commits (`stamp_upvotes`), so a room
    upvoting at once is sent one message a batch, not one an upvote; without,
    in this transaction."""
    question = question_in(workshop, question_id)
    wanted = required_flag(up, "up")
    session = open_session(workshop)
    if question.phase_id != session.phase_id or question.status != VISIBLE:
        raise forbidden(_("This question cannot be upvoted now."))
    if question.author_id == participant.id:
        raise forbidden(_("You cannot upvote your own question."))
    held = db.session.scalar(
        select(QuestionVote).where(
            QuestionVote.question_id == question.id,
            QuestionVote.participant_id == participant.id,
        )
    )
    if wanted:
        if question.answered:
            raise forbidden(_("This question has been answered."))
        if held is not None:
            raise invalid(_("You have already upvoted this question."))
        db.session.add(
            QuestionVote(
                workshop_id=workshop.id, question_id=question.id, participant_id=participant.id
            )
        )
    elif held is not None:
        db.session.execute(delete(QuestionVote).where(QuestionVote.id == held.id))
    else:
        return Upvoted(question, upvotes_of(question.id))
    db.session.flush()
    votes = upvotes_of(question.id)
    if batcher().interval() > 0:
        batcher().mark_after_commit(stamp_upvotes, workshop.id, question.id)
    else:
        question.votes = votes
        stamp(
            workshop,
            VOTED_EVENT,
            {"phase_id": question.phase_id, "votes": {str(question.id): votes}},
        )
    return Upvoted(question, votes)


def upvotes_of(question_id: int) -> int:
    """A question's upvotes, counted (its `votes` column follows at the next batch)."""
    return int(
        db.session.scalar(
            select(func.count(QuestionVote.id)).where(QuestionVote.question_id == question_id)
        )
        or 0
    )


def _counted() -> Any:
    """Each question's upvotes, as a column of a statement on `Question`."""
    return (
        select(func.count(QuestionVote.id))
        .where(QuestionVote.question_id == Question.id)
        .scalar_subquery()
    )


def stamp_upvotes(workshop_id: int, question_ids: set[int], _flags: frozenset[str]) -> None:
    """One batch of upvotes (realtime/batches.py), in one transaction: each marked
    question's `votes` set to its count, and one `questions.voted`
    `{phase_id, votes: {question id: count}}` a session (in practice the current
    one) with the counts of those still approved."""
    with unit_of_work():
        workshop = db.session.get(Workshop, workshop_id)
        if workshop is None or workshop.write_refusal() is not None:
            return  # gone or archived since: nothing more is broadcast
        marked = (Question.workshop_id == workshop_id, Question.id.in_(sorted(question_ids)))
        db.session.execute(
            update(Question).where(*marked).values(votes=_counted()),
            execution_options={"synchronize_session": False},
        )
        # A question hidden since its upvote is not named to the room; steering had
        # its count in the `questions.updated` of its hiding, which counted the rows.
        per_session: dict[int, dict[str, int]] = {}
        rows = db.session.execute(
            select(Question.id, Question.phase_id, Question.votes).where(
                *marked, Question.status == VISIBLE
            )
        )
        for question_id, phase_id, votes in sorted(rows.all()):
            per_session.setdefault(phase_id, {})[str(question_id)] = votes
        stamp_all(
            workshop,
            [
                Stamp(VOTED_EVENT, {"phase_id": phase_id, "votes": votes})
                for phase_id, votes in sorted(per_session.items())
            ],
        )


# -- steering ------------------------------------------------------------------


def moderate(workshop: Workshop, question_id: object, action: object) -> Question:
    """Approve, hide or show a question again (nothing is erased)."""
    question = question_in(workshop, question_id)
    if action not in MODERATION:
        raise invalid(_("Invalid value."), action=_("Invalid."))
    sources, target = MODERATION[str(action)]
    if question.status not in sources:
        raise invalid(_("This question cannot be changed that way now."))
    question.status = target
    session = session_of(workshop, questions_phase(workshop, question.phase_id))
    if target != VISIBLE and session.highlighted_id == question.id:
        session.highlighted_id = None
        announce_session(workshop, session)
    publish(workshop, question)
    return question


def highlight(workshop: Workshop, payload: Mapping[str, Any]) -> QuestionSession:
    """Show one approved question large on the projector, or none:
    {question_id} or {phase_id, question_id: null}."""
    question_id = optional_int(payload.get("question_id"), "question_id")
    if question_id is None:
        session = session_of(workshop, questions_phase(workshop, payload.get("phase_id")))
        session.highlighted_id = None
    else:
        question = question_in(workshop, question_id)
        if question.status != VISIBLE:
            raise invalid(_("Only an approved question can be shown on the projector."))
        session = session_of(workshop, questions_phase(workshop, question.phase_id))
        session.highlighted_id = question.id
    announce_session(workshop, session)
    return session


def answer(workshop: Workshop, payload: Mapping[str, Any]) -> Question:
    """Mark a question answered (or not), with an optional short note for the minutes:
    {question_id, answered, note?}."""
    question = question_in(workshop, payload.get("question_id"))
    if question.status != VISIBLE:
        raise invalid(_("Only an approved question can be answered."))
    question.answered = required_flag(payload.get("answered"), "answered")
    question.answered_at = utcnow() if question.answered else None
    if "note" in payload:
        question.answer_note = clean_text(
            payload["note"], "note", max_length=NOTE_MAX, required=False, multiline=True
        )
    publish(workshop, question)
    return question


# -- reading ---------------------------------------------------------------------


def question_in(workshop: Workshop, question_id: object) -> Question:
    wanted = optional_int(question_id, "question_id")
    question = db.session.get(Question, wanted) if wanted is not None else None
    if question is None or question.workshop_id != workshop.id:
        raise not_found(_("This question does not exist in this workshop."))
    return question


def whole(question: Question) -> dict[str, Any]:
    """The question as stored in the event log, with its author's name and its upvotes
    counted (shaped per viewer)."""
    name = None
    if question.author_id is not None:
        name = db.session.scalar(
            select(Participant.name).where(Participant.id == question.author_id)
        )
    return {**question.as_dict(name), "votes": upvotes_of(question.id)}


def publish(workshop: Workshop, question: Question, *, created: bool = False) -> None:
    db.session.flush()
    stamp(workshop, "questions.created" if created else "questions.updated", whole(question))


def shaped(question: Question, viewer: Viewer) -> dict[str, Any] | None:
    """The question as `viewer` may see it (an acknowledgement), or None."""
    return viewer.question(whole(question))


def questions_of(workshop: Workshop) -> list[tuple[Question, dict[str, Any]]]:
    """Every question of the workshop, oldest first, with its whole form (`whole`):
    its author's name, and its upvotes counted, so a snapshot, the report and
    the backup are exact while an upvote waits for its batch."""
    rows = db.session.execute(
        select(Question, Participant.name, _counted())
        .outerjoin(Participant, Participant.id == Question.author_id)
        .where(Question.workshop_id == workshop.id)
        .order_by(Question.id)
    )
    return [(q, {**q.as_dict(name), "votes": int(votes)}) for q, name, votes in rows]


def sessions_of(workshop: Workshop) -> list[dict[str, Any]]:
    """The settings of every 'questions' step, in agenda order (defaults where none is stored)."""
    stored = {
        s.phase_id: s
        for s in db.session.scalars(
            select(QuestionSession).where(QuestionSession.workshop_id == workshop.id)
        )
    }
    out = []
    for phase in workshop.phases:
        if phase.kind != KIND:
            continue
        session = stored.get(phase.id)
        out.append(
            session.as_dict()
            if session is not None
            else QuestionSession(
                phase_id=phase.id, anonymous_allowed=True, approval_required=False
            ).as_dict()
        )
    return out


def my_upvotes(workshop: Workshop, participant_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(QuestionVote.question_id).where(
                QuestionVote.workshop_id == workshop.id,
                QuestionVote.participant_id == participant_id,
            )
        )
    )


def snapshot(workshop: Workshop, viewer: Viewer) -> dict[str, Any]:
    """What this viewer may see of the workshop's question sessions (the snapshot's
    `activities.questions`): the sessions, the questions in its form, its own upvotes.
    A workshop with no questions step has none (they go with their step): no query,
    since every join and reconnect of every phone builds this."""
    if not any(phase.kind == KIND for phase in workshop.phases):
        empty: dict[str, Any] = {
            "limits": {"text": QUESTION_MAX, "note": NOTE_MAX},
            "sessions": [],
            "questions": [],
        }
        return empty | ({"my_upvotes": []} if viewer.participant_id is not None else {})
    shown = (viewer.question(data) for _q, data in questions_of(workshop))
    state: dict[str, Any] = {
        "limits": {"text": QUESTION_MAX, "note": NOTE_MAX},
        "sessions": sessions_of(workshop),
        "questions": [q for q in shown if q is not None],
    }
    if viewer.participant_id is not None:
        state["my_upvotes"] = my_upvotes(workshop, viewer.participant_id)
    return state
