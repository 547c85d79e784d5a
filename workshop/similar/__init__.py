"""Offline similarity of short card texts: similar cards, merge suggestions, clusters.

See workshop/similar/matcher.py for the API and the thresholds, and
workshop/similar/synonyms.txt for the abbreviations a facilitator can extend,
spellings.txt for chat spellings, stopwords.txt for the stop-word exceptions,
related.txt for the corpus the related-word topics are learned from,
facets.txt for the kinds of problem that tell two problems of one service
apart.
"""

from .matcher import (
    CLUSTER_THRESHOLD,
    DUPLICATE_THRESHOLD,
    SIMILAR_MIN_SCORE,
    SIMILAR_RELATIVE,
    CardIndex,
    Matcher,
)
from .related import DEFAULT_CORPUS_PATH
from .text import DEFAULT_SYNONYMS_PATH

__all__ = [
    "CLUSTER_THRESHOLD",
    "DEFAULT_CORPUS_PATH",
    "DEFAULT_SYNONYMS_PATH",
    "DUPLICATE_THRESHOLD",
    "SIMILAR_MIN_SCORE",
    "SIMILAR_RELATIVE",
    "CardIndex",
    "Matcher",
]
