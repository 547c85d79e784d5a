"""Serialised writes on SQLite.

SQLite allows one writer at a time. A transaction that reads, then writes,
can find that another writer committed in between and fail with "database is
locked". So a unit of work that will write announces it (`writing()`), and
its transaction then begins with BEGIN IMMEDIATE: it waits (busy timeout) for
the previous writer to finish and then reads fresh data, so budgets and caps
are checked against the truth. Read-only work begins a plain deferred
transaction, which in WAL mode never blocks anyone.

No network write may happen inside such a transaction (broadcasts go out
after the commit), so under gevent a writer never yields while holding the
lock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from flask import Flask, g, request
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

_WRITING: ContextVar[bool] = ContextVar("urai_writing", default=False)


@contextmanager
def writing() -> Iterator[None]:
    """Transactions begun inside this block take SQLite's write lock at once."""
    token = _WRITING.set(True)
    try:
        yield
    finally:
        _WRITING.reset(token)


def init_app(app: Flask) -> None:
    """Every HTTP request that can change data (POST and the like) is a writer.

    Found by the threading-mode load test: forms posted by many phones at
    once, each reading then writing, failed with "database is locked".
    """

    @app.before_request
    def _begin_writing() -> None:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            g.urai_writing = _WRITING.set(True)

    @app.teardown_request
    def _end_writing(_exc: BaseException | None) -> None:
        token = g.pop("urai_writing", None)
        if token is not None:
            _WRITING.reset(token)


def configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout, foreign keys, and BEGIN (IMMEDIATE) under our control."""
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN, instead of the driver.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE" if _WRITING.get() else "BEGIN")
