"""Similar cards, merge suggestions and clusters for one board (issue 13).

Pure Python, no Flask and no database: the caller feeds card texts in and
gets card ids out.

    matcher = Matcher()                    # loads synonyms.txt and the stemmer; share it
    index = matcher.index()                # one per board (or per workshop)
    index.add(17, "Antrean KTP-el lama")
    index.similar("antri e-KTP berjam-jam", k=3, among=visible_ids)   # [(17, 0.61)]
    index.duplicates()                     # [(a, b, score)], merge suggestions
    index.clusters()                       # [[a, b, c], ...], related groups

How a score is made: each text becomes terms (workshop/similar/text.py:
chat spellings, synonyms, stop words, Sastrawi stems). Three TF-IDF vectors
are built from them with scikit-learn: one of the terms, one of their
character 3- to 5-grams (which forgives typos: "pelayann", "antrin"), and
one of the corpus topics the terms point to (workshop/similar/related.py:
"dokter jarang ada" and "dokternya belum datang" meet there though they
share one word). All are hashed (no vocabulary to refit), weighted by the
inverse document frequency of the cards on the index (square-rooted,
``IDF_POWER``: a word on every card still counts a little) and
L2-normalised; the score is ``WORD_WEIGHT * ((1 - TOPIC_WEIGHT) * cos(terms)
+ TOPIC_WEIGHT * cos(topics)) + (1 - WORD_WEIGHT) * cos(chars)`` (a card no
topic knows keeps the whole term share for its terms). That score sees the
service well and the kind of problem poorly, so it is then corrected by the
kinds of problem each card names (facets.py, the data file facets.txt:
pungli, antre, lambat, absen, sistem, data_salah, jam_layanan...): times
``1 + FACET_UP * c`` when the two cards share kinds (c: the cosine of their
sets of kinds), times ``1 - FACET_DOWN`` when both name kinds and share
none, unchanged when either names none; capped at 1. "Dana BOS dipungut"
and "Dana BOS terlambat cair" are pulled apart, "dokter tidak di tempat"
and "dokternya belum datang" together. Short cards make low scores: two
phrasings of one problem typically score 0.3 to 0.8, unrelated cards 0 to
0.15.

Incremental: a new or edited card is weighted with the current IDF and
appended (about a millisecond on a board of 500); the IDF is refitted over
all the cards (about 15 ms for 500) once the changes since the last fit
exceed ``REFIT_FRACTION`` of the board, and before every merge suggestion
or clustering, which are therefore exact.

Weights and thresholds (issue 26) were chosen on bench/similar_set.jsonl
only, by grouped 5-fold cross-validation (bench/similar.py --grid for the
weights and stop-word exceptions; each rule below picks its threshold on
the whole set, and the cross-validated figures are those of the rule
applied to four folds and scored on the fifth). The evaluation set,
bench/similar_eval.jsonl, was never tuned on. Since 2026-12-08 the tuning
set holds 1,857 cards: the first 361, then 497, 501 and 498 written apart by
six more writers in the styles of a real room (chat, regional, English, hard
negatives), each writer's cards on boards of their own. Its groups are also
paragraphs of the corpus (related.txt, written by bench/similar_corpus.py),
so every figure and pick on it scores each fold with a corpus that leaves
that fold's groups out (bench/similar.py, cross_validate and library_picks:
a card is never compared on a paragraph of its own).

- ``FACET_UP`` (0.2) and ``FACET_DOWN`` (0.4): the best F1 of the merge
  suggestions over up 0-0.4 by down 0-0.6 (--grid facet): 0.722 without
  kinds, 0.805 at 0.2 / 0.4 (0.78-0.80 around it); the cosine of the
  kinds rather than "any kind shared" (0.778 against 0.792 at 0.3 / 0.2).
  Still the best on 1,359 cards (0.787 at 0.2 / 0.4, 0.698 without kinds)
  and on 1,857 (0.765; 0.755-0.760 around it).
- ``DUPLICATE_THRESHOLD`` (0.29): merge suggestions. Cards are grouped by
  average-linkage clustering; two groups join while the mean score between
  their cards is at least the threshold, and every pair inside a group is a
  suggestion. Chosen as the lowest threshold whose suggestions keep
  precision >= 0.9 on sector boards and >= 0.8 with all sectors on one
  board (a board several times larger; that one binds). Lower it for more
  suggestions.
- ``CLUSTER_THRESHOLD`` (0.28): related groups for the Pengelompokan
  phase, same clustering, looser: two problems about one service (the
  KTP-el queue and illegal KTP-el fees) may share a cluster. Chosen as the
  lowest threshold whose clusters keep co-membership precision >= 0.9 on
  sector boards both there and 0.01 below (bench/similar.py,
  pick_cluster_threshold): away from the edge of a cliff in the precision
  curve, where one borderline merge of two groups loses many pairs.
- ``SIMILAR_MIN_SCORE`` (0.24) and ``SIMILAR_RELATIVE`` (0.7): while a
  participant types, a card is shown as "already on the board" when it
  scores at least the least score and at least 0.7 of the best card's score
  (a weak third card under a strong first one is noise). Both chosen
  together as the pair that maximises hit@3 + precision@3 (bench/similar.py,
  pick_min_score: a same-problem card found and a wrong card not shown
  count alike). The rule before (the highest least score that keeps hit@3
  >= 0.9) sat on the edge of the tuning set's scores: text whose scores run
  lower (chat, English, regional) lost its hits. A card that shares a kind
  of problem with the typed text has its score raised by the kinds, so in
  effect it meets a lower least score.

Small boards: with fewer than about ten cards the IDF says little, so two
short cards that share only a service ("pungli e-KTP", "antrean KTP-el
lama") can come out as a merge suggestion; ask for merges once the
identification phase has filled the board.

Visibility: ``among`` limits every answer to the cards a caller may see; the
other cards never appear in a result. The IDF weights are computed over all
the cards of the index, so a hidden card changes the scores of visible ones
a little (no text, id or score of a hidden card is ever returned). Keep one
index per audience if even that must not happen.

Threads: one index may be used from several threads of one process; changes
and the lazy rebuild are serialised by a lock, queries run on an immutable
snapshot.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
from scipy.spatial.distance import squareform  # type: ignore[import-untyped]
from sklearn.feature_extraction import FeatureHasher  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]
    HashingVectorizer,
    TfidfTransformer,
)

from .facets import DEFAULT_FACETS_PATH, Facets
from .related import DEFAULT_CORPUS_PATH, MIN_TOPIC_SCORE, TOPICS_PER_CARD, Topics
from .text import DEFAULT_SYNONYMS_PATH, Synonyms, TextAnalyzer

DUPLICATE_THRESHOLD = 0.29
SIMILAR_MIN_SCORE = 0.24
SIMILAR_RELATIVE = 0.7
# The rules of bench/similar.py (pick_threshold, pick_min_score,
# pick_cluster_threshold) on the whole tuning set; see the module docstring.
CLUSTER_THRESHOLD = 0.28
WORD_WEIGHT = 0.8
TOPIC_WEIGHT = 0.3
N_FEATURES = 2**18
CHAR_NGRAMS = (3, 5)
IDF_POWER = 0.5
# Kinds of problem (facets.py): the score of two cards that share one is
# multiplied by 1 + FACET_UP, of two that both name kinds and share none by
# 1 - FACET_DOWN.
FACET_UP = 0.2
FACET_DOWN = 0.4
# Refit the IDF weights once the cards added, edited or removed since the
# last fit exceed this share of the board (or this count on a small board).
REFIT_FRACTION = 0.05
REFIT_MIN_CHANGES = 2

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Counts:
    """Hashed counts of one text: its terms (and term pairs), character n-grams,
    and the corpus topics its terms point to (with their cosines)."""

    words: Any  # scipy.sparse.csr_matrix, 1 x N_FEATURES
    chars: Any
    topics: Any
    facets: int = 0  # the kinds of problem named, one bit each (facets.py)

    @property
    def empty(self) -> bool:
        return bool(self.words.nnz == 0 and self.chars.nnz == 0)


def _paths(value: str | Path | Sequence[str | Path] | None) -> list[str | Path]:
    if value is None:
        return []
    if isinstance(value, str | Path):
        return [value]
    return list(value)


class Matcher:
    """The text side, shared by every index: synonyms, stemmer, feature hashing.

    ``synonyms_path`` is one file or several (later files add groups); None
    for none. ``extra_synonyms`` are more lines in the same format, e.g. the
    ones a facilitator typed for this workshop. ``corpus_path``: the corpus
    of related.txt (one file or several; None: no topics). ``stop_words``:
    another stop-word set than text.STOP_WORDS. The other arguments are the
    knobs bench/similar.py tuned (the defaults): ``word_weight`` (share of
    the term and topic blocks in the score), ``topic_weight`` (the topics'
    share of that), ``topics_per_card`` and ``topic_min_score`` (see
    related.Topics), ``word_pairs`` (also count adjacent term pairs: no
    better on the tuning half), ``idf_power`` (1: plain IDF, 0: no IDF) and
    ``char_ngrams``. Building one costs about 0.1 to 0.3 s (Sastrawi's
    dictionary, the corpus stemmed once); share it between boards, it is
    thread-safe.
    """

    def __init__(
        self,
        synonyms_path: str | Path | Sequence[str | Path] | None = DEFAULT_SYNONYMS_PATH,
        *,
        extra_synonyms: Iterable[str] = (),
        corpus_path: str | Path | Sequence[str | Path] | None = DEFAULT_CORPUS_PATH,
        facets_path: str | Path | Sequence[str | Path] | None = DEFAULT_FACETS_PATH,
        facet_up: float = FACET_UP,
        facet_down: float = FACET_DOWN,
        facet_cosine: bool = True,
        word_weight: float = WORD_WEIGHT,
        topic_weight: float = TOPIC_WEIGHT,
        topics_per_card: int = TOPICS_PER_CARD,
        topic_min_score: float = MIN_TOPIC_SCORE,
        word_pairs: bool = False,
        idf_power: float = IDF_POWER,
        char_ngrams: tuple[int, int] = CHAR_NGRAMS,
        stop_words: frozenset[str] | None = None,
    ) -> None:
        if not 0.0 <= word_weight <= 1.0:
            raise ValueError("word_weight must be between 0 and 1")
        if not 0.0 <= topic_weight < 1.0:
            raise ValueError("topic_weight must be at least 0 and below 1")
        lines: list[str] = []
        for path in _paths(synonyms_path):
            lines.extend(Path(path).read_text(encoding="utf-8").splitlines())
        lines.extend(extra_synonyms)
        self.synonyms = Synonyms.parse(lines)
        self.analyzer = TextAnalyzer(self.synonyms, stop_words=stop_words)
        corpus = _paths(corpus_path) if topic_weight > 0 else []
        self.topics = (
            Topics.load(corpus, self.terms, topics_per_card, topic_min_score) if corpus else None
        )
        facet_files = [p for p in _paths(facets_path) if Path(p).is_file()]
        self.facets = Facets.load(facet_files, self.analyzer) if facet_files else None
        if not 0.0 <= facet_down <= 1.0 or facet_up < 0.0:
            raise ValueError("facet_up must be at least 0, facet_down between 0 and 1")
        self.facet_up = facet_up
        self.facet_down = facet_down
        self.facet_cosine = facet_cosine
        self.word_weight = word_weight
        self.topic_weight = topic_weight if self.topics is not None else 0.0
        self.word_pairs = word_pairs
        self.idf_power = idf_power
        # A card with topics gives them a share of the term block's weight; a
        # card the corpus knows nothing of keeps the whole share for its terms.
        self._word_scale = math.sqrt(word_weight)
        self._word_scale_shared = math.sqrt(word_weight * (1.0 - self.topic_weight))
        self._topic_scale = math.sqrt(word_weight * self.topic_weight)
        self._char_scale = math.sqrt(1.0 - word_weight)
        self._words = FeatureHasher(
            n_features=N_FEATURES, input_type="string", alternate_sign=False
        )
        self._topics = FeatureHasher(n_features=N_FEATURES, input_type="dict", alternate_sign=False)
        self._chars = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=char_ngrams,
            n_features=N_FEATURES,
            alternate_sign=False,
            norm=None,
            lowercase=False,
        )
        self.counts = lru_cache(maxsize=2048)(self._counts)

    def terms(self, text: str) -> tuple[str, ...]:
        """The terms a text is compared on (for debugging and the tests)."""
        return self.analyzer.terms(text or "")

    def _counts(self, text: str) -> Counts:
        terms = self.terms(text)
        features = list(terms)
        if self.word_pairs:
            features += [f"{a} {b}" for a, b in pairwise(terms)]
        words = self._words.transform([features]).tocsr()
        chars = self._chars.transform([" ".join(terms)]).tocsr()
        topics = self._topics.transform([self.topics.of(terms) if self.topics else {}]).tocsr()
        for block in (words, chars, topics):
            block.sum_duplicates()
        facets = self.facets.mask(text) if self.facets else 0
        return Counts(words, chars, topics, facets)

    def facet_factor(self, a: Any, b: Any) -> Any:
        """What the kinds of problem do to scores: masks a and b (numbers or
        arrays that broadcast) -> 1 + FACET_UP where they share a kind,
        1 - FACET_DOWN where both name kinds and share none, 1 elsewhere."""
        a = np.asarray(a, dtype=np.uint64)
        b = np.asarray(b, dtype=np.uint64)
        both = np.bitwise_count(a & b)
        apart = (a != 0) & (b != 0) & (both == 0)
        up = np.asarray(both > 0, dtype=float)
        if self.facet_cosine:  # the share of kinds in common, not just any
            counts = np.sqrt(np.bitwise_count(a) * np.bitwise_count(b).astype(float))
            up = np.divide(both, counts, out=np.zeros_like(counts), where=counts > 0)
        return np.where(apart, 1.0 - self.facet_down, 1.0 + self.facet_up * up)

    def combine(self, words: Any, chars: Any, topics: Any) -> Any:
        """Rows of weighted TF-IDF blocks -> rows whose dot product is the score."""
        has_topics = np.diff(topics.indptr) > 0
        word_scale = np.where(has_topics, self._word_scale_shared, self._word_scale)
        return sp.hstack(
            [
                _l2(words, word_scale),
                _l2(chars, self._char_scale),
                _l2(topics, self._topic_scale),
            ],
            format="csr",
        )

    def similarity(self, a: str, b: str) -> float:
        """The score of two texts on their own (no board, so no IDF weighting)."""
        rows = [self.counts(a or ""), self.counts(b or "")]
        if rows[0].empty or rows[1].empty:
            return 0.0
        words = sp.vstack([r.words for r in rows], format="csr")
        chars = sp.vstack([r.chars for r in rows], format="csr")
        topics = sp.vstack([r.topics for r in rows], format="csr")
        words.data = 1.0 + np.log(words.data)
        chars.data = 1.0 + np.log(chars.data)
        m = self.combine(words, chars, topics)
        score = (m[0] @ m[1].T).toarray()[0, 0] * self.facet_factor(rows[0].facets, rows[1].facets)
        return float(min(1.0, score))

    def index(self) -> CardIndex[Any]:
        """A new, empty index of cards (one per board)."""
        return CardIndex(self)


def _rows_of(matrix: Any) -> np.ndarray:
    return np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))


def _l2(matrix: Any, scale: float | np.ndarray) -> Any:
    """Each row scaled to length ``scale`` (a number, or one a row); empty rows stay.

    What sklearn's normalize() does, without its input checks: they cost more
    than the arithmetic on a one-row query, three times a query."""
    rows = _rows_of(matrix)
    norms = np.sqrt(np.bincount(rows, weights=matrix.data**2, minlength=matrix.shape[0]))
    factor = np.divide(scale, norms, out=np.zeros_like(norms), where=norms > 0)
    out = matrix.copy()
    out.data = out.data * factor[rows]
    return out


def _tfidf(counts: Any, transformer: Any) -> Any:
    """TfidfTransformer.transform (norm=None) without its input checks."""
    out = counts.copy()
    if transformer.sublinear_tf:
        out.data = np.log(out.data) + 1.0
    out.data = out.data * transformer.idf_[out.indices]
    return out


def _stack(rows: Sequence[Any]) -> Any:
    """One CSR matrix of 1-row CSR matrices (scipy's vstack is slow for many rows)."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([r.nnz for r in rows], out=indptr[1:])
    indices = np.concatenate([r.indices for r in rows]) if rows else np.zeros(0, np.int32)
    data = np.concatenate([r.data for r in rows]) if rows else np.zeros(0)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), N_FEATURES))


@dataclass(frozen=True)
class _Snapshot(Generic[K]):
    ids: list[K]
    row_of: dict[K, int]
    matrix: Any  # csr, one weighted row per card
    nonempty: Any  # bool array: the card has at least one term
    facets: Any  # uint64 array: each card's kinds of problem
    words_idf: Any  # fitted TfidfTransformer, or None on an empty index
    chars_idf: Any
    topics_idf: Any


class CardIndex(Generic[K]):
    """The cards of one board; see the module docstring."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self._lock = threading.RLock()
        self._counts: dict[K, Counts] = {}
        self._snapshot: _Snapshot[K] | None = None
        self._touched: set[K] = set()  # added or edited since the snapshot
        self._dirty = False  # the snapshot misses changes
        self._stale = 0  # changes since the IDF weights were fitted

    # -- changes -------------------------------------------------------------

    def add(self, card_id: K, text: str) -> None:
        """Add a card, or replace the text of a card already there."""
        counts = self.matcher.counts(text or "")
        with self._lock:
            self._counts.pop(card_id, None)  # an edited card moves to the end
            self._counts[card_id] = counts
            self._touched.add(card_id)
            self._changed()

    update = add

    def add_many(self, cards: Iterable[tuple[K, str]]) -> None:
        for card_id, text in cards:
            self.add(card_id, text)

    def remove(self, card_id: K) -> bool:
        """Forget a card; False if it was not there."""
        with self._lock:
            if self._counts.pop(card_id, None) is None:
                return False
            self._touched.discard(card_id)
            self._changed()
            return True

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()
            self._touched.clear()
            self._snapshot = None

    def _changed(self) -> None:
        self._dirty = True
        self._stale += 1

    def __len__(self) -> int:
        return len(self._counts)

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._counts

    def ids(self) -> list[K]:
        with self._lock:
            return list(self._counts)

    # -- the snapshot queries run on ---------------------------------------

    def _current(self, exact: bool = False) -> _Snapshot[K]:
        """The snapshot, brought up to date.

        A new card is weighted with the IDF of the last fit and appended
        (about a millisecond); the IDF is refitted on every card once the
        changes since the last fit exceed REFIT_FRACTION of the board, and
        always for ``exact`` answers (merge suggestions, clusters).
        """
        with self._lock:
            snap = self._snapshot
            limit = max(REFIT_MIN_CHANGES, REFIT_FRACTION * len(self._counts))
            if (
                snap is None
                or snap.words_idf is None
                or self._stale > limit
                or (exact and self._stale)
            ):
                snap = self._build()
            elif self._dirty:
                snap = self._patch(snap)
            self._snapshot = snap
            self._touched.clear()
            self._dirty = False
            return snap

    def _build(self) -> _Snapshot[K]:
        self._stale = 0
        ids = list(self._counts)
        if not ids:
            return _Snapshot(
                [], {}, None, np.zeros(0, dtype=bool), np.zeros(0, np.uint64), None, None, None
            )
        counts = [self._counts[i] for i in ids]
        words = _stack([c.words for c in counts])
        chars = _stack([c.chars for c in counts])
        topics = _stack([c.topics for c in counts])
        idf = (self._fit_idf(words), self._fit_idf(chars), self._fit_idf(topics, sublinear=False))
        matrix = self._weigh(idf, words, chars, topics)
        return self._snapshot_of(ids, matrix, *idf)

    def _weigh(self, idf: tuple[Any, Any, Any], words: Any, chars: Any, topics: Any) -> Any:
        return self.matcher.combine(
            _tfidf(words, idf[0]), _tfidf(chars, idf[1]), _tfidf(topics, idf[2])
        )

    def _patch(self, snap: _Snapshot[K]) -> _Snapshot[K]:
        """The old rows that still hold, then the new and edited cards."""
        ids = list(self._counts)
        kept = [snap.row_of[c] for c in ids if c in snap.row_of and c not in self._touched]
        fresh = [c for c in ids if c not in snap.row_of or c in self._touched]
        parts = []
        if kept:
            parts.append(snap.matrix if len(kept) == len(snap.ids) else snap.matrix[kept])
        if fresh:
            counts = [self._counts[c] for c in fresh]
            parts.append(
                self._weigh(
                    (snap.words_idf, snap.chars_idf, snap.topics_idf),
                    _stack([c.words for c in counts]),
                    _stack([c.chars for c in counts]),
                    _stack([c.topics for c in counts]),
                )
            )
        matrix = sp.vstack(parts, format="csr")
        order = [snap.ids[r] for r in kept] + fresh
        return self._snapshot_of(order, matrix, snap.words_idf, snap.chars_idf, snap.topics_idf)

    def _snapshot_of(
        self, ids: list[K], matrix: Any, words_idf: Any, chars_idf: Any, topics_idf: Any
    ) -> _Snapshot[K]:
        nonempty = np.diff(matrix.indptr) > 0
        row_of = {card: n for n, card in enumerate(ids)}
        facets = np.fromiter((self._counts[c].facets for c in ids), np.uint64, len(ids))
        return _Snapshot(ids, row_of, matrix, nonempty, facets, words_idf, chars_idf, topics_idf)

    def _fit_idf(self, counts: Any, sublinear: bool = True) -> Any:
        transformer = TfidfTransformer(norm=None, sublinear_tf=sublinear).fit(counts)
        if self.matcher.idf_power != 1.0:
            transformer.idf_ = transformer.idf_**self.matcher.idf_power
        return transformer

    @staticmethod
    def _rows(snap: _Snapshot[K], among: Collection[K] | None) -> np.ndarray:
        if among is None:
            return np.arange(len(snap.ids))
        rows = sorted({snap.row_of[c] for c in among if c in snap.row_of})
        return np.asarray(rows, dtype=np.intp)

    def similar(
        self,
        text: str,
        k: int = 3,
        among: Collection[K] | None = None,
        min_score: float = SIMILAR_MIN_SCORE,
        exclude: Collection[K] = (),
        relative: float = SIMILAR_RELATIVE,
    ) -> list[tuple[K, float]]:
        """Up to k cards most like ``text``, best first, each with its score.

        ``among``: only these card ids may be returned (None: any card of the
        index); ids not on the index are ignored. ``exclude``: never these
        (e.g. the card being edited). Scores below ``min_score`` are dropped,
        and so are scores below ``relative`` times the best one (0: none).
        """
        counts = self.matcher.counts(text or "")
        snap = self._current()
        if k <= 0 or counts.empty or not snap.ids:
            return []
        query = self._weigh(
            (snap.words_idf, snap.chars_idf, snap.topics_idf),
            counts.words,
            counts.chars,
            counts.topics,
        )
        found = self._top(snap, query, counts.facets, k, among, min_score, exclude)
        return [(c, s) for c, s in found if s >= relative * found[0][1]] if found else []

    def _top(
        self,
        snap: _Snapshot[K],
        query: Any,
        facets: int,
        k: int,
        among: Collection[K] | None,
        min_score: float,
        exclude: Collection[K],
    ) -> list[tuple[K, float]]:
        rows = self._rows(snap, among)
        if exclude:
            banned = {snap.row_of[c] for c in exclude if c in snap.row_of}
            rows = np.asarray([r for r in rows if r not in banned], dtype=np.intp)
        if rows.size == 0:
            return []
        scores = (snap.matrix @ query.T).toarray().ravel()[rows]
        scores = np.minimum(scores * self.matcher.facet_factor(snap.facets[rows], facets), 1.0)
        keep = np.flatnonzero(scores >= min_score)
        if keep.size == 0:
            return []
        if keep.size > k:
            keep = keep[np.argpartition(-scores[keep], k - 1)[:k]]
        # Best first; equal scores in the order the cards were added.
        order = sorted(keep, key=lambda n: (-scores[n], rows[n]))
        return [(snap.ids[rows[n]], round(float(min(scores[n], 1.0)), 4)) for n in order]

    def _pairwise(self, among: Collection[K] | None) -> tuple[list[K], np.ndarray]:
        """The cards (with any term) among ``among`` and their pairwise scores."""
        snap = self._current(exact=True)
        rows = self._rows(snap, among)
        if rows.size:
            rows = rows[snap.nonempty[rows]]
        if rows.size == 0:
            return [], np.zeros((0, 0))
        sub = snap.matrix[rows]
        scores = np.asarray((sub @ sub.T).todense())
        masks = snap.facets[rows]
        scores *= self.matcher.facet_factor(masks[:, None], masks[None, :])
        np.clip(scores, 0.0, 1.0, out=scores)
        return [snap.ids[r] for r in rows], scores

    def _groups(
        self, threshold: float, among: Collection[K] | None
    ) -> tuple[list[K], np.ndarray, list[list[int]]]:
        """Average-linkage groups at ``threshold`` (positions into the id list)."""
        ids, scores = self._pairwise(among)
        if len(ids) < 2:
            return ids, scores, [[n] for n in range(len(ids))]
        distances = 1.0 - scores
        np.fill_diagonal(distances, 0.0)
        tree = linkage(squareform(distances, checks=False), method="average")
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
        groups: dict[int, list[int]] = {}
        for n, label in enumerate(labels):
            groups.setdefault(int(label), []).append(n)
        found = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
        return ids, scores, found

    def duplicates(
        self, threshold: float = DUPLICATE_THRESHOLD, among: Collection[K] | None = None
    ) -> list[tuple[K, K, float]]:
        """Merge suggestions: pairs (a, b, score) of cards that seem to say the same.

        The cards are grouped by average linkage (see clusters()) at
        ``threshold``; every pair inside a group is suggested, with its own
        score, best first. A pair can thus be suggested below the threshold
        when both cards are close to the same others: "antrean KTP-el lama"
        and "e-KTP queue" through "antri ektp berjam-jam". a was added
        before b. Only cards of ``among`` (None: all) take part; cards with
        no words (emoji, numbers) never do.
        """
        ids, scores, groups = self._groups(threshold, among)
        pairs = [(a, b) for g in groups if len(g) > 1 for a, b in combinations(g, 2)]
        pairs.sort(key=lambda p: (-scores[p], p[0], p[1]))
        return [(ids[a], ids[b], round(float(scores[a, b]), 4)) for a, b in pairs]

    def clusters(
        self,
        threshold: float = CLUSTER_THRESHOLD,
        among: Collection[K] | None = None,
        min_size: int = 2,
    ) -> list[list[K]]:
        """Groups of related cards, largest first; cards in no group are left out.

        Average-linkage agglomerative clustering (scipy) on 1 - score: two
        groups join while the mean score between their cards is at least
        ``threshold``. Each group lists its cards in the order they were added.
        """
        ids, _, groups = self._groups(threshold, among)
        return [[ids[n] for n in g] for g in groups if len(g) >= max(min_size, 1)]
