"""Socket events of polls and word clouds (docs/PROTOCOL.md, "Polls and word clouds")."""

from __future__ import annotations

from typing import Any

from ..core import access
from ..core.fastpath import participant_by_id
from ..core.models import Participant, Workshop
from ..extensions import socketio
from ..realtime.policy import Viewer
from ..realtime.transport import socket_action
from . import services


def _participant(identity: access.Identity) -> Participant | None:
    if identity.role != access.PARTICIPANT:
        return None
    return participant_by_id(identity.participant_id or 0)


def _ack(answered: services.Answered) -> dict[str, Any]:
    return {"mine": answered.mine, "duplicate": answered.duplicate, "held": answered.held}


def _state(state: dict[str, Any], identity: access.Identity) -> dict[str, Any]:
    return {"poll": Viewer.of(identity).poll(state)}


@socketio.on("poll:answer")
@socket_action
def on_poll_answer(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """A phone chooses an option; the projector and steering get `poll.counted`."""
    return _ack(services.answer_poll(workshop, _participant(identity), payload))


@socketio.on("wordcloud:answer")
@socket_action
def on_wordcloud_answer(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """A phone sends a word-cloud entry; `wordcloud.counted` (or `wordcloud.held` to steering)."""
    return _ack(services.answer_wordcloud(workshop, _participant(identity), payload))


@socketio.on("poll:save")
@socket_action(steering=True)
def on_poll_save(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """The facilitator edits a step's question, options or results mode; `<kind>.updated`."""
    return _state(services.save_poll(workshop, payload), identity)


@socketio.on("poll:close")
@socket_action(steering=True)
def on_poll_close(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """The facilitator closes (or reopens) a step for answers; `<kind>.updated`."""
    return _state(services.close_poll(workshop, payload), identity)


@socketio.on("poll:reveal")
@socket_action(steering=True)
def on_poll_reveal(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """The facilitator reveals (or hides again) a step's results; `<kind>.updated`."""
    return _state(services.reveal_poll(workshop, payload), identity)


@socketio.on("wordcloud:hide")
@socket_action(steering=True)
def on_wordcloud_hide(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """The facilitator takes a term off the word cloud (or back); `<kind>.updated`."""
    return _state(services.hide_term(workshop, payload), identity)


@socketio.on("wordcloud:release")
@socket_action(steering=True)
def on_wordcloud_release(
    workshop: Workshop, identity: access.Identity, payload: dict[str, Any]
) -> dict[str, Any]:
    """The facilitator lets through an entry the profanity filter held; `<kind>.updated`."""
    return _state(services.release_entry(workshop, payload), identity)
