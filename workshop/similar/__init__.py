"""Offline similarity of short card texts: similar cards, merge suggestions, clusters.

See workshop/similar/matcher.py for the API and the thresholds, and
workshop/similar/synonyms.txt for the abbreviations a facilitator can extend.
"""

from .matcher import (
    CLUSTER_THRESHOLD,
    DUPLICATE_THRESHOLD,
    SIMILAR_MIN_SCORE,
    CardIndex,
    Matcher,
)
from .text import DEFAULT_SYNONYMS_PATH

__all__ = [
    "CLUSTER_THRESHOLD",
    "DEFAULT_SYNONYMS_PATH",
    "DUPLICATE_THRESHOLD",
    "SIMILAR_MIN_SCORE",
    "CardIndex",
    "Matcher",
]
