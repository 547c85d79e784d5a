"""Time helpers: every stored timestamp is UTC."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (SQLite stores naive values)."""
    return datetime.now(UTC).replace(tzinfo=None)
