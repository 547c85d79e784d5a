"""Language choice: Bahasa Indonesia first, English second."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import has_request_context, request, session
from flask_babel import get_locale

from .core.timeutil import format_date_range_in

if TYPE_CHECKING:
    from .core.models import Workshop

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}


def select_locale() -> str:
    """The language asked for on this phone, else its browser's, else Indonesian."""
    if not has_request_context():
        return "id"
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(list(LANGUAGES), default="id") or "id"


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "id"


def workshop_dates(workshop: Workshop, language: str | None = None) -> str:
    """A workshop's day or days in `language` (default: the page's), as pages and
    documents write them: "8\u20139 Desember 2026"; "" without a date (also the
    templates' `workshop_dates` filter)."""
    if workshop.date is None:
        return ""
    last = workshop.date_of(workshop.days or 1) or workshop.date
    return format_date_range_in(workshop.date, last, language or current_language())
