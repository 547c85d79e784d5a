"""Socket events of speakers' questions (docs/PROTOCOL.md, "Speakers' questions").

Phones send `question:ask` and `question:upvote`; the facilitator's page sends
the steering events. Each change reaches screens as `questions.created`,
`questions.updated` (or `questions.removed`), `questions.voted` or
`questions.session`, shaped by the visibility policy."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..core import access
from ..core.access import Identity
from ..core.errors import forbidden
from ..core.fastpath import participant_by_id
from ..core.models import Participant, Workshop
from ..extensions import socketio
from ..realtime.policy import Viewer
from ..realtime.transport import socket_action
from . import services


def _participant(identity: Identity) -> Participant:
    person = participant_by_id(identity.participant_id or 0)
    if identity.role != access.PARTICIPANT or person is None:
        raise forbidden(_("Only participants send questions here."))
    return person


@socketio.on("question:ask")
@socket_action
def on_question_ask(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """A participant asks the current session's speaker: {client_id, text, anonymous?}."""
    question, created = services.ask(workshop, _participant(identity), payload)
    return {"question": services.shaped(question, Viewer.of(identity)), "duplicate": not created}


@socketio.on("question:upvote")
@socket_action
def on_question_upvote(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """A participant upvotes another's question, or takes it back: {question_id, up?}."""
    done = services.upvote(
        workshop, _participant(identity), payload.get("question_id"), payload.get("up", True)
    )
    return {"question_id": done.question.id, "votes": done.votes, "up": payload.get("up", True)}


@socketio.on("questions:configure")
@socket_action(steering=True)
def on_questions_configure(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Set a session's speaker, topic and rules: {phase_id, speaker?, topic?,
    anonymous_allowed?, approval_required?}."""
    return {"session": services.configure(workshop, payload).as_dict()}


@socketio.on("question:moderate")
@socket_action(steering=True)
def on_question_moderate(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Approve, hide or show a question: {question_id, action}."""
    question = services.moderate(workshop, payload.get("question_id"), payload.get("action"))
    return {"question": services.shaped(question, Viewer.of(identity))}


@socketio.on("question:highlight")
@socket_action(steering=True)
def on_question_highlight(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Show a question large on the projector, or none:
    {question_id} or {phase_id, question_id: null}."""
    return {"session": services.highlight(workshop, payload).as_dict()}


@socketio.on("question:answer")
@socket_action(steering=True)
def on_question_answer(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Mark a question answered, or not, with an optional note: {question_id, answered, note?}."""
    question = services.answer(workshop, payload)
    return {"question": services.shaped(question, Viewer.of(identity))}
