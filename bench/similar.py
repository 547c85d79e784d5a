"""Quality and speed of the card-similarity engine (workshop/similar).

    .venv/bin/python bench/similar.py [--seed 13] [--new-cards 200]
    .venv/bin/python bench/similar.py --tuning-only [--errors]   # while tuning

The labelled set, bench/similar_set.jsonl (one JSON object a line: group,
sector, text), holds Indonesian (and some English) bottleneck cards in
groups of "the same problem written differently", across the six sectors,
plus singletons. Its groups are split once, by a fixed seed and alternating
within each sector, into a tuning half and a held-out half. The engine's
synonyms, weights and thresholds were tuned on the tuning half only
(``--tuning-only`` never scores the other half); the held-out half is the
result.

Quality: the cards of a half are put on one board per sector, as in a
workshop, and ``duplicates()`` (the merge suggestions, at the library's
``DUPLICATE_THRESHOLD``) is compared with the truth pair by pair: two cards
of one group are a true pair, any other two cards of a board are not.
Printed: precision and recall for both halves; the same with both halves on
the sector boards (boards twice as large); with every card of a half on a
single board (three times larger and mixing sectors: harder); the threshold
that the tuning rule (see pick_threshold) picks on the tuning half, and the
held-out figures there; co-membership precision and recall of
``clusters()`` at the library's ``CLUSTER_THRESHOLD``, and the threshold
that its tuning rule (see pick_cluster_threshold) picks on the tuning
half; and, for ``similar(k=3)``, "hit@3" (share of grouped cards whose top 3
holds a card of the same group) and "precision@3" (share of
the cards shown that are of the same group).

Speed: a board of 500 cards (the whole set plus perturbed copies: typos,
chat abbreviations, dropped and added words), then for each of the new
cards (perturbed differently) the time of ``similar(text, k=3)`` right
after the previous new card was added, so each one pays for keeping the
index current (the live case; ``ms_per_card``, mean and p95), and the same
query on an unchanged board (``ms_per_query_warm``).

The LAST line printed is a JSON object: ``precision``, ``recall`` (of the
merge suggestions, held-out half, sector boards) and ``ms_per_card``, with
the other figures beside them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.similar import (
    CLUSTER_THRESHOLD,
    DUPLICATE_THRESHOLD,
    SIMILAR_MIN_SCORE,
    Matcher,
)

SET_PATH = Path(__file__).with_name("similar_set.jsonl")
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


def load() -> list[dict[str, str]]:
    with SET_PATH.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split(rows: list[dict[str, str]], seed: int) -> tuple[list[dict[str, str]], ...]:
    """Whole groups to one half or the other, alternating within each sector."""
    by_sector: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row["group"] not in by_sector[row["sector"]]:
            by_sector[row["sector"]].append(row["group"])
    rng = random.Random(seed)
    tune: set[str] = set()
    flip = 0
    for sector in sorted(by_sector):
        groups = sorted(by_sector[sector])
        rng.shuffle(groups)
        for group in groups:
            if flip % 2 == 0:
                tune.add(group)
            flip += 1
    return (
        [r for r in rows if r["group"] in tune],
        [r for r in rows if r["group"] not in tune],
    )


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
            members[row["sector"] if per_board else "all"].append(n)
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

    def score(self, threshold: float) -> dict[str, Any]:
        return precision_recall(self.suggested(threshold), self.true_pairs)

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


def pick_threshold(sector: Boards, one: Boards) -> float:
    """The tuning rule: the lowest threshold (most recall) whose merge
    suggestions keep precision >= 0.9 on sector boards and >= 0.8 with every
    card on one board."""
    for t in GRID:
        if (
            sector.score(t)["precision"] >= TARGET_PRECISION
            and one.score(t)["precision"] >= TARGET_PRECISION_ONE_BOARD
        ):
            return t
    return GRID[-1]


CLUSTER_GRID = [x / 100 for x in range(8, 31)]
TARGET_CLUSTER_PRECISION = 0.9


def pick_cluster_threshold(sector: Boards) -> float:
    """The clusters' tuning rule: the lowest threshold whose clusters keep
    co-membership precision >= 0.9 on sector boards at it AND one grid step
    (0.01) below it. The precision curve has cliffs: one borderline merge of
    two groups of eight costs 64 pairs, so a threshold on a cliff's edge is
    one card away from losing a fifth of its precision."""
    meets = [sector.cluster_score(t)["precision"] >= TARGET_CLUSTER_PRECISION for t in CLUSTER_GRID]
    for n in range(1, len(CLUSTER_GRID)):
        if meets[n] and meets[n - 1]:
            return CLUSTER_GRID[n]
    return CLUSTER_GRID[-1]


def top3(matcher: Matcher, rows: list[dict[str, str]]) -> dict[str, float]:
    index = matcher.index()
    for n, row in enumerate(rows):
        index.add(n, row["text"])
    sizes: dict[str, int] = defaultdict(int)
    for row in rows:
        sizes[row["group"]] += 1
    hits = asked = shown = right = 0
    for n, row in enumerate(rows):
        answer = index.similar(row["text"], k=3, exclude={n}, min_score=SIMILAR_MIN_SCORE)
        shown += len(answer)
        right += sum(rows[m]["group"] == row["group"] for m, _ in answer)
        if sizes[row["group"]] > 1:
            asked += 1
            hits += any(rows[m]["group"] == row["group"] for m, _ in answer)
    return {
        "hit_at_3": round(hits / asked, 4) if asked else 0.0,
        "precision_at_3": round(right / shown, 4) if shown else 0.0,
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
    for n, text in enumerate(fresh):
        start = time.perf_counter()
        index.similar(text, k=3)
        live.append((time.perf_counter() - start) * 1000)
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
        "ms_per_query_warm": round(statistics.fmean(warm), 2),
        "ms_build_500": round(build_ms, 1),
        "ms_duplicates_500": round(duplicates_ms, 1),
        "ms_clusters_500": round(clusters_ms, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--new-cards", type=int, default=200)
    parser.add_argument("--errors", action="store_true", help="list the tuning half's mistakes")
    parser.add_argument(
        "--tuning-only", action="store_true", help="score the tuning half only (while tuning)"
    )
    args = parser.parse_args()

    rows = load()
    tune, held_out = split(rows, args.seed)
    start = time.perf_counter()
    matcher = Matcher()
    load_ms = (time.perf_counter() - start) * 1000

    tune_sector = Boards(matcher, tune, per_board=True)
    tune_one = Boards(matcher, tune, per_board=False)
    picked = pick_threshold(tune_sector, tune_one)
    if args.tuning_only:
        for t in GRID:
            print(f"  {t:.2f}: sector {tune_sector.score(t)}  one board {tune_one.score(t)}")
        print(f"tuning half picks {picked} (library: {DUPLICATE_THRESHOLD})")
        for t in CLUSTER_GRID:
            print(
                f"  clusters {t:.2f}: sector {tune_sector.cluster_score(t)}"
                f"  one board {tune_one.cluster_score(t)}"
            )
        picked_clusters = pick_cluster_threshold(tune_sector)
        print(f"clusters: tuning half picks {picked_clusters} (library: {CLUSTER_THRESHOLD})")
        print(f"similar: {top3(matcher, tune)}")
        if args.errors:
            show_errors(tune_sector, DUPLICATE_THRESHOLD)
        return

    test_sector = Boards(matcher, held_out, per_board=True)
    test_one = Boards(matcher, held_out, per_board=False)
    whole_sector = Boards(matcher, rows, per_board=True)
    tune_pr = tune_sector.score(DUPLICATE_THRESHOLD)
    test_pr = test_sector.score(DUPLICATE_THRESHOLD)
    test_one_pr = test_one.score(DUPLICATE_THRESHOLD)
    whole_pr = whole_sector.score(DUPLICATE_THRESHOLD)
    test_at_picked = test_sector.score(picked)

    groups = {r["group"] for r in rows}
    print(f"set: {len(rows)} cards, {len(groups)} groups (singletons included)")
    print(f"tuning half: {len(tune)} cards   held-out half: {len(held_out)} cards")
    print(f"merge suggestions at {DUPLICATE_THRESHOLD}, one board per sector:")
    print(f"  tuning   {tune_pr}")
    print(f"  held-out {test_pr}")
    print(f"  whole set (both halves on the boards) {whole_pr}")
    print(f"merge suggestions at {DUPLICATE_THRESHOLD}, every card of a half on one board:")
    print(f"  tuning   {tune_one.score(DUPLICATE_THRESHOLD)}")
    print(f"  held-out {test_one_pr}")
    print(f"threshold the tuning half picks: {picked}; held-out there: {test_at_picked}")
    tune_clusters = tune_sector.cluster_score(CLUSTER_THRESHOLD)
    test_clusters = test_sector.cluster_score(CLUSTER_THRESHOLD)
    print(f"clusters at {CLUSTER_THRESHOLD} (same cluster = same group), sector boards:")
    print(f"  tuning   {tune_clusters}")
    print(f"  held-out {test_clusters}")
    print(f"cluster threshold the tuning half picks: {pick_cluster_threshold(tune_sector)}")
    tune_top = top3(matcher, tune)
    test_top = top3(matcher, held_out)
    print(f"similar(k=3, min_score={SIMILAR_MIN_SCORE}): tuning {tune_top}, held-out {test_top}")
    speed = timing(matcher, rows, args.new_cards, args.seed)
    print(f"speed: {speed}")
    result = {
        "precision": test_pr["precision"],
        "recall": test_pr["recall"],
        "ms_per_card": speed["ms_per_card"],
        "f1": test_pr["f1"],
        "split": "held-out half",
        "threshold": DUPLICATE_THRESHOLD,
        "boards": "one per sector",
        "tuning_precision": tune_pr["precision"],
        "tuning_recall": tune_pr["recall"],
        "one_board_precision": test_one_pr["precision"],
        "one_board_recall": test_one_pr["recall"],
        "whole_precision": whole_pr["precision"],
        "whole_recall": whole_pr["recall"],
        "cluster_threshold": CLUSTER_THRESHOLD,
        "cluster_precision": test_clusters["precision"],
        "cluster_recall": test_clusters["recall"],
        "tuning_cluster_precision": tune_clusters["precision"],
        "tuning_cluster_recall": tune_clusters["recall"],
        "hit_at_3": test_top["hit_at_3"],
        "precision_at_3": test_top["precision_at_3"],
        "ms_per_card_p95": speed["ms_per_card_p95"],
        "ms_per_query_warm": speed["ms_per_query_warm"],
        "ms_load_matcher": round(load_ms, 1),
        "cards": len(rows),
        "groups": len(groups),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
