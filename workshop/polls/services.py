"""Polls and word clouds: the facilitator's steering and the phones' answers.

A poll or word cloud is a step of the agenda (a `Phase` of kind POLL or
WORDCLOUD); its `Poll` row is made the first time the facilitator edits it or a
phone answers. Phones answer while its step is the current phase and the
facilitator has not closed it. A poll takes one answer a phone, which the phone
may change while the poll is open; a word cloud takes up to MAX_ENTRIES entries a
phone, each of one to three words once stop words are dropped (words.py), the
same term from one phone counted once. Every answer carries the phone's
`client_id`: a retried send finds the answer it made, and a unique constraint
keeps one answer a phone (a slot) whatever arrives at once.

Each answer stamps `<kind>.counted` (`poll.counted`, `wordcloud.counted`: to the
projector and steering, shaped by the visibility policy: no results before they
are revealed); each change the facilitator makes stamps `<kind>.updated`, the
whole state, to everyone; an entry the profanity filter held, `wordcloud.held`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..core.errors import DomainError, forbidden, invalid, not_found
from ..core.lifecycle import RUNNING
from ..core.models import Participant, Phase, Workshop
from ..core.validation import clean_text, optional_int, required_flag
from ..extensions import db
from ..realtime.broadcast import stamp
from ..realtime.policy import (
    POLL_COUNT_AUDIENCE,
    POLL_COUNT_EVENTS,
    POLL_EVENTS,
    POLL_HELD_AUDIENCE,
    POLL_HELD_EVENT,
    Viewer,
)
from . import words
from .models import (
    ENTRY_MAX,
    ENTRY_WORDS,
    KINDS,
    MAX_ENTRIES,
    MAX_OPTIONS,
    OPTION_MAX,
    POLL,
    QUESTION_MAX,
    RESULTS,
    WORDCLOUD,
    Poll,
    PollAnswer,
)

_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# The limits a page is told with each state (the server's rules, not typed again).
LIMITS = {
    "question": QUESTION_MAX,
    "option": OPTION_MAX,
    "options": MAX_OPTIONS,
    "entry": ENTRY_MAX,
    "entry_words": ENTRY_WORDS,
    "entries": MAX_ENTRIES,
}
# The terms a word cloud's state carries: the projector draws no more.
MAX_TERMS = 100


# -- reading -------------------------------------------------------------------------


def phases_of(workshop: Workshop) -> list[Phase]:
    """The workshop's poll and word-cloud steps, in agenda order."""
    return [phase for phase in workshop.phases if phase.kind in KINDS]


def poll_of(phase: Phase, *, lock: bool = False) -> Poll | None:
    """The step's poll row; `lock`: held until commit (PostgreSQL), so that the answers
    to one poll count one after another and each broadcast count includes the last."""
    query = select(Poll).where(Poll.phase_id == phase.id)
    return db.session.scalar(query.with_for_update() if lock else query)


def counts_of(poll: Poll | None) -> dict[str, int]:
    """A poll's answers per option id (as JSON keys: strings)."""
    if poll is None or poll.id is None:
        return {}
    rows = db.session.execute(
        select(PollAnswer.choice, func.count())
        .where(PollAnswer.poll_id == poll.id, PollAnswer.choice.is_not(None))
        .group_by(PollAnswer.choice)
    )
    return {str(choice): int(count) for choice, count in rows}


def terms_of(poll: Poll | None, limit: int | None = MAX_TERMS) -> list[dict[str, Any]]:
    """A word cloud's counted terms, most frequent first, each with whether it is hidden."""
    if poll is None or poll.id is None:
        return []
    query = (
        select(PollAnswer.term, func.count().label("n"))
        .where(PollAnswer.poll_id == poll.id, PollAnswer.held.is_(False))
        .group_by(PollAnswer.term)
        .order_by(func.count().desc(), PollAnswer.term)
    )
    if limit is not None:
        query = query.limit(limit)
    hidden = set(poll.hidden_terms or ())
    return [
        {"term": term, "count": int(count), "hidden": term in hidden}
        for term, count in db.session.execute(query)
    ]


def held_of(poll: Poll | None) -> list[dict[str, Any]]:
    """The entries the profanity filter held back, for the facilitator."""
    if poll is None or poll.id is None:
        return []
    rows = db.session.scalars(
        select(PollAnswer)
        .where(PollAnswer.poll_id == poll.id, PollAnswer.held.is_(True))
        .order_by(PollAnswer.id)
    )
    return [_held(answer) for answer in rows]


def _held(answer: PollAnswer) -> dict[str, Any]:
    return {"id": answer.id, "text": answer.text, "term": answer.term}


def _answered(poll: Poll | None) -> int:
    """How many phones answered (a poll), or how many entries count (a word cloud)."""
    if poll is None or poll.id is None:
        return 0
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(PollAnswer)
            .where(PollAnswer.poll_id == poll.id, PollAnswer.held.is_(False))
        )
        or 0
    )


def state_of(phase: Phase, poll: Poll | None) -> dict[str, Any]:
    """A step's whole state, as steering sees it (the policy shapes it for others)."""
    shown = poll or Poll(phase_id=phase.id, question="", options=[], hidden_terms=[])
    state: dict[str, Any] = {
        "phase_id": phase.id,
        "kind": phase.kind,
        "question": shown.question or "",
        "results": shown.results or RESULTS[0],
        "revealed": bool(shown.revealed),
        "closed": bool(shown.closed),
        "visible": shown.results in (None, RESULTS[0]) or bool(shown.revealed),
        "total": _answered(poll),
        "limits": LIMITS,
    }
    if phase.kind == POLL:
        state["options"] = list(shown.options or [])
        state["counts"] = counts_of(poll)
    else:
        state["terms"] = terms_of(poll)
        state["hidden_terms"] = list(shown.hidden_terms or [])
        state["held"] = held_of(poll)
    return state


def mine(poll: Poll | None, participant_id: int) -> dict[str, Any]:
    """A phone's own answers: its choice (a poll) or its entries (a word cloud)."""
    if poll is None or poll.id is None:
        return {"choice": None, "entries": []}
    rows = list(
        db.session.scalars(
            select(PollAnswer)
            .where(PollAnswer.poll_id == poll.id, PollAnswer.participant_id == participant_id)
            .order_by(PollAnswer.slot)
        )
    )
    return {
        "choice": rows[0].choice if rows else None,
        "entries": [{"text": r.text, "held": r.held} for r in rows if r.text is not None],
    }


def snapshot(workshop: Workshop, viewer: Viewer, kind: str) -> list[dict[str, Any]]:
    """Every step of `kind` (POLL or WORDCLOUD) as `viewer` sees it, with a phone's own
    answers (`mine`): the snapshot's `activities.poll` or `activities.wordcloud`."""
    found: list[dict[str, Any]] = []
    for phase in phases_of(workshop):
        if phase.kind != kind:
            continue
        poll = poll_of(phase)
        state = viewer.poll(state_of(phase, poll))
        if viewer.participant_id is not None:
            state["mine"] = mine(poll, viewer.participant_id)
        found.append(state)
    return found


# -- steering ------------------------------------------------------------------------


def step_of(workshop: Workshop, phase_id: object, kind: str | None = None) -> Phase:
    """The poll or word-cloud step `phase_id` of this workshop (of `kind`, if given)."""
    wanted = optional_int(phase_id, "phase_id")
    # One row by its key, not the workshop's list of phases (every answer asks this).
    phase = db.session.scalar(
        select(Phase).where(Phase.id == (wanted or 0), Phase.workshop_id == workshop.id)
    )
    if phase is not None and phase.kind in KINDS and kind in (None, phase.kind):
        return phase
    raise not_found(_("This poll does not exist in this workshop."))


def _ensure(workshop: Workshop, phase: Phase) -> Poll:
    """The step's poll row, locked until commit, made if it is not there yet.

    Two phones' first answers can arrive at the same instant, each in its own
    transaction: the row is inserted with ON CONFLICT DO NOTHING (PostgreSQL and
    SQLite alike), so the second insert waits for the first and then does nothing,
    and both read the one row, instead of one failing on the unique constraint."""
    poll = poll_of(phase, lock=True)
    if poll is None:
        insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        row = {
            "workshop_id": workshop.id,
            "phase_id": phase.id,
            "question": "",
            "options": [],
            "hidden_terms": [],
            "results": RESULTS[0],
            "revealed": False,
            "closed": False,
        }
        db.session.execute(
            insert(Poll).values(row).on_conflict_do_nothing(index_elements=["phase_id"])
        )
        poll = poll_of(phase, lock=True)
        assert poll is not None
    return poll


def _announce(workshop: Workshop, phase: Phase, poll: Poll) -> dict[str, Any]:
    db.session.flush()
    state = state_of(phase, poll)
    stamp(workshop, POLL_EVENTS[phase.kind], state)
    return state


def save_poll(workshop: Workshop, payload: dict[str, Any]) -> dict[str, Any]:
    """Change a step's question, options (a poll) or when its results show."""
    phase = step_of(workshop, payload.get("phase_id"))
    poll = _ensure(workshop, phase)
    if "question" in payload:
        question = clean_text(
            payload["question"], "question", max_length=QUESTION_MAX, required=False
        )
        poll.question = question or ""
    if "results" in payload:
        if payload["results"] not in RESULTS:
            raise invalid(_("Invalid value."), results=_("Invalid."))
        poll.results = payload["results"]
    if "options" in payload and phase.kind == POLL:
        poll.options = _options(poll, payload["options"])
    return _announce(workshop, phase, poll)


def _options(poll: Poll, raw: object) -> list[dict[str, Any]]:
    """The options as edited: known ids keep theirs, new ones get the next; an option
    phones chose cannot be removed (its answers would vanish from the count)."""
    if not isinstance(raw, list) or len(raw) > MAX_OPTIONS:
        message = _("At most %(n)d options.", n=MAX_OPTIONS)
        raise invalid(message, options=message)
    known = {option["id"] for option in poll.options or []}
    next_id = max(known, default=0) + 1
    options = []
    for item in raw:
        if not isinstance(item, dict):
            raise invalid(_("Invalid value."), options=_("Invalid."))
        text = clean_text(item.get("text"), "options", max_length=OPTION_MAX)
        option_id = optional_int(item.get("id"), "options")
        if option_id not in known:
            option_id, next_id = next_id, next_id + 1
        options.append({"id": option_id, "text": text})
    kept = {option["id"] for option in options}
    chosen = {int(choice) for choice in counts_of(poll)}
    if chosen - kept:
        message = _("An option that phones chose cannot be removed.")
        raise invalid(message, options=message)
    return options


def close_poll(workshop: Workshop, payload: dict[str, Any]) -> dict[str, Any]:
    """Stop (or start again) taking answers while the step is current."""
    phase = step_of(workshop, payload.get("phase_id"))
    poll = _ensure(workshop, phase)
    poll.closed = required_flag(payload.get("closed"), "closed")
    return _announce(workshop, phase, poll)


def reveal_poll(workshop: Workshop, payload: dict[str, Any]) -> dict[str, Any]:
    """Show a step's hidden results on the projector and the phones (or hide them again)."""
    phase = step_of(workshop, payload.get("phase_id"))
    poll = _ensure(workshop, phase)
    poll.revealed = required_flag(payload.get("revealed"), "revealed")
    return _announce(workshop, phase, poll)


def hide_term(workshop: Workshop, payload: dict[str, Any]) -> dict[str, Any]:
    """Take a term off a word cloud (or put it back): moderation by the facilitator."""
    phase = step_of(workshop, payload.get("phase_id"), WORDCLOUD)
    poll = _ensure(workshop, phase)
    term = clean_text(payload.get("term"), "term", max_length=ENTRY_MAX)
    hidden = set(poll.hidden_terms or ())
    if required_flag(payload.get("hidden"), "hidden"):
        hidden.add(str(term))
    else:
        hidden.discard(str(term))
    poll.hidden_terms = sorted(hidden)
    return _announce(workshop, phase, poll)


def release_entry(workshop: Workshop, payload: dict[str, Any]) -> dict[str, Any]:
    """Let through an entry the profanity filter held: it counts from now on."""
    answer_id = optional_int(payload.get("answer_id"), "answer_id")
    answer = db.session.get(PollAnswer, answer_id or 0)
    if answer is None or answer.workshop_id != workshop.id or not answer.held:
        raise not_found(_("This entry is not waiting for you."))
    answer.held = False
    poll = db.session.get(Poll, answer.poll_id)
    assert poll is not None
    phase = step_of(workshop, poll.phase_id, WORDCLOUD)
    return _announce(workshop, phase, poll)


# -- answering -----------------------------------------------------------------------


@dataclass(frozen=True)
class Answered:
    """What a phone's answer did: `duplicate` when it was a retry of one already stored."""

    mine: dict[str, Any]
    duplicate: bool
    held: bool = False


def _answering(
    workshop: Workshop, participant: Participant | None, payload: dict[str, Any], kind: str
) -> tuple[Participant, Phase, str]:
    if participant is None:
        raise forbidden(_("Only participants answer here."))
    client_id = payload.get("client_id")
    if not isinstance(client_id, str) or not _CLIENT_ID.match(client_id):
        raise invalid(_("The answer has no valid id; reload the page."), client_id=_("Invalid."))
    phase = step_of(workshop, payload.get("phase_id"), kind)
    return participant, phase, client_id


def _by_client_id(workshop: Workshop, participant: Participant, client_id: str) -> bool:
    """Whether this answer was stored already (a retry); another phone's id conflicts."""
    found = db.session.scalar(
        select(PollAnswer.participant_id).where(
            PollAnswer.workshop_id == workshop.id, PollAnswer.client_id == client_id
        )
    )
    if found is None:
        return False
    if found != participant.id:
        message = _("This answer id is already used.")
        raise DomainError("conflict", message, {"client_id": message})
    return True


def _check_open(workshop: Workshop, phase: Phase, poll: Poll) -> None:
    if workshop.phase_id != phase.id or poll.closed or workshop.state != RUNNING:
        raise forbidden(_("This poll is closed."))


def answer_poll(
    workshop: Workshop, participant: Participant | None, payload: dict[str, Any]
) -> Answered:
    """A phone chooses an option, or changes its choice while the poll is open."""
    participant, phase, client_id = _answering(workshop, participant, payload, POLL)
    poll = _ensure(workshop, phase)
    if _by_client_id(workshop, participant, client_id):
        return Answered(mine(poll, participant.id), duplicate=True)
    _check_open(workshop, phase, poll)
    choice = optional_int(payload.get("choice"), "choice")
    if choice not in {option["id"] for option in poll.options or []}:
        raise invalid(_("Choose one of the options."), choice=_("Invalid."))
    answer = db.session.scalar(
        select(PollAnswer).where(
            PollAnswer.poll_id == poll.id, PollAnswer.participant_id == participant.id
        )
    )
    if answer is None:
        answer = PollAnswer(
            workshop_id=workshop.id, poll_id=poll.id, participant_id=participant.id, slot=0
        )
        db.session.add(answer)
    answer.choice, answer.client_id = choice, client_id
    db.session.flush()
    counts = counts_of(poll)
    data = {
        "phase_id": phase.id,
        "visible": poll.visible,
        "counts": counts,
        "total": sum(counts.values()),  # one answer a phone
    }
    stamp(workshop, POLL_COUNT_EVENTS[POLL], data, audience=POLL_COUNT_AUDIENCE)
    return Answered({"choice": choice, "entries": []}, duplicate=False)


def _profanity() -> frozenset[str]:
    return words.profanity(Path(current_app.instance_path) / "profanity.txt")


def answer_wordcloud(
    workshop: Workshop, participant: Participant | None, payload: dict[str, Any]
) -> Answered:
    """A phone sends one entry of one to three words; a word of the profanity list
    holds it for the facilitator instead of counting it."""
    participant, phase, client_id = _answering(workshop, participant, payload, WORDCLOUD)
    poll = _ensure(workshop, phase)
    if _by_client_id(workshop, participant, client_id):
        return Answered(mine(poll, participant.id), duplicate=True)
    _check_open(workshop, phase, poll)
    text = str(clean_text(payload.get("text"), "text", max_length=ENTRY_MAX))
    held = words.is_profane(text, _profanity())
    entry = words.entry_of(text)
    term = entry.term or " ".join(entry.words)  # a held entry keeps what it said
    if not held:
        _check_entry(entry)
    rows = list(
        db.session.scalars(
            select(PollAnswer).where(
                PollAnswer.poll_id == poll.id, PollAnswer.participant_id == participant.id
            )
        )
    )
    if any(row.term == term for row in rows):  # the same term counts once a phone
        return Answered(mine(poll, participant.id), duplicate=True)
    if len(rows) >= MAX_ENTRIES:
        raise forbidden(_("You have sent %(n)d answers already.", n=MAX_ENTRIES))
    answer = PollAnswer(
        workshop_id=workshop.id,
        poll_id=poll.id,
        participant_id=participant.id,
        slot=max((row.slot for row in rows), default=-1) + 1,
        client_id=client_id,
        text=text,
        term=term[:ENTRY_MAX],
        held=held,
    )
    db.session.add(answer)
    db.session.flush()
    entries = [{"text": r.text, "held": r.held} for r in sorted([*rows, answer], key=_slot)]
    if held:
        data = {"phase_id": phase.id, "entry": _held(answer)}
        stamp(workshop, POLL_HELD_EVENT, data, audience=POLL_HELD_AUDIENCE)
    else:
        counted = _term_count(phase, poll, term)
        stamp(workshop, POLL_COUNT_EVENTS[WORDCLOUD], counted, audience=POLL_COUNT_AUDIENCE)
    return Answered({"choice": None, "entries": entries}, duplicate=False, held=held)


def _slot(answer: PollAnswer) -> int:
    return answer.slot


def _check_entry(entry: words.Entry) -> None:
    if not entry.term:
        message = _("Only common words: write what you mean in one to three words.")
        raise invalid(message, text=message)
    if entry.content_words > ENTRY_WORDS:
        message = _("At most %(n)d words.", n=ENTRY_WORDS)
        raise invalid(message, text=message)


def _term_count(phase: Phase, poll: Poll, term: str) -> dict[str, Any]:
    count = db.session.scalar(
        select(func.count())
        .select_from(PollAnswer)
        .where(PollAnswer.poll_id == poll.id, PollAnswer.term == term, PollAnswer.held.is_(False))
    )
    return {
        "phase_id": phase.id,
        "visible": poll.visible,
        "terms": [
            {"term": term, "count": int(count or 0), "hidden": term in (poll.hidden_terms or ())}
        ],
        "total": _answered(poll),
    }
