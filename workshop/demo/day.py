"""The demo's whole Bimtek around the workshop hour (issue 28): the agenda of two
days and its activities, each run through the services the phones, the signing
links and the facilitator use: signed attendance, speakers' questions, a poll, a
word cloud, the pre-test and post-test, and the evaluations.

Deterministic: who answers what comes from fixed seeds and the content module,
so that the demo, and the documents made from it, are the same every time.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from ..assessments import evaluation
from ..assessments import services as tests
from ..assessments.models import PRETEST
from ..attendance.models import COMMITTEE, SPEAKER
from ..attendance.services import Signer, sign
from ..core.models import Participant, Phase, Workshop
from ..facilitation.phases import ACTIVITY_PHASES
from ..facilitation.services import move_phase, save_phase, set_days, set_phase
from ..polls import services as polls
from ..polls.models import HIDDEN
from ..questions import services as questions
from .content import (
    DEMO_COMMITTEE,
    DEMO_DAYS,
    DEMO_EVALUATION_COMMENTS,
    DEMO_EVALUATION_FORMS,
    DEMO_EVALUATION_LEAN,
    DEMO_EVALUATION_SCALE,
    DEMO_EVALUATION_USUAL,
    DEMO_POLL,
    DEMO_SESSIONS,
    DEMO_TEST,
    DEMO_WORDCLOUD,
    DEMO_WORDCLOUD_QUESTION,
    DemoSession,
    DemoSigner,
)
from .signatures import signature_data_url


@dataclass(frozen=True)
class Step:
    key: str  # the demo's name for the step
    kind: str  # a default phase's kind, or an activity's (facilitation/phases.py)
    day: int
    name: str | None = None  # the activity's own name if None


# The agenda in the order a Bimtek runs it. The default phases (lobby ... close)
# are the workshop hour's; the others are activity steps the facilitator adds.
AGENDA: tuple[Step, ...] = (
    Step("attendance-1", "attendance", 1, "Daftar hadir hari pertama"),
    Step("lobby", "lobby", 1),
    Step("wordcloud", "wordcloud", 1, "Awan kata: pelayanan publik yang ideal"),
    Step("pretest", "pretest", 1),
    Step("questions-1", "questions", 1, "Narasumber 1: paparan dan tanya jawab"),
    Step("poll", "poll", 1, "Polling: tantangan inovasi"),
    Step("identify", "identify", 1),
    Step("group", "group", 1),
    Step("vote", "vote", 1),
    Step("attendance-2", "attendance", 2, "Daftar hadir hari kedua"),
    Step("questions-2", "questions", 2, "Narasumber 2: paparan dan tanya jawab"),
    Step("causes", "causes", 2),
    Step("solve", "solve", 2),
    Step("prioritise", "prioritise", 2),
    Step("posttest", "posttest", 2),
    Step("evaluation", "evaluation", 2, "Evaluasi narasumber dan penyelenggaraan"),
    Step("close", "close", 2),
)
_PROMPTS = {t.kind: t.prompt_id for t in ACTIVITY_PHASES}


def build_agenda(workshop: Workshop) -> dict[str, Phase]:
    """Two days: the activity steps added, each step put on its day, in AGENDA's order,
    as a facilitator does in the cockpit's phase set-up (add, day, up and down)."""
    set_days(workshop, DEMO_DAYS)
    defaults = {phase.kind: phase for phase in workshop.phases}
    steps: dict[str, Phase] = {}
    for step in AGENDA:
        phase = defaults.get(step.key)
        if phase is None:
            payload: dict[str, object] = {"kind": step.kind, "day": step.day}
            if step.name:
                payload.update(name=step.name, prompt=_PROMPTS[step.kind])
            phase = save_phase(workshop, payload)
        elif phase.day != step.day:
            save_phase(workshop, {"id": phase.id, "day": step.day})
        steps[step.key] = phase
    wanted = [steps[step.key] for step in AGENDA]
    for index, phase in enumerate(wanted):  # within its day: earlier days are in place
        while workshop.phases.index(phase) > index:
            move_phase(workshop, phase.id, -1)
    return steps


# -- attendance --------------------------------------------------------------------------


def sign_day(
    workshop: Workshop, present: Sequence[Participant], speakers: Sequence[DemoSigner]
) -> None:
    """The current attendance step's list: the participants from their phones, the
    committee and the day's speakers through their links."""
    for person in present:
        sign(workshop, Signer("participant", person), _signing(person))
    for member in DEMO_COMMITTEE:
        sign(workshop, Signer(COMMITTEE), _signing(member))
    for speaker in speakers:
        sign(workshop, Signer(SPEAKER), _signing(speaker))


def _signing(who: Participant | DemoSigner) -> dict[str, object]:
    return {
        "name": who.name,
        "agency": who.agency,
        "position": who.position,
        "image": signature_data_url(who.name),
    }


def speakers_of(day: int) -> list[DemoSigner]:
    return [session.speaker for session in DEMO_SESSIONS if session.day == day]


# -- speakers' questions -------------------------------------------------------------------


def run_session(
    workshop: Workshop, phase: Phase, session: DemoSession, everyone: Sequence[Participant]
) -> None:
    """A speaker's session: questions asked (some anonymous), approved where the session
    asks for it, upvoted by others, one highlighted, the answered ones noted."""
    set_phase(workshop, phase.id)
    questions.configure(
        workshop,
        {
            "phase_id": phase.id,
            "speaker": session.speaker.name,
            "topic": session.topic,
            "anonymous_allowed": True,
            "approval_required": session.approval_required,
        },
    )
    for n, item in enumerate(session.questions):
        author = everyone[item.author]
        asked, _new = questions.ask(
            workshop,
            author,
            {
                "client_id": f"demo-q{phase.id}-{n:02d}",
                "text": item.text,
                "anonymous": item.anonymous,
            },
        )
        if item.hide:
            questions.moderate(workshop, asked.id, "hide")
            continue
        if session.approval_required:
            questions.moderate(workshop, asked.id, "approve")
        others = [p for p in everyone if p.id != author.id]
        start = (item.author * 7) % len(others)
        for voter in (others[start:] + others[:start])[: item.votes]:
            questions.upvote(workshop, voter, asked.id)
        if item.highlight:
            questions.highlight(workshop, {"question_id": asked.id})
        if item.note is not None:
            questions.answer(
                workshop, {"question_id": asked.id, "answered": True, "note": item.note}
            )


# -- the poll and the word cloud -------------------------------------------------------------


def run_wordcloud(workshop: Workshop, phase: Phase, everyone: Sequence[Participant]) -> None:
    """Each entry sent by as many phones as DEMO_WORDCLOUD says, two or three a phone."""
    polls.save_poll(workshop, {"phase_id": phase.id, "question": DEMO_WORDCLOUD_QUESTION})
    set_phase(workshop, phase.id)
    sent = [text for text, times in DEMO_WORDCLOUD for _ in range(times)]
    for n, text in enumerate(sent):  # an entry's phones are consecutive: never one twice
        payload = {"phase_id": phase.id, "client_id": f"demo-cloud-{n:03d}", "text": text}
        polls.answer_wordcloud(workshop, everyone[n % len(everyone)], payload)


def run_poll(workshop: Workshop, phase: Phase, everyone: Sequence[Participant]) -> None:
    """The poll's results hidden while the room answers, then revealed."""
    options = DEMO_POLL["options"]
    assert isinstance(options, tuple)
    polls.save_poll(
        workshop,
        {
            "phase_id": phase.id,
            "question": DEMO_POLL["question"],
            "options": [{"text": text} for text, _count in options],
            "results": HIDDEN,
        },
    )
    set_phase(workshop, phase.id)
    choices = [n + 1 for n, (_text, count) in enumerate(options) for _ in range(count)]
    random.Random(2027).shuffle(choices)
    for n, (person, choice) in enumerate(zip(everyone, choices, strict=False)):
        payload = {"phase_id": phase.id, "client_id": f"demo-poll-{n:03d}", "choice": choice}
        polls.answer_poll(workshop, person, payload)
    polls.reveal_poll(workshop, {"phase_id": phase.id, "revealed": True})


# -- the pre-test and the post-test ------------------------------------------------------------


def write_bank(workshop: Workshop) -> None:
    """The facilitator types the ten questions in before the day."""
    for item in DEMO_TEST:
        tests.save_question(
            workshop,
            {
                "text": item.text,
                "choices": list(item.choices),
                "answer": item.answer,
                "explanation": item.explanation,
            },
        )


def run_test(workshop: Workshop, phase: Phase, stage: str, takers: Sequence[Participant]) -> None:
    """Each taker answers every question: right as often as the question's share for
    the stage says, a little more or less by the person (the same person both times)."""
    set_phase(workshop, phase.id)
    bank = tests.questions(workshop)
    for person in takers:
        chance = random.Random(f"demo-{stage}-{person.name}")
        knack = random.Random(f"demo-knack-{person.name}").uniform(-0.15, 0.15)
        for item, question in zip(DEMO_TEST, bank, strict=True):
            share = item.pre if stage == PRETEST else item.post
            choice = question.answer
            if chance.random() >= share + knack:
                choice = chance.choice([n for n in range(len(item.choices)) if n != item.answer])
            client_id = f"demo-{stage}-{person.id}-{question.id}"
            tests.answer(
                workshop,
                person.id,
                {"question_id": question.id, "choice": choice, "client_id": client_id},
            )
    tests.close(workshop, stage)


# -- the evaluations -----------------------------------------------------------------------------


def run_evaluation(workshop: Workshop, phase: Phase, present: Sequence[Participant]) -> None:
    """The speakers' and the organisation's forms, on DEMO_EVALUATION_SCALE, then closed."""
    speakers = [session.speaker.name for session in DEMO_SESSIONS]
    evaluation.save_form(
        workshop,
        {
            "phase_id": phase.id,
            "scale": DEMO_EVALUATION_SCALE,
            "speakers": speakers,
            "organisation": True,
        },
    )
    set_phase(workshop, phase.id)
    chance = random.Random(2028)
    for n, person in enumerate(present[:DEMO_EVALUATION_FORMS]):
        answers = {
            target: {"scores": _scores(chance, target), "comment": _comment(target, n)}
            for target in DEMO_EVALUATION_USUAL
        }
        evaluation.submit(workshop, person, {"client_id": f"demo-eval-{n:04d}", "answers": answers})
    evaluation.close(workshop, phase.id)


def _scores(chance: random.Random, target: str) -> dict[str, int]:
    lean = DEMO_EVALUATION_LEAN[target]
    scores = {}
    for item, usual in DEMO_EVALUATION_USUAL[target].items():
        score = usual + (chance.random() < lean) - (chance.random() < 0.08)
        scores[item] = min(max(score, 1), DEMO_EVALUATION_SCALE)
    return scores


def _comment(target: str, form: int) -> str | None:
    """Some forms carry a comment: the n-th comment of a target on every fifth form."""
    comments = DEMO_EVALUATION_COMMENTS[target]
    offset = sorted(DEMO_EVALUATION_COMMENTS).index(target)
    n, rest = divmod(form - offset, 5)
    return comments[n] if rest == 0 and 0 <= n < len(comments) else None
