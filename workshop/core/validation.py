"""Small input checks shared by services: untrusted values in, clean values out."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask_babel import gettext as _

from .errors import invalid

_SPACES = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def clean_text(
    value: Any, field: str, *, max_length: int, required: bool = True, multiline: bool = False
) -> str | None:
    """Return `value` trimmed and normalised, or raise `invalid` naming `field`.

    Control characters are dropped (they break exports and terminals); runs of
    spaces are folded; newlines are kept only in multi-line fields.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise invalid(_("This field is required."), **{field: _("Required.")})
        return None
    if not isinstance(value, str):
        raise invalid(_("This field must be text."), **{field: _("Must be text.")})
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = text.replace("\n", " ")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    text = _SPACES.sub(" ", text)
    text = _MANY_NEWLINES.sub("\n\n", "\n".join(line.strip() for line in text.split("\n")))
    text = text.strip()
    if not text:
        if required:
            raise invalid(_("This field is required."), **{field: _("Required.")})
        return None
    if len(text) > max_length:
        message = _(
            "At most %(limit)d characters (now %(count)d).", limit=max_length, count=len(text)
        )
        raise invalid(message, **{field: message})
    return text


# SQLite's INTEGER is signed 64-bit: a larger Python int given to a statement
# raises OverflowError in the driver, far from the payload that carried it.
MIN_INT, MAX_INT = -(2**63), 2**63 - 1

# The payload fields that name a row (or a sequence number or version compared
# in a statement), in every socket event: checked once by the transport
# (realtime/transport.py) before any handler runs.
ID_FIELDS = frozenset(
    {
        "id",
        "sector_id",
        "card_id",
        "phase_id",
        "participant_id",
        "cluster_id",
        "proposal_id",
        "plan_id",
        "parent_id",
        "source_id",
        "target_id",
        "addresses_id",
        "answer_id",  # poll, wordcloud: an entry the profanity filter held
        "since",
        "base_version",
        "question_id",  # workshop/questions/
    }
)
# suggestion:dismiss names its cards in a list, cards:bulk its card_ids.
ID_LISTS = frozenset({"cards", "card_ids"})


def is_integer(value: Any) -> bool:
    """An integer SQLite can store (not a boolean, a float or a string of digits)."""
    return isinstance(value, int) and not isinstance(value, bool) and MIN_INT <= value <= MAX_INT


def optional_int(value: Any, field: str) -> int | None:
    """Return an integer or None; reject booleans, floats, strings and huge numbers."""
    if value is None:
        return None
    if not is_integer(value):
        raise invalid(_("Invalid value."), **{field: _("Must be a number.")})
    return int(value)


def check_ids(payload: dict[str, Any]) -> None:
    """Raise `invalid` naming the first id field that holds anything but null or an
    integer SQLite can store, so that no statement ever sees such a value."""
    for field in ID_FIELDS.intersection(payload):
        optional_int(payload[field], field)
    for field in ID_LISTS.intersection(payload):
        values = payload[field]
        if isinstance(values, list):
            for value in values:
                optional_int(value, field)


def required_flag(value: Any, field: str) -> bool:
    """Return a boolean; reject anything else (no 0/1, no "true")."""
    if not isinstance(value, bool):
        raise invalid(_("Invalid value."), **{field: _("Must be true or false.")})
    return value
