"""The kinds of card: a bottleneck, a solution under it, a cause of it.

Apart from core/cards.py, so that the workshop's model (its gates, core/gates.py)
can name them without importing the cards' tables."""

BOTTLENECK = "bottleneck"
SOLUTION = "solution"
CAUSE = "cause"
KINDS = (BOTTLENECK, SOLUTION, CAUSE)
