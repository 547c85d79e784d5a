"""Turning a short card text into the terms the similarity engine compares.

The steps, in order:

1. Unicode is folded (NFKC, accents dropped, lower case, a letter
   stretched in chat typed once: "lamaaa" -> "lama"); emoji and
   punctuation fall away. Numbers are dropped ("2-3 jam" keeps "jam"),
   "Rp50.000" becomes ``rp``, "berubah2" is read as "berubah-berubah", a
   clitic written with a hyphen goes ("BPJS-nya" -> "bpjs").
2. Chat spellings are read as the standard word, from the data file
   spellings.txt: "gak", "nggak", "tdk" -> "tidak"; "lemot" -> "lambat";
   "bikin" -> "buat"; "yg" -> "yang". The synonyms file is read the same
   way, so its lines may be written either way.
3. Phrases and abbreviations of the synonyms file are replaced by one concept
   term, longest match first, on the words as typed and on their stems:
   "e-KTP", "KTP elektronik" and "ktp el" all become ``ktpel``; a concept
   whose first term has several words also brings those words ("akte lahir"
   -> ``akta_kelahiran akta lahir``, so it still meets "akta"). An
   abbreviation with -nya written on ("ktpnya", "kknya") is the
   abbreviation. A word of six letters or more that is in no dictionary is
   matched to a synonym term when it is a near miss (rapidfuzz ratio >= 88:
   "puskemas" is "puskesmas").
4. Indonesian and English stop words go, as typed: Sastrawi's and
   scikit-learn's lists, plus the colloquial fillers of stopwords.txt (nih,
   sih, deh...), less the words it keeps ("lama", "kurang", "jauh"; the
   exceptions and why are in the file). Whether "tidak" and "belum" stay
   stop words was decided by cross-validation (bench/similar.py --grid):
   they do; the negations that matter are phrases of the synonyms file
   ("tidak aktif", "tidak di tempat", "tidak mampu").
5. Other words are stemmed with Sastrawi (PySastrawi, the dictionary-based
   Nazief-Adriani/ECS stemmer: "pengurusan", "diurus" -> "urus"). Words that
   Sastrawi neither knows nor changes get a light English suffix stripping
   ("queues" -> "queue", "rejected" -> "reject"). Stems are memoised per word:
   Sastrawi costs about 0.2 ms a word, a cache hit about a microsecond.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary  # type: ignore[import-untyped]
from Sastrawi.Stemmer.Stemmer import Stemmer  # type: ignore[import-untyped]
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # type: ignore[import-untyped]
from Sastrawi.StopWordRemover.StopWordRemoverFactory import (  # type: ignore[import-untyped]
    StopWordRemoverFactory,
)
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # type: ignore[import-untyped]

DEFAULT_SYNONYMS_PATH = Path(__file__).with_name("synonyms.txt")
STOP_WORDS_PATH = Path(__file__).with_name("stopwords.txt")
SPELLINGS_PATH = Path(__file__).with_name("spellings.txt")

# Near-miss spelling of a synonym term: rapidfuzz ratio (0-100) and the
# shortest word it is tried on.
FUZZY_CUTOFF = 88.0
FUZZY_MIN_LENGTH = 6


def stop_words(path: Path = STOP_WORDS_PATH) -> frozenset[str]:
    """Sastrawi's Indonesian stop words and scikit-learn's English ones, with the
    chat spellings and fillers of `path` (stopwords.txt) that both leave out,
    less the words `path` keeps ("-lama": how long a queue takes matters)."""
    words = [
        word.lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
        for word in line.split()
    ]
    kept = {word[1:] for word in words if word.startswith("-")}
    added = {word for word in words if not word.startswith("-")}
    libraries = {*StopWordRemoverFactory().get_stop_words(), *ENGLISH_STOP_WORDS}
    return frozenset((libraries - kept) | added)


STOP_WORDS = stop_words()


def spellings(path: Path = SPELLINGS_PATH) -> dict[str, tuple[str, ...]]:
    """Chat spelling -> the standard word(s), from `path` (spellings.txt):
    one line a standard form, "tidak = ga gak nggak tdk"."""
    table: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") or "=" not in line:
            continue
        standard, variants = line.split("=", 1)
        words = tuple(standard.lower().split())
        for variant in variants.lower().split():
            table.setdefault(variant, words)
    return table


SPELLINGS = spellings()

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_REDUPLICATED_2 = re.compile(r"^([a-z]{3,})2$")
_MONEY = re.compile(r"^rp\d")
_LEADING_DIGITS = re.compile(r"^\d+([a-z]{2,})$")
_ASCII_WORD = re.compile(r"^[a-z]+$")
_CLITICS = frozenset({"nya", "ku", "mu", "lah", "kah", "pun"})


_STRETCHED = re.compile(r"([a-z])\1{2,}")


def fold(text: str) -> str:
    """Lower case, NFKC, no accents, a letter typed three times or more once
    (chat stretching): "Ré-KTP" -> "re-ktp", "lamaaa" -> "lama"."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _STRETCHED.sub(r"\1", text)


def raw_tokens(text: str) -> list[str]:
    """Words as typed, folded, numbers dropped, chat spellings read as the
    standard word (spellings.txt); hyphens kept inside a word."""
    out: list[str] = []
    for match in _TOKEN_RE.finditer(fold(text)):
        word = _word(match.group(0).replace("'", "").replace("’", ""))
        if word:
            out.extend(_standard(word))
    return out


def _standard(word: str) -> tuple[str, ...]:
    """The standard word(s) of a chat spelling: "gak" -> ("tidak",)."""
    if word in SPELLINGS:
        return SPELLINGS[word]
    if "-" in word:
        parts = word.split("-")
        if any(p in SPELLINGS for p in parts):
            return ("-".join(" ".join(SPELLINGS.get(p, (p,))) for p in parts),)
    return (word,)


def _word(token: str) -> str | None:
    """One token as the engine reads it ("rp50.000" -> "rp", "3hari" -> "hari",
    "berubah2" -> "berubah-berubah"), or None for a number."""
    if "." in token:
        parts = token.split(".")
        if all(p.isdigit() for p in parts):
            return None
        if not _MONEY.match(token):
            token = "".join(parts)
    if token.isdigit():
        return None
    if _MONEY.match(token):
        return "rp"
    digits = _LEADING_DIGITS.match(token)
    if digits:
        token = digits.group(1)
    twice = _REDUPLICATED_2.match(token)
    if twice:
        token = f"{twice.group(1)}-{twice.group(1)}"
    if "-" in token:
        parts = [p for p in token.split("-") if p and not p.isdigit()]
        if len(parts) > 1 and parts[-1] in _CLITICS:  # "BPJS-nya" -> "bpjs"
            parts.pop()
        return "-".join(parts) or None
    return token


def _squash(token: str) -> str:
    return token.replace("-", "")


def _english_light_stem(word: str) -> str:
    """A few English suffixes, for words no Indonesian dictionary knows."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and word[-2] not in "sui":
        word = word[:-1]
    if len(word) >= 6 and word.endswith("ing"):
        word = word[:-3]
    elif (len(word) >= 5 and word.endswith("ed")) or (len(word) >= 6 and word.endswith("ly")):
        word = word[:-2]
    if len(word) >= 5 and word.endswith("e"):
        word = word[:-1]
    return word


class IndonesianStemmer:
    """Sastrawi's stemmer with a per-word memo (thread-safe) and English fallback."""

    def __init__(self) -> None:
        words = StemmerFactory().get_words()
        self._dictionary = ArrayDictionary(words)
        self._words = frozenset(w for w in words if w)
        self._stemmer = Stemmer(self._dictionary)
        self._lock = threading.Lock()
        self.sastrawi = lru_cache(maxsize=65536)(self._sastrawi)
        self.stem = lru_cache(maxsize=65536)(self._stem)

    def knows(self, word: str) -> bool:
        return word in self._words

    def unknown(self, word: str) -> bool:
        """Neither in the dictionary nor reducible to a word in it (a name, a typo)."""
        return not self.knows(word) and self.sastrawi(word) == word

    def _sastrawi(self, word: str) -> str:
        with self._lock:  # Sastrawi makes no promise about threads
            return str(self._stemmer.stem_word(word))

    def _stem(self, word: str) -> str:
        stem = self.sastrawi(word)
        if stem == word and not self.knows(word) and "-" not in word:
            if len(word) > 5 and word.endswith("nya"):
                return self.stem(word[:-3])
            if _ASCII_WORD.match(word):
                return _english_light_stem(word)
        return stem


_STEMMER: IndonesianStemmer | None = None
_STEMMER_LOCK = threading.Lock()


def shared_stemmer() -> IndonesianStemmer:
    """One stemmer (and one memo) for the process: loading the dictionary takes 50 ms."""
    global _STEMMER
    with _STEMMER_LOCK:
        if _STEMMER is None:
            _STEMMER = IndonesianStemmer()
        return _STEMMER


@dataclass(frozen=True)
class SynonymGroup:
    concept: str  # the term that stands for the group in the index
    terms: tuple[str, ...]  # as written in the file


class Synonyms:
    """Groups of equivalent terms: one group a line, terms separated by commas."""

    def __init__(
        self, groups: Iterable[Iterable[str]] = (), stemmer: IndonesianStemmer | None = None
    ) -> None:
        self._stemmer = stemmer or shared_stemmer()
        self.groups: list[SynonymGroup] = []
        self._lookup: dict[tuple[str, ...], str] = {}
        self._first_words: set[str] = set()
        self.longest = 1
        for group in groups:
            self.add_group(group)

    @classmethod
    def parse(cls, lines: Iterable[str]) -> Synonyms:
        groups = []
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            groups.append([t.strip() for t in line.split(",") if t.strip()])
        return cls(groups)

    @classmethod
    def load(cls, *paths: str | Path) -> Synonyms:
        lines: list[str] = []
        for path in paths:
            lines.extend(Path(path).read_text(encoding="utf-8").splitlines())
        return cls.parse(lines)

    def add_group(self, terms: Iterable[str]) -> None:
        keys: list[tuple[str, ...]] = []
        surfaces: list[tuple[str, ...]] = []  # the terms as written, not their stems
        written = []
        for term in terms:
            typed = raw_tokens(term)
            if not typed:
                continue
            written.append(term)
            words = tuple(_squash(t) for t in typed)
            split = tuple(p for t in typed for p in t.split("-"))
            keys.extend([words, split, ("".join(words),)])
            surfaces.extend([words, split, ("".join(words),)])
            stems = [self._stem_key(w) for w in split]
            if all(stem is not None for stem in stems):
                keys.append(tuple(str(stem) for stem in stems))
        if not keys:
            return
        # A line that repeats a known term extends that term's group: a
        # facilitator's "banjir rob, air pasang laut" adds to the shipped "rob".
        known = [self._lookup[k] for k in surfaces if k in self._lookup]
        concept = known[0] if known else "_".join(keys[0])
        fresh = list(dict.fromkeys(k for k in keys if k not in self._lookup))
        if not fresh:
            return
        if not known:
            self.groups.append(SynonymGroup(concept, tuple(written)))
        for key in fresh:
            self._lookup[key] = concept
            self._first_words.add(key[0])
            self.longest = max(self.longest, len(key))

    def _stem_key(self, word: str) -> str | None:
        """The stem a text word must have to match this term word, if any.

        A term also matches by stem ("certificate" is met by "certificates"),
        unless its stem is another dictionary word: "pemasaran" (marketing)
        must not swallow every "pasar" (market).
        """
        stem = self._stemmer.stem(word)
        if stem != word and self._stemmer.knows(stem):
            return None
        return str(stem)

    def concept(self, key: tuple[str, ...]) -> str | None:
        return self._lookup.get(key)

    def starts(self, word: str) -> bool:
        return word in self._first_words

    def single_words(self) -> dict[str, str]:
        return {k[0]: c for k, c in self._lookup.items() if len(k) == 1}


@dataclass(frozen=True)
class _Unit:
    surface: str  # as typed, hyphens removed
    stem: str


class TextAnalyzer:
    """Card text -> terms (concepts of the synonyms file and word stems)."""

    def __init__(
        self,
        synonyms: Synonyms,
        stemmer: IndonesianStemmer | None = None,
        stop_words: frozenset[str] | None = None,
    ) -> None:
        self.synonyms = synonyms
        self.stemmer = stemmer or shared_stemmer()
        self.stop_words = STOP_WORDS if stop_words is None else stop_words
        singles = synonyms.single_words()
        self._fuzzy_choices = {w: c for w, c in singles.items() if len(w) >= FUZZY_MIN_LENGTH}
        self._fuzzy = lru_cache(maxsize=65536)(self._fuzzy_concept)
        # A phrase concept also counts as the words of its first term:
        # "akte lahir" -> akta_kelahiran, akta, lahir (so it meets "akta").
        self._parts: dict[str, tuple[str, ...]] = {}
        for group in synonyms.groups:
            words = raw_tokens(group.terms[0])
            if len(words) > 1:
                parts = [p for w in words for p in self._terms(w) if p != group.concept]
                self._parts[group.concept] = tuple(dict.fromkeys(parts))
        self.terms = lru_cache(maxsize=4096)(self._terms)

    def units(self, text: str) -> list[_Unit]:
        """The words of a text as typed (hyphens removed) with their stems,
        stop words included (facets.py matches phrases on them)."""
        return self._units(text or "")

    def _units(self, text: str) -> list[_Unit]:
        units: list[_Unit] = []
        stem = self.stemmer.stem
        for token in raw_tokens(text):
            if "-" not in token:
                token = self._without_clitic(token)
                units.append(_Unit(token, stem(token)))
                continue
            joined = _squash(token)
            whole = stem(token)
            if self.synonyms.starts(joined):
                units.append(_Unit(joined, stem(joined)))
            elif whole != token:  # a reduplication Sastrawi resolved: "berjam-jam" -> "jam"
                units.append(_Unit(joined, whole))
            else:
                units.extend(_Unit(p, stem(p)) for p in token.split("-"))
        return units

    def _without_clitic(self, word: str) -> str:
        """An abbreviation with -nya (her, its, the) written on, which no
        dictionary holds, is the abbreviation: "kknya" -> "kk"."""
        if self.synonyms.starts(word):
            return word
        for clitic in ("nya", "ku", "mu"):
            if word.endswith(clitic) and self.synonyms.starts(word[: -len(clitic)]):
                return word[: -len(clitic)]
        return word

    def _fuzzy_concept(self, word: str) -> str | None:
        if len(word) < FUZZY_MIN_LENGTH or not self._fuzzy_choices:
            return None
        if "-" in word or not self.stemmer.unknown(word):
            return None
        best = process.extractOne(
            word, self._fuzzy_choices.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return self._fuzzy_choices[best[0]] if best else None

    def _terms(self, text: str) -> tuple[str, ...]:
        units = self._units(text)
        out: list[str] = []
        i = 0
        synonyms = self.synonyms
        while i < len(units):
            for n in range(min(synonyms.longest, len(units) - i), 0, -1):
                window = units[i : i + n]
                concept = synonyms.concept(tuple(u.surface for u in window))
                if concept is None:
                    concept = synonyms.concept(tuple(u.stem for u in window))
                if concept is not None:
                    out.append(concept)
                    out.extend(self._parts.get(concept, ()))
                    i += n
                    break
            else:
                unit = units[i]
                i += 1
                # As typed, not by stem: the lists spell out the forms they mean
                # ("dilakukan"), and a stem in them ("guna", "laku", "kerja")
                # would take "pengguna", "perilaku", "pekerjaan" with it.
                if unit.surface in self.stop_words:
                    continue
                # Only a word Sastrawi could not place is a possible typo.
                concept = self._fuzzy(unit.surface)
                if concept is not None:
                    out.append(concept)
                elif len(unit.stem) >= 2:
                    out.append(unit.stem)
        return tuple(out)
