"""What similar cards learn from the facilitator, on top of what the engine finds
(issue 26, point 3). The engine (matcher.py) is not changed: this module
re-ranks its answers for one workshop with two kinds of lesson.

- A merge the engine did not suggest (its two cards score below
  ``DUPLICATE_THRESHOLD`` on their own) says: cards worded like the one say
  the same as cards worded like the other ("pungli saat pendaftaran" and
  "orang tua diminta sumbangan wajib"). A text worded like one of its cards
  (a plain score of at least ``LIKE``, and closer to it than to the other)
  is then offered the board's cards most like the other card, each with the
  product of the two scores ("sumbangan wajib dari komite" finds the pungli
  card), at least ``LEARNED_MIN``; and two cards on the board, one like each
  side, are suggested for merging with that product.
- A dismissed merge suggestion says: cards like its one card are not
  duplicates of cards like the other, however many words they share ("dana
  BOS" for illegal fees and "dana BOS" paid late). A later pair whose cards
  fall one on each side (each like its side by ``LIKE``, and closer to it
  than to the other by ``MARGIN``) has its score multiplied by ``PENALTY``
  and is dropped when that falls below the threshold; a pair on one side
  ("dana BOS terlambat cair", "pencairan dana BOS telat") is untouched.

Lessons are read from what the workshop stores anyway, the merged cards
(`merged_into`) and the dismissals (`similar.models.Dismissal`), so an
unmerge takes its lesson back, the JSON backup carries them (merged cards
and `dismissals`) and an import restores them. Only the ``MAX_LESSONS``
latest of each kind count. Every workshop learns on its own.

Cost: the lessons are worked out once per change of the workshop (its
sequence number) in this process; a query then costs one sparse product
against the lessons' texts, plus one engine query for each of the (at most
``MAX_WORDED``) lessons the text is worded like. Merge suggestions cost two
engine queries a learned merge and one product for the dismissals.
bench/similar_feedback.py measures it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..core.cards import MERGED, Card
from ..core.models import Workshop
from ..extensions import db
from .boards import Board, indexes
from .matcher import DUPLICATE_THRESHOLD, SIMILAR_MIN_SCORE, Matcher
from .models import MERGE, Dismissal

LIKE = 0.3  # a text this close to a lesson's card is worded like it
MARGIN = 0.05  # ... and closer to it than to the lesson's other card by this
LEARNED_MIN = 0.3  # the least score of a suggestion found only through a learned merge
PENALTY = 0.4  # a pair across a dismissed contrast keeps this share of its score
MAX_LESSONS = 40  # the latest merges and dismissals learned from, each
MAX_WORDED = 2  # learned merges followed for one typed text, the closest first
FAN = 5  # cards like each side of a learned merge paired up for merge suggestions
CACHED = 64  # workshops whose lessons this process keeps
SAME = "same"  # a merge: the two texts say the same
APART = "apart"  # a dismissal: the two texts say different things
_KEY = "urai_similar_feedback"


@dataclass(frozen=True)
class Lesson:
    kind: str  # SAME or APART
    a: str  # the two cards' texts
    b: str


@dataclass(frozen=True)
class Lessons:
    same: tuple[Lesson, ...]
    apart: tuple[Lesson, ...]
    # Each kind's texts as the matcher's columns (the a's, then the b's), made once.
    rows: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.same or self.apart)


class _Cache:
    """The lessons of the workshops asked last, by (workshop id, sequence number)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: OrderedDict[int, tuple[int, Lessons]] = OrderedDict()


def lessons(workshop: Workshop) -> Lessons:
    """What this workshop's facilitator taught so far (cached until the next change)."""
    cache: _Cache = current_app.extensions.setdefault(_KEY, _Cache())
    with cache.lock:
        held = cache.entries.get(workshop.id)
        if held is not None and held[0] == workshop.seq:
            cache.entries.move_to_end(workshop.id)
            return held[1]
    found = _read(workshop, indexes().matcher)
    with cache.lock:
        cache.entries[workshop.id] = (workshop.seq, found)
        cache.entries.move_to_end(workshop.id)
        while len(cache.entries) > CACHED:
            cache.entries.popitem(last=False)
    return found


def _read(workshop: Workshop, matcher: Matcher) -> Lessons:
    target = aliased(Card)
    merged = db.session.execute(
        select(Card.text, target.text)
        .join(target, Card.merged_into_id == target.id)
        .where(Card.workshop_id == workshop.id, Card.status == MERGED)
        .order_by(Card.id.desc())
        .limit(MAX_LESSONS)
    ).all()
    # Only what the engine did not see: its own pairs teach nothing new.
    same = tuple(
        Lesson(SAME, a, b) for a, b in merged if matcher.similarity(a, b) < DUPLICATE_THRESHOLD
    )
    keys = db.session.scalars(
        select(Dismissal.cards)
        .where(Dismissal.workshop_id == workshop.id, Dismissal.kind == MERGE)
        .order_by(Dismissal.id.desc())
        .limit(MAX_LESSONS)
    ).all()
    pairs = [[int(i) for i in key.split(",")] for key in keys]
    ids = {i for pair in pairs for i in pair}
    texts = dict(
        db.session.execute(
            select(Card.id, Card.text).where(Card.workshop_id == workshop.id, Card.id.in_(ids))
        ).all()
    )
    apart = tuple(
        Lesson(APART, texts[a], texts[b])
        for a, b in (p for p in pairs if len(p) == 2)
        if a in texts and b in texts
    )
    rows = {
        kind: tuple(
            block.T.tocsr()
            for block in plain_rows(matcher, [x.a for x in taught] + [x.b for x in taught])
        )
        for kind, taught in ((SAME, same), (APART, apart))
        if taught
    }
    return Lessons(same, apart, rows)


def plain_rows(matcher: Matcher, texts: Sequence[str]) -> tuple[Any, Any]:
    """Texts as two blocks of rows, terms and character n-grams, each L2-normalised
    and weighted so that the sum of their dot products is Matcher.similarity
    (no board, no IDF). Two blocks, not one: stacking 2**19 columns side by side
    for one text costs more than the products."""
    rows = [matcher.counts(t or "") for t in texts]
    blocks = []
    for part, weight in (("words", matcher.word_weight), ("chars", 1.0 - matcher.word_weight)):
        block = sp.vstack([getattr(r, part) for r in rows], format="csr")
        block.data = 1.0 + np.log(block.data)
        norms = np.sqrt(np.asarray(block.multiply(block).sum(axis=1)).ravel())
        scale = np.divide(np.sqrt(weight), norms, out=np.zeros_like(norms), where=norms > 0)
        blocks.append(sp.diags(scale) @ block)
    return blocks[0], blocks[1]


def _likeness(matcher: Matcher, texts: Sequence[str], learned: Lessons, kind: str) -> Any:
    """Plain scores of each text (rows) with each lesson of `kind`: its a's, then its b's."""
    taught = learned.rows.get(kind)
    if taught is None or not texts:
        return np.zeros((len(texts), 0))
    words, chars = plain_rows(matcher, texts)
    scores = (words @ taught[0]).toarray() + (chars @ taught[1]).toarray()
    return np.clip(scores, 0.0, 1.0)


def _side(like_a: float, like_b: float) -> str | None:
    """Which card of a lesson a text is worded like: "a", "b", or neither."""
    if like_a >= LIKE and like_a > like_b + MARGIN:
        return "a"
    if like_b >= LIKE and like_b > like_a + MARGIN:
        return "b"
    return None


def similar(
    workshop: Workshop,
    board: Board,
    typed: str,
    found: list[tuple[int, float]],
    among: Collection[int],
    k: int,
) -> list[tuple[int, float]]:
    """The engine's cards like `typed` (`found`), re-ranked by what the workshop taught."""
    learned = lessons(workshop)
    if not learned:
        return found
    matcher = indexes().matcher
    scores = dict(found)
    typed_same = _likeness(matcher, [typed], learned, SAME)
    worded = []  # (how like, the other card's text) of the lessons `typed` is worded like
    for m, lesson in enumerate(learned.same):
        like_a, like_b = typed_same[0, m], typed_same[0, len(learned.same) + m]
        side = _side(like_a, like_b)
        if side is not None:
            worded.append((like_a, lesson.b) if side == "a" else (like_b, lesson.a))
    for like, other in sorted(worded, reverse=True)[:MAX_WORDED]:
        for card_id, score in board.index.similar(
            other, k=k, among=among, min_score=LIKE, relative=0.0
        ):
            if like * score >= LEARNED_MIN:
                scores[card_id] = max(scores.get(card_id, 0.0), round(float(like * score), 4))
    if learned.apart and scores:
        _keep_apart(matcher, board, typed, scores, learned)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    return [(i, s) for i, s in ranked if s >= SIMILAR_MIN_SCORE][:k]


def _keep_apart(
    matcher: Matcher, board: Board, typed: str, scores: dict[int, float], learned: Lessons
) -> None:
    """Lower the cards on the other side of a dismissed contrast from `typed`."""
    n = len(learned.apart)
    typed_apart = _likeness(matcher, [typed], learned, APART)[0]
    sides = [_side(typed_apart[m], typed_apart[n + m]) for m in range(n)]
    if not any(sides):
        return
    ids = list(scores)
    found = _likeness(
        matcher, [board.cards[i][0] if i in board.cards else "" for i in ids], learned, APART
    )
    for row, card_id in enumerate(ids):
        for m, typed_side in enumerate(sides):
            card_side = _side(found[row, m], found[row, n + m])
            if typed_side and card_side and typed_side != card_side:
                scores[card_id] *= PENALTY
                break


def merges(
    workshop: Workshop,
    board: Board,
    visible: set[int],
    pairs: list[tuple[int, int, float]],
) -> list[tuple[int, int, float]]:
    """The engine's merge suggestions on a board (`pairs`), with what the workshop
    taught: pairs across a dismissed contrast lowered, pairs across a learned
    merge added. Best first."""
    learned = lessons(workshop)
    if not learned or len(visible) < 2:
        return pairs
    scores = {(min(a, b), max(a, b)): s for a, b, s in pairs}
    for lesson in learned.same:
        like_a = board.index.similar(lesson.a, k=FAN, among=visible, min_score=LIKE, relative=0)
        like_b = board.index.similar(lesson.b, k=FAN, among=visible, min_score=LIKE, relative=0)
        for x, sx in like_a:
            for y, sy in like_b:
                score = round(sx * sy, 4)
                if x != y and score >= LEARNED_MIN:
                    key = (min(x, y), max(x, y))
                    scores[key] = max(scores.get(key, 0.0), score)
    if learned.apart:
        sides = _sides(indexes().matcher, board, {card for key in scores for card in key}, learned)
        for key, score in list(scores.items()):
            a, b = (sides.get(card, {}) for card in key)
            if any(a[m] != b[m] for m in set(a) & set(b)):
                # Lowered, and dropped below the threshold; the engine's other pairs
                # stay as it found them, some below it (average linkage).
                if score * PENALTY < DUPLICATE_THRESHOLD:
                    del scores[key]
                else:
                    scores[key] = score * PENALTY
    kept = [(a, b, s) for (a, b), s in scores.items()]
    return sorted(kept, key=lambda p: (-p[2], p[0], p[1]))


def _sides(
    matcher: Matcher, board: Board, cards: set[int], learned: Lessons
) -> dict[int, dict[int, str]]:
    """For each of `cards`, which card of each dismissed pair (by its position in
    `learned.apart`) it is worded like, where it is like one of them."""
    ids = sorted(cards)
    n = len(learned.apart)
    found = _likeness(
        matcher, [board.cards[i][0] if i in board.cards else "" for i in ids], learned, APART
    )
    sides: dict[int, dict[int, str]] = {}
    for row, card in enumerate(ids):
        for m in range(n):
            side = _side(found[row, m], found[row, n + m])
            if side:
                sides.setdefault(card, {})[m] = side
    return sides
