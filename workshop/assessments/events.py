"""Socket events of the pre-test, post-test and evaluations (docs/PROTOCOL.md,
"Pre-test and post-test", "Evaluations"). The bank's import and its template
are HTTP (views.py): an Excel file is larger than a socket event may be."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..core.access import Identity
from ..core.errors import forbidden
from ..core.fastpath import participant_by_id, participant_id_in
from ..core.models import Participant, Workshop
from ..core.validation import optional_int
from ..extensions import socketio
from ..realtime.policy import ACTIVITY_FORMS, Viewer, activity_form
from ..realtime.transport import socket_action, socket_query
from . import evaluation, services


def _participant(identity: Identity) -> Participant:
    person = participant_by_id(identity.participant_id or 0)
    if person is None:
        raise forbidden(_("Only participants answer here."))
    return person


def _answering(identity: Identity) -> int:
    """The id of the participant answering a test, if it is one (the id alone: a
    test's burst is the day's busiest event)."""
    found = participant_id_in(identity.workshop_id, identity.participant_id or 0)
    if found is None:
        raise forbidden(_("Only participants answer here."))
    return found


@socketio.on("test:save")
@socket_action(steering=True)
def on_save(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Add or change a question of the bank: {id?, text, choices, answer, explanation?}."""
    return {"question": services.save_question(workshop, payload).as_dict()}


@socketio.on("test:remove")
@socket_action(steering=True)
def on_remove(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> None:
    """Remove a question of the bank: {id}."""
    services.remove_question(workshop, payload.get("id"))


@socketio.on("test:close")
@socket_action(steering=True)
def on_close(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Close the pre-test or the post-test: {stage}; phones see their own score."""
    return {"results": services.close(workshop, payload.get("stage"))}


@socketio.on("test:questions")
@socket_query
def on_questions(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """The open test's questions (no right answers) and this phone's own answers."""
    return {"test": services.questions_for(workshop, Viewer.of(identity))}


@socketio.on("test:answer")
@socket_action
def on_answer(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Answer a question of the open test: {question_id, choice, client_id}. The
    first answer counts; a retry is answered with it (`duplicate: true`)."""
    optional_int(payload.get("question_id"), "question_id")  # a bad id is `invalid` first
    done = services.answer(workshop, _answering(identity), payload)
    row = ACTIVITY_FORMS[services.answered_type(done.stage)]
    shown = activity_form(Viewer.of(identity), row, done.data)
    return {"answer": shown, "duplicate": not done.created}


@socketio.on("evaluation:form")
@socket_action(steering=True)
def on_form(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Set an evaluation step's form: {phase_id, scale?, speakers?, organisation?}."""
    form = evaluation.save_form(workshop, payload)
    return {"form": evaluation.form_data(workshop, form)}


@socketio.on("evaluation:state")
@socket_query
def on_state(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """The evaluations as this viewer may see them (a phone that joined before the
    step was added asks when the step opens): the snapshot's activities.evaluation."""
    return {"evaluation": evaluation.snapshot(workshop, Viewer.of(identity))}


@socketio.on("evaluation:submit")
@socket_action
def on_submit(workshop: Workshop, identity: Identity, payload: dict[str, Any]) -> dict[str, Any]:
    """Send the current evaluation step's form once: {client_id, answers}."""
    created = evaluation.submit(workshop, _participant(identity), payload)
    return {"phase_id": workshop.phase_id, "duplicate": not created}


@socketio.on("evaluation:close")
@socket_action(steering=True)
def on_eval_close(
    workshop: Workshop, identity: Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """Close an evaluation step: {phase_id}; its recap reaches the cockpit."""
    return {"recap": evaluation.close(workshop, payload.get("phase_id"))}
