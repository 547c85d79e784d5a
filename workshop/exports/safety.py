"""Text that a spreadsheet would run as a formula is made plain text."""

from __future__ import annotations

# OWASP "CSV injection": these first characters start a formula (tab and
# carriage return can hide one behind whitespace).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def neutralise(text: str) -> str:
    """Prefix a formula-like value with an apostrophe, as spreadsheets expect."""
    return "'" + text if looks_like_formula(text) else text
