"""A word-cloud entry made into the term the cloud counts, and the profanity filter.

An entry is lower-cased and stripped of punctuation, its Indonesian and English
stop words dropped (Sastrawi's and scikit-learn's lists with stopwords.txt), and
what is left, one to three words, is the term: "Pelayanan yang CEPAT!" counts as
"pelayanan cepat". An entry with a word of profanity.txt (or of the instance
folder's profanity.txt) is held for the facilitator instead of being counted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..similar.text import stop_words

HERE = Path(__file__).parent
STOP_WORDS = stop_words(HERE / "stopwords.txt")
PROFANITY_PATH = HERE / "profanity.txt"

# Letters and digits, joined by inner hyphens or apostrophes ("kupu-kupu", "don't").
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
# Digits and signs typed for letters, to find "4nj1ng" and "$hit".
_LEET = str.maketrans("013457@$", "oieastas")
_REPEATS = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Entry:
    """What a phone typed, as the cloud counts it."""

    words: tuple[str, ...]  # every word, normalised
    term: str  # the words that are not stop words, joined by one space

    @property
    def content_words(self) -> int:
        return len(self.term.split()) if self.term else 0


def normalise(text: str) -> tuple[str, ...]:
    """The words of `text`: compatibility forms folded, lower case, no punctuation."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    return tuple(word.replace("'", "") for word in _WORD.findall(folded))


def entry_of(text: str, stop: frozenset[str] = STOP_WORDS) -> Entry:
    words = normalise(text)
    kept = [word for word in words if word not in stop and not word.isdigit()]
    return Entry(words, " ".join(kept))


def read_list(path: Path) -> frozenset[str]:
    """The words and phrases of a list file (comments and blank lines skipped)."""
    if not path.is_file():
        return frozenset()
    found: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found.update(" ".join(normalise(word)) for word in line.split())
    return frozenset(word for word in found if word)


@lru_cache(maxsize=8)
def _profanity(paths: tuple[Path, ...], stamps: tuple[float, ...]) -> frozenset[str]:
    return frozenset().union(*(read_list(path) for path in paths))


def profanity(extra: Path | None = None) -> frozenset[str]:
    """The profanity list: the package's file and the instance folder's, re-read
    when either changes."""
    paths = (PROFANITY_PATH,) if extra is None else (PROFANITY_PATH, extra)
    stamps = tuple(path.stat().st_mtime if path.is_file() else 0.0 for path in paths)
    return _profanity(paths, stamps)


def _forms(word: str) -> set[str]:
    return {word, _REPEATS.sub(r"\1", word)}


def is_profane(text: str, banned: frozenset[str]) -> bool:
    """Whether a word of `text`, or `text` run together ("f u c k"), is on the list,
    read as typed and with digits and signs read as letters ("4nj1ng", "$hit")."""
    candidates: set[str] = set()
    for words in (normalise(text), normalise(text.translate(_LEET))):
        candidates |= _forms("".join(words))
        for word in words:
            candidates |= _forms(word)
    return any(form in banned for form in candidates)
