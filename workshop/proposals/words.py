"""Counting words as the pages count them (static/js/proposals/wordcount.js): a word is a run
of characters between white space that holds at least one letter or digit, so
"KTP-el" is one word and a lone dash none. The white space is JavaScript's `\\s`,
spelled out so that both sides split at the same characters; tests/proposals
checks both on the same samples."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def count_words(text: str) -> int:
    return sum(1 for token in _SPACE.split(text) if any(_wordy(ch) for ch in token))


def _wordy(ch: str) -> bool:
    return unicodedata.category(ch)[0] in ("L", "N")
