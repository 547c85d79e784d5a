"""Quality and speed of the card-similarity engine (workshop/similar).

    .venv/bin/python bench/similar.py [--folds 5] [--seed 13] [--new-cards 200]
    .venv/bin/python bench/similar.py --tuning-only [--errors] [--grid]   # while tuning

Two labelled sets, one JSON object a line (group, sector, text; the second
also kind and style): cards in groups of "the same problem written
differently", across the six sectors, plus singletons.

- bench/similar_set.jsonl, the tuning set: the engine's synonyms, weights
  and thresholds were chosen on it, with grouped k-fold cross-validation
  (``--folds``; a group is never split between the tuned and the scored
  folds, and folds alternate within each sector). For each fold, the
  threshold rule (pick_threshold) picks a threshold on the other folds; the
  fold's own pairs are then scored at it, on the sector boards of the whole
  set (a pair counts when at least one of its cards is in the fold). Printed:
  the mean over the folds, the thresholds each fold picked, and the threshold
  the rule picks on the whole set (the library's ``DUPLICATE_THRESHOLD``).
  The set's groups are also paragraphs of the corpus (bench/similar_corpus.py),
  so every fold, whether scored or used to pick, is scored by a matcher whose
  corpus leaves that fold's groups out (``matcher_without``, ``parts_of``).
  ``--grid`` runs the same cross-validation for the other knobs (word and
  related-term weights, stop-word exceptions).
  Cards written apart (a ``kind`` key; a ``source`` key names the writer
  when several wrote every sector) are put on boards of their own
  (``board_of``), a writer's own: their groups
  name many of the first cards' problems under other group names. The
  typing-time rule (pick_min_score) picks the least score and the relative
  cut together, maximising hit@3 + precision@3; ``--grid facet`` the
  weights of the kinds of problem (facets.py).
- bench/similar_eval.jsonl, the evaluation set, when present: written apart
  from the first and from the engine, never tuned on. Its figures are the
  result: one board per sector, ``duplicates()`` at the library's threshold,
  ``similar(k=3)``; also per kind and style of card.

Quality: ``duplicates()`` (the merge suggestions) is compared with the truth
pair by pair: two cards of one group are a true pair, any other two cards of
a board are not. ``similar(k=3)`` on each sector board, each card asked for
with itself excluded: "hit@3" (share of grouped cards whose top 3 holds a
card of the same group) and "precision@3" (share of the cards shown that
are of the same group). Clusters: co-membership precision and recall of
``clusters()`` at ``CLUSTER_THRESHOLD``.

Speed: a board of 500 cards (the sets plus perturbed copies: typos, chat
abbreviations, dropped and added words), then for each of the new cards
(perturbed differently) the time of ``similar(text, k=3)`` right after the
previous new card was added, so each one pays for keeping the index current
(the live case; ``ms_per_card``, mean and p95), and the same query on an
unchanged board (``ms_per_query_warm``).

The LAST line printed is a JSON object: ``precision``, ``recall``,
``hit_at_3``, ``precision_at_3`` of the evaluation set (or, without it, the
cross-validated figures of the tuning set) and ``ms_per_card``, with the
other figures beside them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import similar_corpus  # bench/, beside this file

from workshop.similar import (
    CLUSTER_THRESHOLD,
    DUPLICATE_THRESHOLD,
    SIMILAR_MIN_SCORE,
    SIMILAR_RELATIVE,
    Matcher,
)
from workshop.similar.text import STOP_WORDS

SET_PATH = Path(__file__).with_name("similar_set.jsonl")
EVAL_PATH = Path(__file__).with_name("similar_eval.jsonl")
TARGET_PRECISION = 0.9
TARGET_PRECISION_ONE_BOARD = 0.8

ABBREVIATIONS = {
    "yang": "yg",
    "dengan": "dgn",
    "untuk": "utk",
    "tidak": "tdk",
    "karena": "krn",
    "sudah": "sdh",
    "belum": "blm",
    "harus": "hrs",
    "banyak": "byk",
    "juga": "jg",
}
FILLERS = ["mohon", "pak", "sekali", "bgt", "sangat", "terutama", "tolong diperhatikan"]


def load(path: Path = SET_PATH) -> list[dict[str, str]]:
    """The cards of a set; each gets the board it is put on (``board``).

    A card is on its sector's board, and the cards written apart from the
    first tuning cards (they carry a ``kind``) on boards of their own: their
    groups name many of the same problems under other group names, and on
    one board those pairs would count as wrong."""
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for n, row in enumerate(rows):  # a card with no group is a group of its own
        row["group"] = row.get("group") or f"single/{path.stem}/{n}"
        row.setdefault("source", "apart" if "kind" in row else "first")
    return rows


def board_of(row: dict[str, str], per_board: bool = True) -> str:
    """The board a card is on: its sector's (or all sectors'), of its source."""
    return f"{row['sector'] if per_board else 'all'}/{row.get('source', '')}"


def fold_of(rows: list[dict[str, str]], folds: int, seed: int) -> dict[str, int]:
    """Group -> fold: whole groups, shuffled, dealt in turn within each sector."""
    by_sector: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row["group"] not in by_sector[row["sector"]]:
            by_sector[row["sector"]].append(row["group"])
    rng = random.Random(seed)
    fold: dict[str, int] = {}
    turn = 0
    for sector in sorted(by_sector):
        groups = sorted(by_sector[sector])
        rng.shuffle(groups)
        for group in groups:
            fold[group] = turn % folds
            turn += 1
    return fold


def perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    out = []
    for word in words:
        low = word.lower()
        if low in ABBREVIATIONS and rng.random() < 0.6:
            word = ABBREVIATIONS[low]
        elif len(word) > 4 and rng.random() < 0.12:
            i = rng.randrange(1, len(word) - 2)
            kind = rng.randrange(3)
            if kind == 0:
                word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            elif kind == 1:
                word = word[:i] + word[i + 1 :]
            else:
                word = word[:i] + word[i] + word[i:]
        out.append(word)
    if len(out) > 4 and rng.random() < 0.5:
        del out[rng.randrange(len(out))]
    if rng.random() < 0.4:
        out.insert(rng.randrange(len(out) + 1), rng.choice(FILLERS))
    result = " ".join(out)
    return result.lower() if rng.random() < 0.5 else result


class Boards:
    """The cards of one half on their boards: one per sector, or one for all."""

    def __init__(self, matcher: Matcher, rows: list[dict[str, str]], per_board: bool) -> None:
        self.rows = rows
        members: dict[str, list[int]] = defaultdict(list)
        for n, row in enumerate(rows):
            members[board_of(row, per_board)].append(n)
        self.boards = []
        for cards in members.values():
            index = matcher.index()
            for n in cards:
                index.add(n, rows[n]["text"])
            self.boards.append((cards, index))
        self.true_pairs = {
            (a, b)
            for cards, _ in self.boards
            for a, b in itertools.combinations(cards, 2)
            if rows[a]["group"] == rows[b]["group"]
        }

    def suggested(self, threshold: float) -> set[tuple[int, int]]:
        return {
            (min(a, b), max(a, b))
            for _, index in self.boards
            for a, b, _ in index.duplicates(threshold)
        }

    def score(self, threshold: float, only: set[int] | None = None) -> dict[str, Any]:
        """Precision and recall at ``threshold``; with ``only``, of the pairs
        that hold at least one of these cards."""
        suggested, truth = self.suggested(threshold), self.true_pairs
        if only is not None:
            suggested = {p for p in suggested if p[0] in only or p[1] in only}
            truth = {p for p in truth if p[0] in only or p[1] in only}
        return precision_recall(suggested, truth)

    def cluster_score(self, threshold: float) -> dict[str, Any]:
        together = {
            (min(a, b), max(a, b))
            for _, index in self.boards
            for group in index.clusters(threshold)
            for a, b in itertools.combinations(group, 2)
        }
        return precision_recall(together, self.true_pairs)


def precision_recall(
    predicted: set[tuple[int, int]], truth: set[tuple[int, int]]
) -> dict[str, Any]:
    true_pos = len(predicted & truth)
    precision = true_pos / len(predicted) if predicted else 1.0
    recall = true_pos / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "suggested": len(predicted),
        "true_pairs": len(truth),
    }


GRID = [x / 100 for x in range(8, 41)]


CLUSTER_GRID = [x / 100 for x in range(8, 31)]
TARGET_CLUSTER_PRECISION = 0.9


def top3(
    matcher: Matcher,
    rows: list[dict[str, str]],
    only: set[int] | None = None,
    min_score: float = SIMILAR_MIN_SCORE,
    relative: float = SIMILAR_RELATIVE,
) -> dict[str, float]:
    """hit@3 and precision@3 of similar(k=3) on one board per sector, each
    card (of ``only``, if given) asked for with itself excluded."""
    return top3_score(rows, top3_answers(matcher, rows, only), min_score, relative)


def top3_answers(
    matcher: Matcher, rows: list[dict[str, str]], only: set[int] | None = None
) -> list[tuple[int, list[tuple[int, float]]]]:
    """Each asked card and its top 3 at min_score 0 and no relative cut (any
    higher minimum is a filter)."""
    boards: dict[str, Any] = {}
    for n, row in enumerate(rows):
        boards.setdefault(board_of(row), matcher.index()).add(n, row["text"])
    return [
        (
            n,
            boards[board_of(row)].similar(
                row["text"], k=3, exclude={n}, min_score=0.0, relative=0.0
            ),
        )
        for n, row in enumerate(rows)
        if only is None or n in only
    ]


def top3_score(
    rows: list[dict[str, str]],
    answers: list[tuple[int, list[tuple[int, float]]]],
    min_score: float,
    relative: float = 0.0,
) -> dict[str, float]:
    sizes: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        sizes[board_of(row), row["group"]] += 1
    hits = asked = shown = right = 0
    for n, found in answers:
        row = rows[n]
        least = max(min_score, relative * found[0][1]) if found else min_score
        answer = [m for m, score in found if score >= least]
        shown += len(answer)
        right += sum(rows[m]["group"] == row["group"] for m in answer)
        if sizes[board_of(row), row["group"]] > 1:
            asked += 1
            hits += any(rows[m]["group"] == row["group"] for m in answer)
    return {
        "hit_at_3": round(hits / asked, 4) if asked else 0.0,
        "precision_at_3": round(right / shown, 4) if shown else 0.0,
        "asked": asked,
        "shown": shown,
    }


MIN_SCORE_GRID = [x / 100 for x in range(10, 51)]
RELATIVE_GRID = [0.0, 0.5, 0.6, 0.7, 0.8]


def matcher_without(rows: list[dict[str, str]], groups: set[str], **kwargs: Any) -> Matcher:
    """The library's matcher whose corpus holds the tuning set's groups except
    ``groups`` (bench/similar_corpus.py): cards of those groups are scored as
    text the corpus never saw, as a room's cards are."""
    text = similar_corpus.corpus([r for r in rows if r["group"] not in groups])
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        handle.write(text)
    try:
        return Matcher(corpus_path=handle.name, **kwargs)
    finally:
        os.unlink(handle.name)


@dataclass
class Part:
    """One fold's cards, on their boards, scored by a matcher whose corpus leaves
    the fold's groups out (``only``: their positions in the boards' rows)."""

    sector: Boards
    one: Boards
    only: set[int]
    answers: list[tuple[int, list[tuple[int, float]]]]


def parts_of(
    rows: list[dict[str, str]],
    corpus_rows: list[dict[str, str]],
    fold: dict[str, int],
    folds: list[int],
    **kwargs: Any,
) -> list[Part]:
    """Each of ``folds`` scored out of the corpus: the boards of ``rows`` with a
    matcher whose corpus is ``corpus_rows`` less that fold's groups."""
    parts = []
    for j in folds:
        groups = {r["group"] for r in corpus_rows if fold[r["group"]] == j}
        matcher = matcher_without(corpus_rows, groups, **kwargs)
        only = {n for n, r in enumerate(rows) if fold[r["group"]] == j}
        parts.append(
            Part(
                Boards(matcher, rows, per_board=True),
                Boards(matcher, rows, per_board=False),
                only,
                top3_answers(matcher, rows, only),
            )
        )
    return parts


def _pooled(parts: list[Part], score: Any) -> dict[str, Any]:
    """Precision and recall of the pairs that touch each part's fold, pooled."""
    predicted: set[tuple[int, int]] = set()
    truth: set[tuple[int, int]] = set()
    for part, (suggested, true_pairs) in zip(parts, map(score, parts), strict=True):
        predicted |= {p for p in suggested if p[0] in part.only or p[1] in part.only}
        truth |= {p for p in true_pairs if p[0] in part.only or p[1] in part.only}
    return precision_recall(predicted, truth)


def pick_threshold(parts: list[Part]) -> float:
    """The tuning rule: the lowest threshold (most recall) whose merge
    suggestions keep precision >= 0.9 on sector boards and >= 0.8 with every
    card on one board, each part's pairs scored out of the corpus."""
    for t in GRID:
        sector = _pooled(parts, lambda p, t=t: (p.sector.suggested(t), p.sector.true_pairs))
        if sector["precision"] < TARGET_PRECISION:
            continue
        one = _pooled(parts, lambda p, t=t: (p.one.suggested(t), p.one.true_pairs))
        if one["precision"] >= TARGET_PRECISION_ONE_BOARD:
            return t
    return GRID[-1]


def pick_cluster_threshold(parts: list[Part]) -> float:
    """The clusters' tuning rule: the lowest threshold whose clusters keep
    co-membership precision >= 0.9 on sector boards at it AND one grid step
    (0.01) below it. The precision curve has cliffs: one borderline merge of
    two groups of eight costs 64 pairs, so a threshold on a cliff's edge is
    one card away from losing a fifth of its precision."""

    def together(boards: Boards, t: float) -> set[tuple[int, int]]:
        return {
            (min(a, b), max(a, b))
            for _, index in boards.boards
            for group in index.clusters(t)
            for a, b in itertools.combinations(group, 2)
        }

    meets = [
        _pooled(parts, lambda p, t=t: (together(p.sector, t), p.sector.true_pairs))["precision"]
        >= TARGET_CLUSTER_PRECISION
        for t in CLUSTER_GRID
    ]
    for n in range(1, len(CLUSTER_GRID)):
        if meets[n] and meets[n - 1]:
            return CLUSTER_GRID[n]
    return CLUSTER_GRID[-1]


def pick_min_score(rows: list[dict[str, str]], parts: list[Part]) -> tuple[float, float]:
    """The typing-time rule: the least score and the relative cut (a card
    below that share of the best card's score is not shown) that maximise
    hit@3 + precision@3 over the parts' out-of-corpus answers: each
    same-problem card found and each wrong card not shown count alike. Ties:
    the higher least score."""
    answers = [a for part in parts for a in part.answers]
    best, picked = -1.0, (MIN_SCORE_GRID[0], 0.0)
    for m in MIN_SCORE_GRID:
        for r in RELATIVE_GRID:
            s = top3_score(rows, answers, m, r)
            value = round(s["hit_at_3"] + s["precision_at_3"], 4)
            if value >= best:
                best, picked = value, (m, r)
    return picked


def library_picks(rows: list[dict[str, str]], folds: int, seed: int) -> dict[str, Any]:
    """What the rules pick on the whole tuning set, each fold scored out of the corpus."""
    fold = fold_of(rows, folds, seed)
    parts = parts_of(rows, rows, fold, list(range(folds)))
    return {
        "threshold": pick_threshold(parts),
        "cluster_threshold": pick_cluster_threshold(parts),
        "min_score": pick_min_score(rows, parts),
    }


def cross_validate(
    rows: list[dict[str, str]], folds: int, seed: int, **kwargs: Any
) -> dict[str, Any]:
    """Grouped k-fold, nested for the corpus: each fold is scored by a matcher whose
    corpus leaves its groups out, at the thresholds the rules pick on the other
    folds, themselves each scored out of the corpus (the corpus holds the tuning
    set's groups, bench/similar_corpus.py; a card is never compared on a
    paragraph of its own)."""
    fold = fold_of(rows, folds, seed)
    picked: list[float] = []
    least: list[tuple[float, float]] = []
    scores: list[dict[str, Any]] = []
    tops: list[dict[str, float]] = []
    for f in range(folds):
        train = [r for r in rows if fold[r["group"]] != f]
        held = {n for n, r in enumerate(rows) if fold[r["group"]] == f}
        parts = parts_of(train, train, fold, [j for j in range(folds) if j != f], **kwargs)
        t = pick_threshold(parts)
        m = pick_min_score(train, parts)
        own = {r["group"] for r in rows if fold[r["group"]] == f}
        matcher = matcher_without(rows, own, **kwargs)
        picked.append(t)
        least.append(m)
        scores.append(Boards(matcher, rows, per_board=True).score(t, only=held))
        tops.append(top3(matcher, rows, only=held, min_score=m[0], relative=m[1]))

    def mean(key: str, of: list[dict[str, Any]]) -> float:
        return round(statistics.fmean(x[key] for x in of), 4)

    return {
        "precision": mean("precision", scores),
        "recall": mean("recall", scores),
        "f1": mean("f1", scores),
        "hit_at_3": mean("hit_at_3", tops),
        "precision_at_3": mean("precision_at_3", tops),
        "thresholds": picked,
        "min_scores": least,
        "folds": scores,
    }


def show_errors(boards: Boards, threshold: float) -> None:
    rows = boards.rows
    suggested = boards.suggested(threshold)
    print(f"-- wrong merge suggestions at {threshold}")
    for a, b in sorted(suggested - boards.true_pairs):
        left, right = rows[a], rows[b]
        print(f"  [{left['group']}] {left['text'][:60]!r}")
        print(f"    ~ [{right['group']}] {right['text'][:60]!r}")
    print(f"-- missed pairs at {threshold}")
    for a, b in sorted(boards.true_pairs - suggested):
        print(f"  [{rows[a]['group']}] {rows[a]['text'][:60]!r} ~ {rows[b]['text'][:60]!r}")


def timing(
    matcher: Matcher, rows: list[dict[str, str]], new_cards: int, seed: int
) -> dict[str, float]:
    rng = random.Random(seed)
    texts = [r["text"] for r in rows]
    board = texts + [perturb(rng.choice(texts), rng) for _ in range(500 - len(texts))]
    fresh = [perturb(rng.choice(texts), rng) for _ in range(new_cards)]
    index = matcher.index()
    build_start = time.perf_counter()
    for n, text in enumerate(board):
        index.add(n, text)
    index.similar("warm up", k=3)
    build_ms = (time.perf_counter() - build_start) * 1000

    live: list[float] = []
    live_cpu: list[float] = []  # this process's CPU time: what a busy machine does not inflate
    for n, text in enumerate(fresh):
        start, cpu = time.perf_counter(), time.process_time()
        index.similar(text, k=3)
        live.append((time.perf_counter() - start) * 1000)
        live_cpu.append((time.process_time() - cpu) * 1000)
        index.add(f"new-{n}", text)  # the next query pays the rebuild
    for n in range(len(fresh)):
        index.remove(f"new-{n}")
    index.similar("warm up", k=3)
    warm: list[float] = []
    for text in fresh:
        start = time.perf_counter()
        index.similar(text + " baru", k=3)  # not in the query cache
        warm.append((time.perf_counter() - start) * 1000)
    duplicates_start = time.perf_counter()
    index.duplicates()
    duplicates_ms = (time.perf_counter() - duplicates_start) * 1000
    clusters_start = time.perf_counter()
    index.clusters()
    clusters_ms = (time.perf_counter() - clusters_start) * 1000
    return {
        "board_cards": len(board),
        "new_cards": len(fresh),
        "ms_per_card": round(statistics.fmean(live), 2),
        "ms_per_card_p95": round(sorted(live)[int(0.95 * len(live)) - 1], 2),
        "cpu_ms_per_card": round(statistics.fmean(live_cpu), 2),
        "cpu_ms_per_card_p95": round(sorted(live_cpu)[int(0.95 * len(live_cpu)) - 1], 2),
        "ms_per_query_warm": round(statistics.fmean(warm), 2),
        "ms_build_500": round(build_ms, 1),
        "ms_duplicates_500": round(duplicates_ms, 1),
        "ms_clusters_500": round(clusters_ms, 1),
    }


# The knobs tried with --grid (Matcher keyword arguments); the defaults are
# the library's. Each is scored by the same cross-validation.
VARIANTS: dict[str, dict[str, Any]] = {
    "library defaults": {},
    "no topics": {"topic_weight": 0.0},
    "topic_weight 0.2": {"topic_weight": 0.2},
    "topic_weight 0.4": {"topic_weight": 0.4},
    "word_weight 0.7": {"word_weight": 0.7},
    "word_weight 0.9": {"word_weight": 0.9},
    "topics_per_card 3": {"topics_per_card": 3},
    "topics_per_card 5": {"topics_per_card": 5},
    "topics_per_card 12": {"topics_per_card": 12},
    "topic_min_score 0.1": {"topic_min_score": 0.1},
    "topic_min_score 0.25": {"topic_min_score": 0.25},
    "keep tidak": {"stop_words": STOP_WORDS - {"tidak"}},
    "keep tidak belum": {"stop_words": STOP_WORDS - {"tidak", "belum"}},
    "keep tidak belum masih": {"stop_words": STOP_WORDS - {"tidak", "belum", "masih"}},
    "no facets": {"facets_path": None},
    **{
        f"facet up {up} down {down}": {"facet_up": up, "facet_down": down}
        for up in (0.0, 0.1, 0.2, 0.3, 0.4)
        for down in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
    },
    "facet up 0.3 down 0.2, any shared kind": {
        "facet_up": 0.3,
        "facet_down": 0.2,
        "facet_cosine": False,
    },
}


def eval_report(matcher: Matcher, rows: list[dict[str, str]]) -> dict[str, Any]:
    """The evaluation set's figures at the library's settings, whole and by kind/style."""
    sector = Boards(matcher, rows, per_board=True)
    result: dict[str, Any] = {
        "merge": sector.score(DUPLICATE_THRESHOLD),
        "similar": top3(matcher, rows),
        "clusters": sector.cluster_score(CLUSTER_THRESHOLD),
    }
    for key in ("kind", "style"):
        values = sorted({str(r.get(key)) for r in rows if r.get(key)})
        for value in values:
            only = {n for n, r in enumerate(rows) if str(r.get(key)) == value}
            result[f"{key}={value}"] = {
                "cards": len(only),
                "merge": sector.score(DUPLICATE_THRESHOLD, only=only),
                "similar": top3(matcher, rows, only=only),
            }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--new-cards", type=int, default=200)
    parser.add_argument(
        "--eval", type=Path, default=EVAL_PATH, help="the evaluation set (default: %(default)s)"
    )
    parser.add_argument("--errors", action="store_true", help="list the tuning set's mistakes")
    parser.add_argument(
        "--tuning-only", action="store_true", help="score the tuning set only (while tuning)"
    )
    parser.add_argument(
        "--grid",
        nargs="*",
        metavar="NAME",
        help="cross-validate the VARIANTS (those whose name holds one of NAME, if given)",
    )
    args = parser.parse_args()

    rows = load()
    start, cpu = time.perf_counter(), time.process_time()
    matcher = Matcher()
    load_ms = (time.perf_counter() - start) * 1000
    load_cpu_ms = (time.process_time() - cpu) * 1000

    if args.grid is not None:
        for name, kwargs in VARIANTS.items():
            if args.grid and not any(part in name for part in args.grid):
                continue
            cv = cross_validate(rows, args.folds, args.seed, **kwargs)
            cv.pop("folds")
            print(f"{name:32} {cv}", flush=True)
        return

    sector = Boards(matcher, rows, per_board=True)
    one = Boards(matcher, rows, per_board=False)
    picks = library_picks(rows, args.folds, args.seed)
    picked = picks["threshold"]
    cv = cross_validate(rows, args.folds, args.seed)
    groups = {r["group"] for r in rows}
    print(f"tuning set: {len(rows)} cards, {len(groups)} groups (singletons included)")
    print(
        f"{args.folds}-fold grouped cross-validation (threshold picked on the other folds):"
        f" precision {cv['precision']} recall {cv['recall']} f1 {cv['f1']}"
        f" hit@3 {cv['hit_at_3']} precision@3 {cv['precision_at_3']}"
        f" thresholds {cv['thresholds']} min_scores {cv['min_scores']}"
    )
    print(f"whole tuning set, each fold out of the corpus, picks {picked} ({DUPLICATE_THRESHOLD})")
    whole_pr = sector.score(DUPLICATE_THRESHOLD)
    print(f"  in-sample (in the corpus), at {DUPLICATE_THRESHOLD}, sector boards: {whole_pr}")
    print(f"  at {DUPLICATE_THRESHOLD}, one board:     {one.score(DUPLICATE_THRESHOLD)}")
    picked_clusters = picks["cluster_threshold"]
    tune_clusters = sector.cluster_score(CLUSTER_THRESHOLD)
    print(f"clusters at {CLUSTER_THRESHOLD}: {tune_clusters}; rule picks {picked_clusters}")
    tune_top = top3(matcher, rows)
    print(f"similar(k=3, min_score={SIMILAR_MIN_SCORE}, relative={SIMILAR_RELATIVE}): {tune_top}")
    print(f"whole tuning set picks min_score, relative {picks['min_score']}")
    if args.tuning_only:
        for t in GRID:
            print(f"  {t:.2f}: sector {sector.score(t)}  one board {one.score(t)}")
        if args.errors:
            show_errors(sector, DUPLICATE_THRESHOLD)
        return

    result: dict[str, Any] = {}
    evaluation = load(args.eval) if args.eval.is_file() else None
    if evaluation:
        report = eval_report(matcher, evaluation)
        eval_groups = {r["group"] for r in evaluation}
        print(f"evaluation set: {len(evaluation)} cards, {len(eval_groups)} groups")
        for key, value in report.items():
            print(f"  {key}: {value}")
        result.update(
            split="evaluation set",
            precision=report["merge"]["precision"],
            recall=report["merge"]["recall"],
            hit_at_3=report["similar"]["hit_at_3"],
            precision_at_3=report["similar"]["precision_at_3"],
        )
    else:
        print(f"no evaluation set at {args.eval}: the cross-validated figures stand in")
        result.update(
            split="tuning set, cross-validated",
            precision=cv["precision"],
            recall=cv["recall"],
            hit_at_3=cv["hit_at_3"],
            precision_at_3=cv["precision_at_3"],
        )
    texts = rows + (evaluation or [])
    speed = timing(matcher, texts[:500], args.new_cards, args.seed)
    print(f"speed: {speed}")
    result.update(
        ms_per_card=speed["ms_per_card"],
        threshold=DUPLICATE_THRESHOLD,
        boards="one per sector",
        cv_precision=cv["precision"],
        cv_recall=cv["recall"],
        cv_hit_at_3=cv["hit_at_3"],
        cv_precision_at_3=cv["precision_at_3"],
        cv_thresholds=cv["thresholds"],
        tuning_picks=picked,
        cluster_threshold=CLUSTER_THRESHOLD,
        ms_per_card_p95=speed["ms_per_card_p95"],
        ms_per_query_warm=speed["ms_per_query_warm"],
        ms_load_matcher=round(load_ms, 1),
        cpu_ms_load_matcher=round(load_cpu_ms, 1),
        cpu_ms_per_card=speed["cpu_ms_per_card"],
        cpu_ms_per_card_p95=speed["cpu_ms_per_card_p95"],
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
