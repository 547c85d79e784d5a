"""A bar chart of votes per sector, as a PNG for the Word report."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .data import Results


def votes_per_sector(results: Results) -> bytes:
    """Dots on each sector's cards (bottlenecks and solutions), as a horizontal bar chart."""
    names = [r.sector.name for r in results.sectors]
    votes = [
        sum(b.votes + sum(s.votes for s in b.solutions) for b in r.bottlenecks)
        for r in results.sectors
    ]
    figure = Figure(figsize=(7, 0.5 * max(len(names), 3) + 1), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bars = axes.barh(names[::-1], votes[::-1], color="#0b5c56")
    axes.bar_label(bars, padding=3)
    axes.set_xlabel(_("Votes"))
    axes.set_title(_("Votes per sector"))
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xlim(0, max([*votes, 1]) * 1.15)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
