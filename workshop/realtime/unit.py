"""One unit of work for every transport: socket events, HTTP views and the CLI.

Inside `unit_of_work()` a service changes rows and stamps its broadcasts; on
success the transaction is committed and only then is anything emitted; on
any error everything is rolled back and nothing is sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..dbwrites import writing
from .broadcast import commit_and_broadcast, rollback


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Run the block as one write transaction: commit, then broadcast; or roll back."""
    with writing():
        try:
            yield
        except BaseException:
            rollback()
            raise
        commit_and_broadcast()
