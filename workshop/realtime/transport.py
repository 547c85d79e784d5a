"""Socket plumbing shared by every handler: who is calling, and the ack shape.

A handler wrapped by `socket_action` receives the workshop, the caller's
identity and a dict payload; it calls services and returns a dict. The wrapper
runs it as one unit of work (unit.py): it commits and broadcasts on success,
and turns any error into the documented
acknowledgement `{"ok": false, "error": {"code", "message", "fields"}}`,
rolling back so nothing half-done is kept or sent. `socket_action(steering=True)`
lets only the facilitator and co-facilitators in (core.access.steering).
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any, overload

from flask import current_app, session
from flask_babel import gettext as _
from flask_socketio import disconnect

from ..core import access
from ..core.access import Identity
from ..core.cards import Card
from ..core.errors import DomainError, invalid, unauthenticated
from ..core.fastpath import workshop_by_id
from ..core.models import Workshop
from ..core.validation import check_ids
from ..extensions import db
from ..ratelimit import limits
from .broadcast import refuse_writes, rollback
from .policy import Settings, Viewer
from .unit import unit_of_work

log = logging.getLogger(__name__)

SOCKET_KEY = "socket"

Action = Callable[[Workshop, Identity, dict[str, Any]], dict[str, Any] | None]
Handler = Callable[..., dict[str, Any]]


def bind_identity(store: MutableMapping[str, Any], identity: Identity) -> None:
    """Keep the identity checked at connect for this connection's later events."""
    store[SOCKET_KEY] = {
        "workshop_id": identity.workshop_id,
        "role": identity.role,
        "participant_id": identity.participant_id,
        "key_id": identity.key_id,
    }


def bound_identity(store: MutableMapping[str, Any]) -> Identity:
    data = store.get(SOCKET_KEY)
    if not isinstance(data, dict):
        raise unauthenticated(_("Not connected to a workshop; reload the page."))
    return Identity(
        workshop_id=data["workshop_id"],
        role=data["role"],
        participant_id=data.get("participant_id"),
        key_id=data.get("key_id"),
    )


def flood_key(identity: Identity) -> str:
    who = f"p{identity.participant_id}" if identity.participant_id else f"k{identity.key_id}"
    return f"w{identity.workshop_id}:{who}"


def check_flood(identity: Identity) -> None:
    """One phone sending hundreds of events is slowed down; the others are not.

    Called before any database work, so a refusal costs little. A caller that
    keeps going past its allowance is answered `rate_limited` FLOOD_DROP_AFTER
    times, then its socket is dropped (docs/PROTOCOL.md).
    """
    key = flood_key(identity)
    buckets = limits()
    if buckets.events.allow(key):
        return
    if not buckets.refusals.allow(key):
        disconnect()  # the socket.io client reconnects after a back-off
    raise DomainError("rate_limited", _("Slow down: wait a few seconds, then try again."), {}, 429)


def flooding(identity: Identity) -> bool:
    """Whether this caller has used up its allowance (checked again at connect)."""
    buckets = limits()
    key = flood_key(identity)
    return buckets.events.empty(key) and buckets.refusals.empty(key)


def check_size(payload: dict[str, Any]) -> None:
    limit = int(current_app.config["MAX_EVENT_PAYLOAD"])
    if len(json.dumps(payload, ensure_ascii=False).encode()) > limit:
        raise DomainError(
            "too_large", _("What you sent is too large (at most %(n)d bytes).", n=limit), {}, 413
        )


def error_ack(err: DomainError) -> dict[str, Any]:
    return {"ok": False, "error": err.as_dict()}


def internal_error() -> DomainError:
    return DomainError("internal", _("The server could not do this; please try again."), {}, 500)


@overload
def socket_action(fn: Action, /) -> Handler: ...


@overload
def socket_action(*, steering: bool = False) -> Callable[[Action], Handler]: ...


def socket_action(
    fn: Action | None = None, /, *, steering: bool = False
) -> Handler | Callable[[Action], Handler]:
    """Run `fn` as one write unit: validate the envelope, commit, broadcast, acknowledge.

    `@socket_action(steering=True)`: only the facilitator and co-facilitators may;
    anyone else is refused before `fn` runs (core.access.steering)."""
    return _decorator(fn, write=True, steering=steering)


@overload
def socket_query(fn: Action, /) -> Handler: ...


@overload
def socket_query(*, steering: bool = False) -> Callable[[Action], Handler]: ...


def socket_query(
    fn: Action | None = None, /, *, steering: bool = False
) -> Handler | Callable[[Action], Handler]:
    """Run `fn`, which only reads, with the same envelope, guard and error handling."""
    return _decorator(fn, write=False, steering=steering)


def _decorator(
    fn: Action | None, *, write: bool, steering: bool
) -> Handler | Callable[[Action], Handler]:
    if fn is None:
        return functools.partial(_unit, write=write, steering=steering)
    return _unit(fn, write=write, steering=steering)


def _unit(fn: Action, *, write: bool, steering: bool = False) -> Handler:
    @functools.wraps(fn)
    def handler(payload: Any = None, *_extra: Any) -> dict[str, Any]:
        try:
            identity = bound_identity(session)
            check_flood(identity)  # before the database: refusing a flood is cheap
        except DomainError as err:
            return error_ack(err)
        try:
            with unit_of_work() if write else _reading():
                workshop, payload = _opened(identity, payload, write=write)
                if steering:
                    access.steering(identity)
                result = fn(workshop, identity, payload) or {}
            return {"ok": True, **result}
        except DomainError as err:
            rollback()
            return error_ack(err)
        except Exception:
            log.exception("socket handler %s failed", fn.__name__)
            rollback()
            return error_ack(internal_error())

    # Which handlers change something: tests ask every one of them to write to
    # an archived workshop (Flask-SocketIO's wrapper copies the attribute).
    handler.writes = write  # type: ignore[attr-defined]
    return handler


def _opened(identity: Identity, payload: Any, *, write: bool) -> tuple[Workshop, dict[str, Any]]:
    """The caller's workshop and the payload, once the envelope is checked: the
    workshop is there, the caller's link still valid, the workshop open to writes
    (early, so an archived workshop answers every write with why, whatever the
    payload; stamp() checks again), and the payload an object of bounded size."""
    workshop = workshop_by_id(identity.workshop_id)
    if workshop is None:
        raise unauthenticated(_("This workshop no longer exists."))
    if identity.key_id is not None:
        access.check_key(identity)
    if write:
        refuse_writes(workshop)
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise invalid(_("The message must be an object."))
    check_size(payload)
    check_ids(payload)  # before any statement sees an id
    return workshop, payload


@contextmanager
def _reading() -> Iterator[None]:
    """A query reads in a plain transaction and ends it, so no snapshot stays open."""
    try:
        yield
    finally:
        db.session.rollback()


def card_ack(
    card: Card, identity: Identity, workshop: Workshop, *, new: bool = False
) -> dict[str, Any] | None:
    """A card in an acknowledgement, shaped for the caller by the visibility policy
    (`new`: just posted, as its broadcast says it)."""
    return Viewer.of(identity).card(card.as_dict(new=new), Settings.of(workshop))
