"""Counts in a storm, stamped once per interval rather than once per change.

When a whole room taps at once (dots on cards, upvotes on a speaker's
questions), stamping each change's new count in its own transaction doubles the
work of the change and sends every screen one message a tap. So with
`TALLY_INTERVAL` above zero a change's transaction stores only its own row;
once it has committed, the item it changed is marked here, and a background
task stamps the current counts of every marked item of the workshop in one
transaction, through the stamping function of that kind of count (a card's
dots: voting/tallies.py; a question's upvotes: questions/services.py). A quiet
workshop's marks are stamped at once (the task starts without delay); while
changes pour in, at most once per interval, per kind and workshop.

A stamping function counts the rows, so what it stamps is the count at its
time, whatever order the batches ran in. If the server stops between a
change's commit and its batch (at most one interval), that count is not
stamped; the next change of the item, or any snapshot, shows it. With
`TALLY_INTERVAL` 0 (the tests' default) nothing is batched: the callers stamp
inside the change's own transaction.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask import Flask, current_app

from ..extensions import socketio
from .broadcast import after_commit

log = logging.getLogger(__name__)

# A kind of count: stamps, in its own transaction, the current counts of the
# marked items of one workshop (its id, the items' ids, the flags marked with them).
Stamper = Callable[[int, set[int], frozenset[str]], None]


@dataclass
class _Marks:
    ids: set[int] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)  # more to stamp (e.g. the voting progress)
    running: bool = False  # a batch is scheduled or being stamped
    stamped_at: float = float("-inf")


class Batcher:
    """The marks and background batches of one app, per kind of count and workshop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._marks: dict[tuple[Stamper, int], _Marks] = {}

    def interval(self) -> float:
        """Seconds between two batches of a kind and workshop (0: no batching)."""
        return float(current_app.config.get("TALLY_INTERVAL", 0))

    def mark_after_commit(
        self, kind: Stamper, workshop_id: int, item_id: int, flags: Iterable[str] = ()
    ) -> None:
        """Mark the item (and the flags) for `kind`'s next batch, once the current
        transaction commits (a rollback drops the mark with the change)."""
        app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
        interval, wanted = self.interval(), set(flags)
        after_commit(lambda: self._mark(app, interval, (kind, workshop_id), item_id, wanted))

    def _mark(
        self,
        app: Flask,
        interval: float,
        key: tuple[Stamper, int],
        item_id: int,
        flags: set[str],
    ) -> None:
        with self._lock:
            marks = self._marks.setdefault(key, _Marks())
            marks.ids.add(item_id)
            marks.flags |= flags
            if marks.running:
                return
            marks.running = True
            delay = max(0.0, marks.stamped_at + interval - time.monotonic())
        socketio.start_background_task(self._run, app, interval, key, delay)

    def _run(self, app: Flask, interval: float, key: tuple[Stamper, int], delay: float) -> None:
        kind, workshop_id = key
        while True:
            socketio.sleep(delay)
            with self._lock:
                marks = self._marks[key]
                ids, flags = marks.ids, frozenset(marks.flags)
                marks.ids, marks.flags = set(), set()
                marks.stamped_at = time.monotonic()
            try:
                with app.app_context():
                    kind(workshop_id, ids, flags)
            except Exception:
                # The changes are stored; snapshots and the next batch show the counts.
                log.exception("stamping a batch of workshop %s failed", workshop_id)
            with self._lock:
                if not marks.ids and not marks.flags:
                    marks.running = False
                    return
            delay = interval  # more came in meanwhile: the next batch, one interval on


_KEY = "urai_batches"


def init_app(app: Flask) -> None:
    """One batcher per app: its marks and background tasks belong to that app."""
    app.extensions[_KEY] = Batcher()


def batcher() -> Batcher:
    """The current app's batcher."""
    value: Batcher = current_app.extensions[_KEY]
    return value
