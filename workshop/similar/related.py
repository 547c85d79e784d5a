"""Related words learned from a corpus: relatedness beyond spelling.

Two cards can name one problem in words no synonym joins: "dokter jarang
ada" and "dokternya belum datang"; "server down" and "koneksi lemot". The
corpus (related.txt, shipped with the project, and a facilitator's own
instance/related.txt) holds paragraphs of cards that each say one problem,
or its remedy, in different words. Each paragraph is a topic; a card is
placed among the topics its terms are closest to (explicit semantic
analysis), and matcher.py compares cards on their topics as a third block,
beside the terms and the character n-grams. Below its hand-written paragraphs,
related.txt holds every group of the tuning set (bench/similar_set.jsonl, the
same problem in the words of many writers and regions), written there by
bench/similar_corpus.py, which a test runs to keep the two in step; the
figures it moved are in bench/RESULTS.md.

Word co-occurrence (pointwise mutual information over the paragraphs) was
tried first: with a hundred paragraphs too few word pairs meet twice for it
to say anything, while a whole paragraph's vocabulary does (bench/RESULTS.md,
issue 26). Learning costs 0.3 to 0.5 s of CPU at start (the corpus's words
are stemmed once); placing a card, about 0.2 ms.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

DEFAULT_CORPUS_PATH = Path(__file__).with_name("related.txt")


def paragraphs(lines: Iterable[str]) -> list[list[str]]:
    """Blank-line separated paragraphs of card lines; # comments dropped."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        line = line.strip()
        if line.startswith("#"):
            continue
        if not line:
            if current:
                found.append(current)
            current = []
            continue
        current.append(line)
    if current:
        found.append(current)
    return found


# Topics: each paragraph of the corpus is one topic; a card is placed among the
# topics its terms are closest to (explicit semantic analysis).
TOPICS_PER_CARD = 8
MIN_TOPIC_SCORE = 0.15


class Topics:
    """The corpus's paragraphs as topics, and the topics a card's terms point to.

    Each paragraph is a TF-IDF vector of its cards' terms (sublinear counts,
    inverse paragraph frequency, L2-normalised). A card's vector (its terms,
    the same weights) is compared with every paragraph; the best
    ``TOPICS_PER_CARD`` paragraphs scoring at least ``MIN_TOPIC_SCORE`` are its
    topics, each with its cosine. "dokter jarang ada" and "dokternya belum
    datang" both land on the paragraph of absent doctors, which no shared word
    of theirs would show.
    """

    def __init__(
        self,
        texts: list[list[str]],
        terms: Callable[[str], tuple[str, ...]],
        per_card: int = TOPICS_PER_CARD,
        min_score: float = MIN_TOPIC_SCORE,
    ) -> None:
        self.per_card = per_card
        self.min_score = min_score
        counts = [Counter(t for text in para for t in terms(text)) for para in texts]
        counts = [c for c in counts if c]
        self.vocabulary = {t: n for n, t in enumerate(sorted({t for c in counts for t in c}))}
        total = len(counts)
        seen = Counter(t for c in counts for t in c)
        self.idf = {t: math.log((1 + total) / (1 + df)) + 1.0 for t, df in seen.items()}
        rows, cols, data = [], [], []
        for row, c in enumerate(counts):
            for term, count in c.items():
                rows.append(row)
                cols.append(self.vocabulary[term])
                data.append((1.0 + math.log(count)) * self.idf[term])
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(total, len(self.vocabulary)))
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.matrix = sp.csr_matrix(sp.diags(1.0 / norms) @ matrix).T.tocsr()  # terms x topics

    @classmethod
    def load(
        cls,
        paths: Iterable[str | Path],
        terms: Callable[[str], tuple[str, ...]],
        per_card: int = TOPICS_PER_CARD,
        min_score: float = MIN_TOPIC_SCORE,
    ) -> Topics:
        lines: list[str] = []
        for path in paths:
            lines.extend(Path(path).read_text(encoding="utf-8").splitlines())
            lines.append("")
        return cls(paragraphs(lines), terms, per_card, min_score)

    def __len__(self) -> int:
        return int(self.matrix.shape[1])

    def of(self, terms: Iterable[str]) -> dict[str, float]:
        """Topic -> cosine, the card's best topics (none for a card off the corpus)."""
        counts = Counter(t for t in terms if t in self.vocabulary)
        if not counts:
            return {}
        cols = [self.vocabulary[t] for t in counts]
        weights = np.asarray([(1.0 + math.log(c)) * self.idf[t] for t, c in counts.items()])
        weights /= np.linalg.norm(weights)
        scores = np.asarray(weights @ self.matrix[cols].toarray()).ravel()
        best = np.argsort(-scores)[: self.per_card]
        return {f"#topic{n}": float(scores[n]) for n in best if scores[n] >= self.min_score}
