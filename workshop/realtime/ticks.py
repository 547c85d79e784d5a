"""A periodic tick that lets every client notice a missed broadcast.

With several server processes, a broadcast travels through the message
queue; if the queue drops it (Redis restarted, say), a client's connection
stays up and it would never know. So each process tells its own clients,
every few seconds, the last sequence number each of them should have seen:
per sector board for participants, and for everything for the projector and
the facilitator. A client that is behind asks for what it missed (`sync`).
The tick is emitted to this process's clients only (`ignore_queue`): it
must not depend on the queue it is there to check.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from ..extensions import db, socketio
from .models import Event
from .policy import DISPLAY_VIEW, PUBLIC_VIEW, STEERING_VIEW
from .rooms import steering_room, workshop_room, workshops_in

log = logging.getLogger(__name__)


def ensure_started(app: Flask) -> None:
    """Start this process's tick loop once (TICK_SECONDS = 0 turns it off)."""
    configured = app.config.get("TICK_SECONDS")
    if configured is None:
        configured = 5.0 if app.config.get("MESSAGE_QUEUE") else 0.0
    seconds = float(configured)
    if seconds <= 0 or app.extensions.get("urai_ticks"):
        return
    app.extensions["urai_ticks"] = True
    socketio.start_background_task(_loop, app, seconds)


def _loop(app: Flask, seconds: float) -> None:
    while True:
        socketio.sleep(seconds)
        try:
            with app.app_context():
                send_ticks()
        except Exception:  # the loop must outlive one bad round
            log.exception("tick failed")


def local_workshops() -> set[int]:
    """Workshops with a client connected to this process."""
    return workshops_in(socketio.server.manager.rooms.get("/", {}))


def tick_for(workshop_id: int) -> tuple[dict[str, Any], int]:
    """The public tick (workshop-wide, per board, for the projector) and the steering seq.

    Each figure is the last event that kind of viewer receives (policy.py).
    """
    rows = db.session.execute(
        select(Event.sector_id, Event.audience, func.max(Event.seq))
        .where(Event.workshop_id == workshop_id)
        .group_by(Event.sector_id, Event.audience)
    ).all()
    public = [(sid, seq) for sid, aud, seq in rows if PUBLIC_VIEW.receives(aud)]
    wide = max((seq for sid, seq in public if sid is None), default=0)
    sectors: dict[str, int] = {}
    for sid, seq in public:
        if sid is not None:
            sectors[str(sid)] = max(seq, sectors.get(str(sid), 0))
    display = max((seq for _sid, aud, seq in rows if DISPLAY_VIEW.receives(aud)), default=0)
    steering = max((seq for _sid, aud, seq in rows if STEERING_VIEW.receives(aud)), default=0)
    return {"wide": wide, "sectors": sectors, "display": display}, steering


def send_ticks() -> None:
    for workshop_id in sorted(local_workshops()):
        public, steering = tick_for(workshop_id)
        socketio.emit("tick", public, to=workshop_room(workshop_id), ignore_queue=True)
        socketio.emit("tick", {"seq": steering}, to=steering_room(workshop_id), ignore_queue=True)
    db.session.rollback()
