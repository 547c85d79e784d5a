"""Time helpers: every stored timestamp is UTC; documents show dates in
Indonesian ("8 Desember 2026") and times in the workshop's zone (WIB, WITA, WIT)."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime

# Indonesia's three zones, by IANA name: the name a document prints, and the
# offset from UTC in hours. None has had summer time since 1964, so a fixed
# offset is exact for any workshop and needs no time-zone database (which a
# Windows laptop's Python lacks).
ZONES: dict[str, tuple[str, int]] = {
    "Asia/Jakarta": ("WIB", 7),
    "Asia/Makassar": ("WITA", 8),
    "Asia/Jayapura": ("WIT", 9),
}
DEFAULT_ZONE = "Asia/Jakarta"
MONTHS_ID = (
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
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Excel's number formats for real date cells: "[$-421]" is the Indonesian locale
# ("[$-809]" British English), so Excel and LibreOffice name the month in it.
EXCEL_DATE = {"id": "[$-421]d mmmm yyyy;@", "en": "[$-809]d mmmm yyyy;@"}
EXCEL_DATETIME = {"id": "[$-421]d mmmm yyyy hh:mm;@", "en": "[$-809]d mmmm yyyy hh:mm;@"}


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (SQLite stores naive values)."""
    return datetime.now(UTC).replace(tzinfo=None)


def format_date_id(date: dt.date) -> str:
    """A date as an Indonesian letter writes it: "8 Desember 2026"."""
    return f"{date.day} {MONTHS_ID[date.month - 1]} {date.year}"


def zone_or_default(zone: str | None) -> str:
    """`zone` if it is one of Indonesia's three, else WIB's."""
    return zone if zone in ZONES else DEFAULT_ZONE


def zone_label(zone: str | None) -> str:
    """WIB, WITA or WIT."""
    return ZONES[zone_or_default(zone)][0]


def laptop_zone() -> str:
    """The laptop's own zone, from its clock's offset (WIB if not Indonesian)."""
    offset = datetime.now().astimezone().utcoffset()
    return zone_for_offset(int(offset.total_seconds() // 60) if offset is not None else None)


def zone_for_offset(minutes: int | None) -> str:
    """The zone of a laptop `minutes` ahead of UTC: +7 WIB, +8 WITA, +9 WIT, else WIB."""
    for name, (_label, hours) in ZONES.items():
        if minutes == hours * 60:
            return name
    return DEFAULT_ZONE


def local(moment: datetime, zone: str | None) -> datetime:
    """A stored (naive UTC) moment as the wall-clock time in `zone`, naive."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    hours = ZONES[zone_or_default(zone)][1]
    return aware.astimezone(dt.timezone(dt.timedelta(hours=hours))).replace(tzinfo=None)


def format_datetime_id(moment: datetime, zone: str | None) -> str:
    """A stored (UTC) moment in the workshop's zone: "8 Desember 2026 14.30 WITA"
    (Indonesian writes the hour and minute with a full stop)."""
    return format_datetime_in(moment, zone, "id")


def format_date_in(date: dt.date, language: str) -> str:
    """A document's date in its language: Indonesian, or "8 December 2026" in English."""
    if language == "en":
        return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"
    return format_date_id(date)


def format_date_range_in(start: dt.date, end: dt.date, language: str) -> str:
    """The days of a workshop as a letter writes them: "24–25 November 2026",
    "30 November – 1 Desember 2026", "31 Desember 2026 – 2 Januari 2027"; one
    day as `format_date_in`."""
    if end <= start:
        return format_date_in(start, language)
    last = format_date_in(end, language)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{last}"
    first = format_date_in(start, language)
    if start.year == end.year:
        first = first.rsplit(" ", 1)[0]
    return f"{first} \u2013 {last}"


def format_datetime_in(moment: datetime, zone: str | None, language: str) -> str:
    """A stored (UTC) moment in the workshop's zone and the document's language."""
    at = local(moment, zone)
    clock = f"{at:%H:%M}" if language == "en" else f"{at:%H.%M}"
    return f"{format_date_in(at.date(), language)} {clock} {zone_label(zone)}"
