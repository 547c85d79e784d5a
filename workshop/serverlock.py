"""A running server's claim on its SQLite database, which `urai restore` respects.

The server holds an exclusive lock on a file beside the database for as long as
it runs (fcntl on Linux and macOS, msvcrt on Windows). The system drops the
lock when the process ends, however it ends (Ctrl+C, a closed window, a crash,
SIGKILL), so a stale pid file can never block a restore, and a lock that is
held means a server that is alive. The lock file holds the pid, for the message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO


class DatabaseLock:
    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Take the lock if nobody holds it; False when another process does."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+b")
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the lock
            self._handle = None

    def holder(self) -> str | None:
        """The pid of the process holding the lock ("?" if unreadable), or None."""
        if self._handle is not None:
            return str(os.getpid())
        if not self.path.exists():
            return None
        if self.acquire():
            self.release()
            return None
        try:
            return self.path.read_text(encoding="ascii").strip() or "?"
        except OSError:  # Windows refuses to read the locked byte
            return "?"


def _lock(handle: IO[bytes]) -> None:
    """An exclusive, non-blocking lock on the file; OSError when it is taken."""
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
