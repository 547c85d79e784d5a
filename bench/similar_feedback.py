"""What the similar cards' learning layer (workshop/similar/feedback.py) costs.

    .venv/bin/python bench/similar_feedback.py [--lessons 20]

A board of 500 bottlenecks (bench/similar_set.jsonl, twice), in the server's
own process (SIMILAR_WORKER off, so that the time is all in one place).
Timed, in alternating rounds so that a busy machine weighs on both alike:
the re-ranking of the typing-time answer (feedback.similar, on top of the
engine's similar(k=3), for 60 texts of the set) and of the merge
suggestions (feedback.merges, on top of the engine's duplicates()), first
with no lessons, then after `--lessons` merges of cards the engine did not
pair and as many dismissed suggestions.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from flask_migrate import upgrade

from workshop import create_app
from workshop.boards.services import post_card
from workshop.core.cards import VISIBLE
from workshop.core.models import Workshop
from workshop.extensions import db
from workshop.moderation.services import merge_cards
from workshop.participants.services import join
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.similar import feedback
from workshop.similar.boards import indexes
from workshop.similar.services import dismiss
from workshop.workshops.services import create_workshop

SET = Path(__file__).with_name("similar_set.jsonl")
CARDS = 500
QUERIES = 60
ROUNDS = 3


def board(texts: list[str]) -> tuple[int, int]:
    workshop = create_workshop("Bench").workshop
    workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "identify")
    sector = workshop.active_sectors[0]
    person = join(workshop, name="A", agency="B", position=None, sector_id=sector.id)
    for n, text in enumerate(texts):
        payload = {"client_id": f"bench-card-{n:05}", "kind": "bottleneck", "text": text}
        post_card(workshop, person, {**payload, "sector_id": sector.id})
    commit_and_broadcast()
    return workshop.id, sector.id


def timed(workshop_id: int, sector_id: int, queries: list[str]) -> tuple[float, float, float]:
    """Milliseconds: feedback.similar a query, feedback.merges a board, and for
    comparison the engine's own similar() a query."""
    workshop = db.session.get(Workshop, workshop_id)
    assert workshop is not None
    shown = indexes().board(workshop, sector_id, "bottleneck")
    among = set(shown.cards)
    visible = {c for c, (_t, status, _a) in shown.cards.items() if status == VISIBLE}
    start = time.perf_counter()
    found = {q: shown.index.similar(q, k=3, among=among) for q in queries}
    engine = 1000 * (time.perf_counter() - start) / len(queries)
    pairs = shown.index.duplicates(among=visible)
    feedback.similar(workshop, shown, queries[0], found[queries[0]], among, 3)  # warm
    start = time.perf_counter()
    for q in queries:
        feedback.similar(workshop, shown, q, found[q], among, 3)
    middle = time.perf_counter()
    feedback.merges(workshop, shown, visible, pairs)
    end = time.perf_counter()
    return 1000 * (middle - start) / len(queries), 1000 * (end - middle), engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lessons", type=int, default=20)
    args = parser.parse_args()
    rows = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(1)
    texts = [row["text"] for row in (rows * 2)[:CARDS]]
    texts = [t if n < len(rows) else f"{t} ({n})" for n, t in enumerate(texts)]
    queries = [row["text"][:60] for row in rng.sample(rows, QUERIES)]
    folder = Path(tempfile.mkdtemp())
    config: dict[str, Any] = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
        "SIMILAR_WORKER": False,
        "SECRET_KEY": "bench",
    }
    app = create_app(config)
    with app.app_context():
        upgrade()
        workshop_id, sector_id = board(texts)
        workshop = db.session.get(Workshop, workshop_id)
        assert workshop is not None
        shown = indexes().board(workshop, sector_id, "bottleneck")
        ids = sorted(shown.cards)
        rng.shuffle(ids)
        n = args.lessons
        none = feedback.Lessons((), ())
        real = feedback.lessons
        feedback.lessons = lambda _w: none  # type: ignore[assignment]
        before = [timed(workshop_id, sector_id, queries) for _ in range(ROUNDS)]
        feedback.lessons = real  # type: ignore[assignment]
        for a, b in zip(ids[:n], ids[n : 2 * n], strict=True):
            merge_cards(workshop, a, b)
        for a, b in zip(ids[2 * n : 3 * n], ids[3 * n : 4 * n], strict=True):
            dismiss(workshop, "merge", [a, b])
        commit_and_broadcast()
        learned = feedback.lessons(db.session.get(Workshop, workshop_id))  # type: ignore[arg-type]
        after = [timed(workshop_id, sector_id, queries) for _ in range(ROUNDS)]
    print(f"board of {CARDS} cards; {len(learned.same)} merges learned of {n}, {n} dismissals")
    for label, runs in (("no lessons", before), ("with lessons", after)):
        typing = min(r[0] for r in runs)
        merging = min(r[1] for r in runs)
        engine = min(r[2] for r in runs)
        print(
            f"{label:>13}: feedback.similar {typing:.1f} ms a query "
            f"(the engine's similar: {engine:.1f} ms), feedback.merges {merging:.0f} ms"
        )


if __name__ == "__main__":
    main()
