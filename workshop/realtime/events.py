"""Socket events every client uses: connect, and the answers to unknown events and
failed handlers. Catching up (`sync`) is assembled above the features, in
state/events.py. Documented in docs/PROTOCOL.md.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, session
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError, join_room

from ..core import access
from ..core.errors import DomainError, unauthenticated
from ..core.lookup import workshop_id_by_code
from ..extensions import db, socketio
from . import ticks
from .frames import MALFORMED
from .policy import Viewer
from .signals import socket_connected
from .transport import (
    bind_identity,
    bound_identity,
    check_flood,
    error_ack,
    flooding,
    internal_error,
)


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    """A phone, the facilitator page or the presenter opens its socket for one workshop."""
    refusal = unauthenticated(_("Join the workshop first."))
    code = auth.get("workshop") if isinstance(auth, dict) else None
    code = code if isinstance(code, str) else ""
    # One read transaction for the lookups and the hooks (a catch-up reads the
    # log): a thousand phones reconnecting at once each begin one, not two.
    try:
        workshop_id = workshop_id_by_code(code)
        identity = access.identity_in(workshop_id, session) if workshop_id is not None else None
        if identity is not None and flooding(identity):
            refusal = DomainError(
                "rate_limited", _("Slow down: wait a few seconds, then try again."), {}, 429
            )
            raise ConnectionRefusedError(refusal.message, refusal.as_dict())
        if identity is None:
            # One answer for a wrong code and for a code this browser has not
            # joined, so the socket cannot be used to find out which codes exist.
            raise ConnectionRefusedError(refusal.message, refusal.as_dict())
        bind_identity(session, identity)
        for room in Viewer.of(identity).rooms(identity.workshop_id, identity.key_id):
            join_room(room)
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        ticks.ensure_started(app)
        socket_connected.send(app, auth=auth)
    finally:
        db.session.rollback()


@socketio.on("*")
def on_unknown(event: str, *_args: Any) -> dict[str, Any]:
    """Any event the protocol does not define gets a clear error, not silence."""
    try:
        check_flood(bound_identity(session))
    except DomainError as err:
        return error_ack(err)
    return error_ack(
        DomainError("unknown_event", _("Unknown event: %(name)s", name=str(event)[:40]))
    )


@socketio.on(MALFORMED)
def on_malformed(*_args: Any) -> dict[str, Any]:
    """A frame that is not a Socket.IO event of this protocol (frames.py)."""
    try:
        check_flood(bound_identity(session))
    except DomainError as err:
        return error_ack(err)
    return error_ack(DomainError("invalid", _("This message is not valid."), {}, 400))


@socketio.on_error_default
def on_error(_err: Exception) -> dict[str, Any]:
    """Last resort for a handler that raised: log it, answer with a plain error."""
    db.session.rollback()
    current_app.logger.exception("socket event failed")
    return error_ack(internal_error())
