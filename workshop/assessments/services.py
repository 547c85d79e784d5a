"""Pre-test and post-test: the question bank, the phones' answers, the closing of
a test, the results, and what each screen is told of them.

The workshop has one bank, asked twice: in the pre-test step and in the
post-test step (phase kinds 'pretest' and 'posttest'). A test is open while its
step is the current phase and the facilitator has not closed it; each phone
answers each question once (a unique constraint counts a burst once; a retry
gets the first answer back). While a test is open no phone is sent a right
answer. Once the facilitator closes it, each phone is told its own score,
nobody else's; the right answers and their explanations reach the phones when
the post-test closes (after the pre-test they would hand out the post-test's
answers). The bank can change until a test has answers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..core.errors import forbidden, invalid, not_found
from ..core.lifecycle import RUNNING
from ..core.models import Participant, Workshop
from ..core.validation import clean_text, optional_int
from ..extensions import db
from ..realtime.broadcast import Stamp, stamp, stamp_all
from ..realtime.policy import ACTIVITY_FORMS, Viewer, activity_form
from .models import POSTTEST, PRETEST, STAGES, QuizAnswer, QuizClosure, QuizQuestion

MAX_QUESTIONS = 50
CHOICES_RANGE = (2, 5)
QUESTION_MAX = 500
CHOICE_MAX = 200
EXPLANATION_MAX = 1000
LETTERS = "ABCDE"
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

WAITING, OPEN, CLOSED = "waiting", "open", "closed"
BANK = "pretest.bank"  # the bank's broadcast (its state lives under activities.pretest)


def answered_type(stage: str) -> str:
    return f"{stage}.answered"


def closed_type(stage: str) -> str:
    return f"{stage}.closed"


def questions_type(stage: str) -> str:
    return f"{stage}.questions"


def score_type(stage: str) -> str:
    return f"{stage}.score"


# -- the bank ---------------------------------------------------------------------


def questions(workshop: Workshop) -> list[QuizQuestion]:
    return list(
        db.session.scalars(
            select(QuizQuestion)
            .where(QuizQuestion.workshop_id == workshop.id)
            .order_by(QuizQuestion.position, QuizQuestion.id)
        )
    )


def status(workshop: Workshop, stage: str) -> str:
    """'closed' once the facilitator closed it, 'open' while its step is current, else 'waiting'."""
    if _closure(workshop, stage) is not None:
        return CLOSED
    phase = workshop.phase
    return OPEN if phase is not None and phase.kind == stage else WAITING


def _closure(workshop: Workshop, stage: str) -> QuizClosure | None:
    return db.session.scalars(
        select(QuizClosure).where(
            QuizClosure.workshop_id == workshop.id, QuizClosure.stage == stage
        )
    ).first()


def _has_answers(workshop: Workshop) -> bool:
    found = db.session.scalar(
        select(QuizAnswer.id).where(QuizAnswer.workshop_id == workshop.id).limit(1)
    )
    return found is not None


def bank_locked(workshop: Workshop) -> str | None:
    """Why the bank cannot change now (None: it can): a test has answers (the same
    questions are asked before and after, so they stay once anyone answered)."""
    if _has_answers(workshop):
        return _("The test already has answers: its questions can no longer change.")
    return None


def _check_unlocked(workshop: Workshop) -> None:
    reason = bank_locked(workshop)
    if reason is not None:
        raise forbidden(reason)


@dataclass(frozen=True)
class Draft:
    """A question checked and ready to be kept."""

    text: str
    choices: list[str]
    answer: int
    explanation: str | None


def check_question(payload: dict[str, Any]) -> Draft:
    """{text, choices: [2-5 texts], answer: index of the right one, explanation?}."""
    text = str(clean_text(payload.get("text"), "text", max_length=QUESTION_MAX, multiline=True))
    raw = payload.get("choices")
    low, high = CHOICES_RANGE
    if not isinstance(raw, list) or not low <= len(raw) <= high:
        raise invalid(
            _("Give between %(low)d and %(high)d choices.", low=low, high=high),
            choices=_("Invalid."),
        )
    choices = [str(clean_text(item, "choices", max_length=CHOICE_MAX)) for item in raw]
    if len({c.casefold() for c in choices}) != len(choices):
        raise invalid(_("Two choices are the same."), choices=_("Invalid."))
    answer = optional_int(payload.get("answer"), "answer")
    if answer is None or not 0 <= answer < len(choices):
        raise invalid(_("Choose the right answer."), answer=_("Choose the right answer."))
    explanation = clean_text(
        payload.get("explanation"),
        "explanation",
        max_length=EXPLANATION_MAX,
        required=False,
        multiline=True,
    )
    return Draft(text, choices, answer, explanation)


def save_question(workshop: Workshop, payload: dict[str, Any]) -> QuizQuestion:
    """Add a question (no `id`) or change one, while the bank may change."""
    question_id = optional_int(payload.get("id"), "id")
    _check_unlocked(workshop)
    draft = check_question(payload)
    if question_id is None:
        existing = questions(workshop)
        if len(existing) >= MAX_QUESTIONS:
            raise invalid(_("A test has at most %(n)d questions.", n=MAX_QUESTIONS))
        question = QuizQuestion(workshop_id=workshop.id, position=len(existing))
        db.session.add(question)
    else:
        question = _question(workshop, question_id)
    question.text, question.choices = draft.text, draft.choices
    question.answer, question.explanation = draft.answer, draft.explanation
    db.session.flush()
    _stamp_bank(workshop)
    return question


def remove_question(workshop: Workshop, question_id: object) -> None:
    checked = optional_int(question_id, "id")
    _check_unlocked(workshop)
    question = _question(workshop, checked)
    db.session.delete(question)
    db.session.flush()
    for position, item in enumerate(questions(workshop)):
        item.position = position
    _stamp_bank(workshop)


def replace_bank(workshop: Workshop, drafts: Sequence[Draft]) -> None:
    """The bank becomes `drafts` (an import): all of them, or nothing if refused."""
    _check_unlocked(workshop)
    if not drafts:
        raise invalid(_("The file has no questions."))
    if len(drafts) > MAX_QUESTIONS:
        raise invalid(_("A test has at most %(n)d questions.", n=MAX_QUESTIONS))
    for old in questions(workshop):
        db.session.delete(old)
    db.session.flush()
    for position, draft in enumerate(drafts):
        db.session.add(
            QuizQuestion(
                workshop_id=workshop.id,
                position=position,
                text=draft.text,
                choices=draft.choices,
                answer=draft.answer,
                explanation=draft.explanation,
            )
        )
    db.session.flush()
    _stamp_bank(workshop)


def _question(workshop: Workshop, question_id: int | None) -> QuizQuestion:
    question = db.session.get(QuizQuestion, question_id) if question_id is not None else None
    if question is None or question.workshop_id != workshop.id:
        raise not_found(_("This test question does not exist in this workshop."))
    return question


def _stamp_bank(workshop: Workshop) -> None:
    """The bank to steering; while a test is open (and not yet answered), its
    questions as phones may see them, without their right answers."""
    bank = questions(workshop)
    stamp(workshop, BANK, {"questions": [q.as_dict() for q in bank], "count": len(bank)})
    for stage in STAGES:
        if status(workshop, stage) == OPEN:
            stamp(workshop, questions_type(stage), {"questions": [q.public() for q in bank]})


# -- answering ----------------------------------------------------------------------


# A test's burst is the busiest event of the day: the whole room answers ten
# questions or more within a minute (bench/load.py --tests, bench/RESULTS.md).
# So an answer runs statements built once, on the session's connection, as
# core/fastpath.py does for posts and votes: only the columns it needs, no
# object through the unit of work (the ORM path cost half the server's time).
_ANSWERS = cast(Table, QuizAnswer.__table__)
_QUESTIONS = cast(Table, QuizQuestion.__table__)
_CLOSURES = cast(Table, QuizClosure.__table__)
# The question's workshop and choices, and whether the test of `stage` is closed.
_QUESTION = select(
    _QUESTIONS.c.workshop_id,
    _QUESTIONS.c.choices,
    select(_CLOSURES.c.id)
    .where(
        _CLOSURES.c.workshop_id == _QUESTIONS.c.workshop_id,
        _CLOSURES.c.stage == bindparam("stage"),
    )
    .scalar_subquery()
    .label("closed"),
).where(_QUESTIONS.c.id == bindparam("question_id"))
_KEPT = select(_ANSWERS.c.choice).where(
    _ANSWERS.c.participant_id == bindparam("participant_id"),
    _ANSWERS.c.stage == bindparam("stage"),
    _ANSWERS.c.question_id == bindparam("question_id"),
)
_ANSWERED = select(func.count()).where(
    _ANSWERS.c.participant_id == bindparam("participant_id"),
    _ANSWERS.c.stage == bindparam("stage"),
)
_PHONES = select(func.count(func.distinct(_ANSWERS.c.participant_id))).where(
    _ANSWERS.c.workshop_id == bindparam("workshop_id"), _ANSWERS.c.stage == bindparam("stage")
)
# The first answer counts: a second one (a retry, another tap, another process
# at the same moment) writes nothing, whoever comes second.
_ADD_ANSWER = sqlite_insert(_ANSWERS).on_conflict_do_nothing()
_ADD_ANSWER_PG = pg_insert(_ANSWERS).on_conflict_do_nothing()


@dataclass(frozen=True)
class Answered:
    stage: str
    created: bool
    data: dict[str, Any]  # the answer's broadcast data (answered_data)


def answer(workshop: Workshop, participant_id: int, payload: dict[str, Any]) -> Answered:
    """A phone answers one question of the open test: {question_id, choice, client_id}.

    The first answer counts: sending again (a retry, a second tab) gets it back."""
    question_id = optional_int(payload.get("question_id"), "question_id")  # ids first
    stage = _open_stage(workshop)
    client_id = payload.get("client_id")
    if not isinstance(client_id, str) or not _CLIENT_ID.match(client_id):
        raise invalid(_("The answer has no valid id; reload the page."), client_id=_("Invalid."))
    choices = _choices_of(workshop, stage, question_id)
    choice = optional_int(payload.get("choice"), "choice")
    if choice is None or not 0 <= choice < choices:
        raise invalid(_("Choose one of the answers."), choice=_("Invalid."))
    key = {"participant_id": participant_id, "stage": stage, "question_id": question_id}
    values = {**key, "workshop_id": workshop.id, "phase_id": workshop.phase_id}
    connection = db.session.connection()
    adding = _ADD_ANSWER_PG if connection.dialect.name == "postgresql" else _ADD_ANSWER
    written = connection.execute(adding, {**values, "choice": choice, "client_id": client_id})
    if written.rowcount != 1:  # this phone had answered this question: the first counts
        kept = connection.execute(_KEPT, key).scalar_one()
        return Answered(stage, False, answered_data(workshop, key, kept))
    data = answered_data(workshop, key, choice)
    stamp(workshop, answered_type(stage), data)
    return Answered(stage, True, data)


def _open_stage(workshop: Workshop) -> str:
    """The stage whose step is current (its closing is checked with the question)."""
    phase = workshop.phase
    if workshop.state != RUNNING or phase is None or phase.kind not in STAGES:
        raise forbidden(_("The test is not open."))
    return phase.kind


def _choices_of(workshop: Workshop, stage: str, question_id: int | None) -> int:
    """How many choices a question of this workshop's bank has, while `stage` is open."""
    query = {"question_id": question_id, "stage": stage}
    found = db.session.connection().execute(_QUESTION, query).first()
    if found is None or found.workshop_id != workshop.id:
        raise not_found(_("This test question does not exist in this workshop."))
    if found.closed is not None:
        raise forbidden(_("The test is closed."))
    return len(found.choices)


def answered_data(workshop: Workshop, key: dict[str, Any], choice: int) -> dict[str, Any]:
    """An answer's broadcast: whose and how many they have answered (steering), how
    many phones have answered (everyone; counted only on a phone's first answer,
    the only one that changes it), the answer itself (its phone only).
    `key`: the answer's participant_id, stage and question_id."""
    connection = db.session.connection()
    mine = connection.execute(_ANSWERED, key).scalar()
    data = {
        "stage": key["stage"],
        "participant_id": key["participant_id"],
        "question_id": key["question_id"],
        "choice": choice,
        "answered": int(mine or 0),
    }
    if data["answered"] == 1:
        data["phones"] = phones(workshop, key["stage"])
    return data


def phones(workshop: Workshop, stage: str) -> int:
    """How many phones have answered at least one question of `stage`."""
    found = db.session.execute(_PHONES, {"workshop_id": workshop.id, "stage": stage}).scalar()
    return int(found or 0)


def mine(workshop: Workshop, participant_id: int, stage: str) -> dict[str, int]:
    """A phone's own answers of `stage`: question id (a JSON key) -> choice."""
    rows = db.session.execute(
        select(QuizAnswer.question_id, QuizAnswer.choice).where(
            QuizAnswer.workshop_id == workshop.id,
            QuizAnswer.participant_id == participant_id,
            QuizAnswer.stage == stage,
        )
    ).all()
    return {str(qid): choice for qid, choice in rows}


# -- closing and results ----------------------------------------------------------------


def close(workshop: Workshop, stage: object) -> dict[str, Any]:
    """The facilitator closes the pre-test or the post-test: every screen is told,
    each phone its own score (one event a phone, for that phone only)."""
    if stage not in STAGES:
        raise invalid(_("Invalid value."), stage=_("Invalid."))
    if _closure(workshop, str(stage)) is not None:
        raise forbidden(_("This test is already closed."))
    db.session.add(QuizClosure(workshop_id=workshop.id, stage=str(stage)))
    db.session.flush()
    summary = results(workshop)
    data: dict[str, Any] = {"stage": stage, **summary}
    if stage == POSTTEST:
        data["key"] = key(workshop)
    stamps = [Stamp(closed_type(str(stage)), data)]
    stamps += [
        Stamp(score_type(str(stage)), own_score(person, str(stage)))
        for person in summary["people"]
        if person[_field(str(stage))] is not None
    ]
    stamp_all(workshop, stamps)
    return summary


def _field(stage: str) -> str:
    return "pre" if stage == PRETEST else "post"


def own_score(person: dict[str, Any], stage: str) -> dict[str, Any]:
    """A phone's own result of `stage`: its score of the total; after the post-test,
    its pre-test score and its gain too."""
    data = {
        "participant_id": person["participant_id"],
        "stage": stage,
        "score": person[_field(stage)],
        "total": person["total"],
    }
    if stage == POSTTEST:
        data.update(pre=person["pre"], gain=person["gain"])
    return data


def key(workshop: Workshop) -> list[dict[str, Any]]:
    """The right answers and their explanations (told to phones after the post-test)."""
    return [
        {"id": q.id, "answer": q.answer, "explanation": q.explanation} for q in questions(workshop)
    ]


def results(workshop: Workshop) -> dict[str, Any]:
    """Each participant's score before and after (right answers out of the bank's
    total), the gain, the room's averages, and each question's share right."""
    bank = questions(workshop)
    right = {q.id: q.answer for q in bank}
    scores: dict[str, dict[int, int]] = {stage: defaultdict(int) for stage in STAGES}
    correct: dict[str, dict[int, int]] = {stage: defaultdict(int) for stage in STAGES}
    rows = db.session.execute(
        select(
            QuizAnswer.stage, QuizAnswer.participant_id, QuizAnswer.question_id, QuizAnswer.choice
        ).where(QuizAnswer.workshop_id == workshop.id)
    ).all()
    for stage, pid, qid, choice in rows:
        ok = int(right.get(qid) == choice)
        scores[stage][pid] += ok
        correct[stage][qid] += ok
    took = {stage: set(scores[stage]) for stage in STAGES}
    people = _people(workshop, scores, len(bank))
    return {
        "total": len(bank),
        "people": people,
        "average": _averages(people),
        "phones": {_field(stage): len(took[stage]) for stage in STAGES},
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "pre": _share(correct[PRETEST][q.id], len(took[PRETEST])),
                "post": _share(correct[POSTTEST][q.id], len(took[POSTTEST])),
            }
            for q in bank
        ],
    }


def _people(
    workshop: Workshop, scores: dict[str, dict[int, int]], total: int
) -> list[dict[str, Any]]:
    ids = set(scores[PRETEST]) | set(scores[POSTTEST])
    found = db.session.scalars(
        select(Participant).where(Participant.workshop_id == workshop.id, Participant.id.in_(ids))
    )
    out = []
    for person in sorted(found, key=lambda p: (p.name.casefold(), p.id)):
        pre = scores[PRETEST].get(person.id) if person.id in scores[PRETEST] else None
        post = scores[POSTTEST].get(person.id) if person.id in scores[POSTTEST] else None
        out.append(
            {
                "participant_id": person.id,
                "name": person.name,
                "agency": person.agency,
                "total": total,
                "pre": pre,
                "post": post,
                "gain": post - pre if pre is not None and post is not None else None,
            }
        )
    return out


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _averages(people: list[dict[str, Any]]) -> dict[str, float | None]:
    return {
        name: _mean([p[name] for p in people if p[name] is not None])
        for name in ("pre", "post", "gain")
    }


def _share(right: int, took: int) -> float | None:
    """The share of the phones that took the test who chose the right answer (0-100)."""
    return round(100 * right / took, 1) if took else None


# -- what each screen is told ------------------------------------------------------------


def snapshot(workshop: Workshop, viewer: Viewer, stage: str) -> dict[str, Any]:
    """A test as `viewer` may see it: its status and how many have answered for
    everyone; the bank and the results for steering; the questions (never the
    right answers while open), this phone's own answers and own score for a phone."""
    state: dict[str, Any] = {"status": status(workshop, stage), "phones": phones(workshop, stage)}
    bank = questions(workshop)
    state["count"] = len(bank)
    if viewer.steering:
        state["bank"] = [q.as_dict() for q in bank]
        state["locked"] = bank_locked(workshop)
        state["results"] = results(workshop)
    elif state["status"] == CLOSED and viewer.participant_id is None:
        state.update(_closed_share(workshop, viewer, stage))
    if viewer.participant_id is not None:
        state.update(for_phone(workshop, viewer, stage, state["status"], bank))
    return state


def _closed_share(workshop: Workshop, viewer: Viewer, stage: str) -> dict[str, Any]:
    """What a closed test's broadcast told this viewer (the projector: the room's)."""
    data = {"stage": stage, **results(workshop)}
    if stage == POSTTEST:
        data["key"] = key(workshop)
    shown = activity_form(viewer, ACTIVITY_FORMS[closed_type(stage)], data) or {}
    shown.pop("stage", None)
    return shown


def for_phone(
    workshop: Workshop, viewer: Viewer, stage: str, state: str, bank: list[QuizQuestion]
) -> dict[str, Any]:
    """A phone's share of a test: the questions once it opened, its own answers, and
    its own score once closed."""
    pid = viewer.participant_id
    assert pid is not None
    out: dict[str, Any] = {"mine": mine(workshop, pid, stage)}
    if state in (OPEN, CLOSED):
        out["questions"] = [q.public() for q in bank]
    if state == CLOSED:
        # What the closed test's broadcasts told this phone: its own score (from its
        # own answers: a room reconnecting at once does not each score the room),
        # and the right answers after the post-test.
        right = {q.id: q.answer for q in bank}
        scores = {name: _own_points(workshop, pid, name, right) for name in STAGES}
        if scores[stage] is not None:
            person = {"participant_id": pid, "total": len(bank), "pre": scores[PRETEST]}
            person["post"] = scores[POSTTEST]
            both = scores[PRETEST] is not None and scores[POSTTEST] is not None
            person["gain"] = scores[POSTTEST] - scores[PRETEST] if both else None  # type: ignore[operator]
            out["score"] = activity_form(
                viewer, ACTIVITY_FORMS[score_type(stage)], own_score(person, stage)
            )
        if stage == POSTTEST:
            out["key"] = key(workshop)
    return out


def _own_points(workshop: Workshop, pid: int, stage: str, right: dict[int, int]) -> int | None:
    """How many of a phone's answers of `stage` are right (None: it did not take it)."""
    answers = mine(workshop, pid, stage)
    if not answers:
        return None
    return sum(1 for qid, choice in answers.items() if right.get(int(qid)) == choice)


def questions_for(workshop: Workshop, viewer: Viewer) -> dict[str, Any]:
    """The open test as a phone gets it when its step opens (`test:questions`)."""
    phase = workshop.phase
    if phase is None or phase.kind not in STAGES:
        raise forbidden(_("The test is not open."))
    if viewer.participant_id is None:
        raise forbidden(_("Join the workshop first."))
    stage = phase.kind
    return {"stage": stage, **snapshot(workshop, viewer, stage)}
