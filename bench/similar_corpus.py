"""Write the tuning set's groups into the similar-cards corpus (workshop/similar/related.txt).

    .venv/bin/python bench/similar_corpus.py [--check]

The corpus's topics (workshop/similar/related.py) place a card among the
paragraphs its words are closest to, so two cards that share few words but
land on one paragraph are compared there. Every group of the tuning set
(bench/similar_set.jsonl) with two cards or more is the same problem written
differently by the people of a room: each becomes a paragraph, after the
hand-written ones, below the marker line. The evaluation sets are never
written there.

``--check`` exits 1 when related.txt is not what this script writes (a test
runs it, so the corpus follows the tuning set).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.similar.related import DEFAULT_CORPUS_PATH

MARKER = (
    "# --- The tuning set's groups, a paragraph each "
    "(written by bench/similar_corpus.py; do not edit below) ---"
)


def hand_written(path: Path = DEFAULT_CORPUS_PATH) -> str:
    """The corpus above the marker: the paragraphs written for the project."""
    text = path.read_text(encoding="utf-8")
    return text.split("\n" + MARKER, 1)[0].rstrip("\n") + "\n"


def groups_of(rows: Iterable[Mapping[str, str]]) -> list[list[str]]:
    """The texts of each group of two cards or more, in the set's order."""
    found: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        found[row["group"]].append(" ".join(row["text"].split()))
    return [texts for texts in found.values() if len(texts) > 1]


def corpus(rows: Iterable[Mapping[str, str]], path: Path = DEFAULT_CORPUS_PATH) -> str:
    """related.txt: the hand-written paragraphs, the marker, then the groups of ``rows``."""
    paragraphs = ["\n".join(texts) for texts in groups_of(rows)]
    return hand_written(path) + "\n" + MARKER + "\n\n" + "\n\n".join(paragraphs) + "\n"


def main() -> None:
    from similar import SET_PATH, load  # bench/similar.py

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args()
    wanted = corpus(load(SET_PATH))
    if args.check:
        current = DEFAULT_CORPUS_PATH.read_text(encoding="utf-8") == wanted
        print("related.txt is current" if current else "related.txt is out of date")
        sys.exit(0 if current else 1)
    DEFAULT_CORPUS_PATH.write_text(wanted, encoding="utf-8")
    print(f"{DEFAULT_CORPUS_PATH}: {len(groups_of(load(SET_PATH)))} paragraphs of tuning cards")


if __name__ == "__main__":
    main()
