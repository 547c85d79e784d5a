"""Kinds of problem a card names: the second half of "the same problem".

Two cards are the same problem when they name the same service and the same
kind of problem. The term, character and topic blocks of the score
(matcher.py) see the service well and the kind poorly: "Dana BOS dipungut
komite" and "Dana BOS terlambat cair" share their most telling words, while
"dokter tidak di tempat" and "dokternya belum datang" share one. The data
file facets.txt (shipped; a facilitator adds lines in the instance folder's
facets.txt) maps phrases, concepts of synonyms.txt and combinations of them
to kinds of problem: pungli, antre, lambat, absen, sistem, data_salah,
jarak, syarat, informasi, sarana, stok, dana... (its header gives the
format). A card gets the set of kinds it names, as a bit mask.

matcher.py uses the masks to correct a pair's score: cards that both name
kinds and share none are pulled down (``FACET_DOWN``), cards that share one
are pulled up (``FACET_UP``); a pair of which one card names no kind keeps
its score. The correction multiplies the score, so two cards that share no
word (no service) stay apart however alike their kinds.

Matching: the card's words as typed (chat spellings read as the standard
word, spellings.txt) and their Sastrawi stems are looked up in windows of
up to the longest phrase's length. A phrase written as roots ("tunggu",
"belum bayar") matches every form ("menunggu", "belum dibayar"); a phrase
with an affixed word ("dibayar") matches only as written; a ``~word`` part is looked up among the
card's terms (text.TextAnalyzer: synonyms' concepts and stems). The parts
of a way must start within ``PROXIMITY`` words of each other: "dokter ...
tidak ada" names an absent doctor in one clause, not across a sentence
about medicine and another about notice. About 0.3 ms a card, memoised
with the card's other counts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path

from .text import TextAnalyzer

DEFAULT_FACETS_PATH = Path(__file__).with_name("facets.txt")
MAX_FACETS = 64  # one bit each in a uint64 mask
# The parts of a way ("@staff + tidak ada") start at most this many words
# apart; ANYWHERE is the place of a concept found only on the whole text.
PROXIMITY = 6
ANYWHERE = -1

# A part: ("term", concept) for ~word, ("phrase", key) for words; a way is
# the parts that must all be on a card; a kind is its ways.
_Part = tuple[str, tuple[str, ...]]


class Facets:
    """The kinds of problem of facets.txt and the kinds a text names."""

    def __init__(self, lines: Iterable[str], analyzer: TextAnalyzer) -> None:
        self.analyzer = analyzer
        self.kinds: list[str] = []
        self._ways: list[list[list[frozenset[_Part]]]] = []
        self._sets: dict[str, frozenset[_Part]] = {}
        self.longest = 1
        self._known: set[_Part] = set()  # every part of every way
        self._lengths: set[int] = set()  # the phrases' lengths in words
        # part -> the ways (kind, parts) it is a first part of
        self._starts: dict[_Part, list[tuple[int, list[frozenset[_Part]]]]] = {}
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#") or ":" not in line:
                continue
            name, body = (s.strip() for s in line.split(":", 1))
            self._add(name, body)

    @classmethod
    def load(cls, paths: Sequence[str | Path], analyzer: TextAnalyzer) -> Facets:
        lines: list[str] = []
        for path in paths:
            lines.extend(Path(path).read_text(encoding="utf-8").splitlines())
        return cls(lines, analyzer)

    def _add(self, name: str, body: str) -> None:
        ways = [self._way(way) for way in body.split(",") if way.strip()]
        ways = [w for w in ways if w and all(w)]
        if name.startswith("@"):
            self._sets[name] = frozenset(p for w in ways for alt in w for p in alt)
            return
        if name not in self.kinds:
            if len(self.kinds) >= MAX_FACETS:
                raise ValueError(f"at most {MAX_FACETS} kinds of problem")
            self.kinds.append(name)
            self._ways.append([])
        n = self.kinds.index(name)
        self._ways[n].extend(ways)
        for way in ways:
            for part in way[0]:
                self._starts.setdefault(part, []).append((n, way))

    def _way(self, way: str) -> list[frozenset[_Part]]:
        return [self._part(part.strip()) for part in way.split(" + ") if part.strip()]

    def _part(self, part: str) -> frozenset[_Part]:
        if part.startswith("@"):
            return self._sets.get(part, frozenset())
        if part.startswith("~"):
            terms = self.analyzer.terms(part[1:].replace("_", " "))
            found = frozenset({("term", terms[:1])}) if terms else frozenset()
            self._known |= found
            return found
        units = self.analyzer.units(part)
        if not units:
            return frozenset()
        self.longest = max(self.longest, len(units))
        self._lengths.add(len(units))
        surface = tuple(u.surface for u in units)
        if any(u.stem != u.surface for u in units):
            found = frozenset({("phrase", surface)})  # a form: only as written
        else:
            found = frozenset({("phrase", surface), ("stem", surface)})  # roots: any form
        self._known |= found
        return found

    def found(self, text: str) -> dict[_Part, set[int]]:
        """The parts of any kind that are on the card, each with the word
        positions it starts at (ANYWHERE: a concept of several words, found on
        the whole text only)."""
        units = self.analyzer.units(text)
        known = self._known
        found: dict[_Part, set[int]] = {}

        def add(part: _Part, place: int) -> None:
            if part in known:
                found.setdefault(part, set()).add(place)

        surfaces = [u.surface for u in units]
        stems = [u.stem for u in units]
        for i, unit in enumerate(units):
            for term in self.analyzer.terms(unit.surface):
                add(("term", (term,)), i)
        for term in self.analyzer.terms(text):
            part: _Part = ("term", (term,))
            if part in known and part not in found:
                found[part] = {ANYWHERE}
        for n in self._lengths:
            for i in range(len(units) - n + 1):
                add(("phrase", tuple(surfaces[i : i + n])), i)
                add(("stem", tuple(stems[i : i + n])), i)
        return found

    @staticmethod
    def _matches(way: list[frozenset[_Part]], found: dict[_Part, set[int]]) -> bool:
        """All the parts of the way are on the card, within PROXIMITY words of
        each other ("@staff + tidak ada" in one clause, not in two)."""
        if any(alt.isdisjoint(found) for alt in way):
            return False
        places = []
        for alt in way:
            at = set().union(*(found[p] for p in alt if p in found))
            if not at:
                return False
            if ANYWHERE not in at:
                places.append(sorted(at))
        if len(places) < 2:
            return True
        return any(max(choice) - min(choice) <= PROXIMITY for choice in itertools.product(*places))

    def why(self, text: str) -> dict[str, list[str]]:
        """Kind -> the ways of it found on the text (for tuning the file)."""
        found = self.found(text)
        out: dict[str, list[str]] = {}
        for kind, ways in zip(self.kinds, self._ways, strict=True):
            hits = [way for way in ways if self._matches(way, found)]
            if hits:
                out[kind] = [
                    " + ".join("|".join(" ".join(p[1]) for p in alt if p in found) for alt in way)
                    for way in hits
                ]
        return out

    def of(self, text: str) -> list[str]:
        """The kinds of problem the text names, in the file's order."""
        mask = self.mask(text)
        return [kind for n, kind in enumerate(self.kinds) if mask >> n & 1]

    def mask(self, text: str) -> int:
        """The kinds of problem the text names, one bit each."""
        found = self.found(text)
        mask = 0
        # Only the ways whose first part is on the card (of a thousand ways, a
        # card starts a few dozen).
        for part in found:
            for n, way in self._starts.get(part, ()):
                if not mask >> n & 1 and self._matches(way, found):
                    mask |= 1 << n
        return mask
