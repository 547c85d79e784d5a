"""Language choice: Bahasa Indonesia first, English second."""

from __future__ import annotations

from flask import has_request_context, request, session
from flask_babel import get_locale

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
