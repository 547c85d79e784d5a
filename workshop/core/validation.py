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


MAX_INT = 2**63 - 1


def optional_int(value: Any, field: str) -> int | None:
    """Return an integer or None; reject booleans, floats, strings and huge numbers."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_INT:
        raise invalid(_("Invalid value."), **{field: _("Must be a number.")})
    return value


def required_flag(value: Any, field: str) -> bool:
    """Return a boolean; reject anything else (no 0/1, no "true")."""
    if not isinstance(value, bool):
        raise invalid(_("Invalid value."), **{field: _("Must be true or false.")})
    return value
