"""The one way a change reaches clients: stamped, stored, committed, then emitted.

A service calls `stamp()` (or `announce()`, `publish_card()`) inside its
transaction: the workshop's sequence number goes up by one and the event is
written to the log, so a client that missed it can fetch it later. The unit of
work (unit.py) then calls `commit_and_broadcast()`: nothing is emitted before
the commit succeeds, and no network write happens inside a write transaction.
Which rooms get which form of each event is the visibility policy's answer
(policy.py).

Every change is stamped, so `stamp()` is where an archived workshop refuses
it (`refuse_writes`): one check for the socket events, the HTTP forms and the
CLI alike. Only the announcement of the archiving itself passes
(`announce_archived`).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import update

from ..core.cards import VISIBLE, Card
from ..core.lifecycle import ARCHIVED, archived_refusal
from ..core.models import Workshop
from ..extensions import db, socketio
from .models import EVERYONE, Event
from .policy import SPOTLIGHT_AUDIENCE, SPOTLIGHT_EVENT, Settings, deliveries_of

_OUTBOX = "urai_outbox"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outgoing:
    workshop_id: int
    message: dict[str, Any]
    audience: str
    settings: Settings


def next_seq(workshop_id: int, *, archiving: bool = False) -> int:
    """Take the workshop's next sequence number (a row lock until commit on PostgreSQL).

    Refused once the workshop is archived, in the same statement: a change that
    raced the archiving (read before it committed) loses, too.
    """
    statement = update(Workshop).where(Workshop.id == workshop_id)
    if not archiving:
        statement = statement.where(Workshop.state != ARCHIVED)
    statement = (
        statement.values(seq=Workshop.seq + 1)
        .returning(Workshop.seq)
        .execution_options(synchronize_session=False)
    )
    seq = db.session.execute(statement).scalar_one_or_none()
    if seq is None:
        raise archived_refusal()
    return int(seq)


def stamp(
    workshop: Workshop,
    type_: str,
    data: dict[str, Any],
    *,
    sector_id: int | None = None,
    audience: str = EVERYONE,
) -> Event:
    """Record an event in the current transaction and queue it for after the commit."""
    refuse_writes(workshop)
    return _stamp(workshop, type_, data, sector_id=sector_id, audience=audience)


def refuse_writes(workshop: Workshop) -> None:
    """Refuse any change to a read-only (archived) workshop, with the one clear message."""
    refusal = workshop.write_refusal()
    if refusal is not None:
        raise refusal


def _stamp(
    workshop: Workshop,
    type_: str,
    data: dict[str, Any],
    *,
    sector_id: int | None = None,
    audience: str = EVERYONE,
    archiving: bool = False,
) -> Event:
    seq = next_seq(workshop.id, archiving=archiving)
    event = Event(
        workshop_id=workshop.id,
        seq=seq,
        type=type_,
        sector_id=sector_id,
        audience=audience,
        data=data,
    )
    db.session.add(event)
    outbox: list[Outgoing] = db.session.info.setdefault(_OUTBOX, [])
    outbox.append(Outgoing(workshop.id, event.as_message(), audience, Settings.of(workshop)))
    return event


def announce(workshop: Workshop) -> Event:
    """Broadcast the workshop's whole state (sectors, phases, timer, settings) to everyone."""
    db.session.flush()
    db.session.expire(workshop, ["sectors", "phases"])
    return stamp(workshop, "workshop.updated", workshop.summary())


def announce_archived(workshop: Workshop) -> Event:
    """Tell everyone the workshop is archived now: the last change it accepts."""
    db.session.flush()
    db.session.expire(workshop, ["sectors", "phases"])
    return _stamp(workshop, "workshop.updated", workshop.summary(), archiving=True)


def publish_card(
    workshop: Workshop, card: Card, *, created: bool = False, moved: bool = False
) -> dict[str, Any]:
    """Stamp a card's creation or change; a move goes workshop-wide so both boards hear it.

    Returns the card whole (as staff see it); acknowledgements shape it for the caller.
    """
    db.session.flush()
    data = card.as_dict()
    stamp(
        workshop,
        "card.created" if created else "card.updated",
        data,
        sector_id=None if moved else card.sector_id,
    )
    if card.status != VISIBLE and workshop.spotlight_card_id == card.id:
        # Hidden, deleted, merged or sent back for approval: off the projector too.
        workshop.spotlight_card_id = None
        stamp(workshop, SPOTLIGHT_EVENT, {"card_id": None}, audience=SPOTLIGHT_AUDIENCE)
    return data


def commit_and_broadcast() -> None:
    """Commit the transaction, then emit every event it stamped, in order."""
    try:
        db.session.commit()
    except Exception:
        rollback()
        raise
    outbox: list[Outgoing] = db.session.info.pop(_OUTBOX, [])
    interval = float(current_app.config.get("TALLY_INTERVAL", 0))
    for item in outbox:
        if item.message["type"] == TALLY_EVENT:
            tallies.offer(item, interval)
        else:
            _emit(item)


def _emit(item: Outgoing) -> None:
    try:
        for rooms, form in deliveries_of(
            item.workshop_id, item.message, item.audience, item.settings
        ):
            socketio.emit("event", form, to=rooms)
    except Exception:
        # The change is stored; a client that misses it catches up at the
        # next tick (ticks.py) or reconnect. The caller still gets its answer.
        log.exception("broadcast of seq %s failed", item.message.get("seq"))


TALLY_EVENT = "votes.updated"


@dataclass
class _Board:
    sent_at: float = float("-inf")
    waiting: dict[int, Outgoing] = field(default_factory=dict)  # card id: latest tally
    sent: dict[int, int] = field(default_factory=dict)  # card id: seq sent this interval
    flushing: bool = False


class TallyThrottle:
    """`votes.updated`, coalesced per board: in a vote storm every vote would send
    its card's tally to the whole board (a thousand phones voting in ten seconds:
    fifty thousand messages a second). A board gets a tally at once when it had
    none in the last `interval` seconds; otherwise the latest tally of each card
    waits for the end of the interval. Each event is still stamped and stored
    (replays and snapshots are exact); only superseded tallies are not sent, and
    within an interval a tally older than one already sent for its card (two
    commits broadcasting in the other order) is not sent after it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._boards: dict[tuple[int, int | None], _Board] = {}

    def offer(self, item: Outgoing, interval: float) -> None:
        key = (item.workshop_id, item.message.get("sector_id"))
        card = int(item.message["data"]["card_id"])
        now = time.monotonic()
        with self._lock:
            board = self._boards.setdefault(key, _Board())
            if interval <= 0 or (not board.flushing and now - board.sent_at >= interval):
                board.sent_at, board.sent = now, {}  # a quiet board: this one goes now
                send = self._fresh(board, item, card)
            else:
                older = board.waiting.get(card)
                if older is None or older.message["seq"] < item.message["seq"]:
                    board.waiting[card] = item
                send = False
                if not board.flushing:
                    board.flushing = True
                    socketio.start_background_task(self._flush, key, board.sent_at + interval - now)
        if send:
            _emit(item)

    @staticmethod
    def _fresh(board: _Board, item: Outgoing, card: int) -> bool:
        """Whether `item` is newer than the tally last sent for its card (lock held)."""
        seq = int(item.message["seq"])
        if board.sent.get(card, -1) >= seq:
            return False
        board.sent[card] = seq
        return True

    def _flush(self, key: tuple[int, int | None], delay: float) -> None:
        socketio.sleep(max(0.0, delay))
        with self._lock:
            board = self._boards[key]
            waiting, board.waiting = board.waiting, {}
            board.flushing, board.sent_at = False, time.monotonic()
            due = [item for card, item in waiting.items() if self._fresh(board, item, card)]
        for item in sorted(due, key=lambda i: int(i.message["seq"])):
            _emit(item)


tallies = TallyThrottle()


def rollback() -> None:
    """Drop the transaction and everything it meant to broadcast."""
    db.session.rollback()
    db.session.info.pop(_OUTBOX, None)
