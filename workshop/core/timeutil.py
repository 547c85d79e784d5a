"""Time helpers: every stored timestamp is UTC."""

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (SQLite stores naive values)."""
    return datetime.now(UTC).replace(tzinfo=None)


_MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_date_id(date: date) -> str:
    """A date as an Indonesian letter writes it: "8 Desember 2026"."""
    return f"{date.day} {_MONTHS_ID[date.month - 1]} {date.year}"
