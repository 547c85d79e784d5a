"""The evaluation recap's chart for the Word report (as exports/chart.py draws)."""

from __future__ import annotations

import io
import textwrap
from typing import Any

from flask_babel import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

COLOURS = ("#0b5c56", "#c9822b", "#3f6fb5", "#8b1a1a", "#6b7f2a", "#6c4f8f", "#2a7f9e", "#9e6b2a")


def means(recap: dict[str, Any], targets: list[dict[str, Any]]) -> bytes:
    """The mean of each item, one bar a target (a speaker, or the organisation's own
    chart), on the form's scale: a horizontal grouped bar chart as a PNG."""
    figure = means_figure(recap, targets)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def means_figure(recap: dict[str, Any], targets: list[dict[str, Any]]) -> Figure:
    """The chart of `means`; with several targets, their legend under the plot,
    where it covers no bar."""
    labels = [textwrap.fill(item["label"], 28) for item in targets[0]["items"]]
    count = len(targets)
    height = 0.32 * len(labels) * max(count, 1) + 1.6
    figure = Figure(figsize=(7, max(height, 3)), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    step = 0.8 / count
    for n, target in enumerate(targets):
        values = [item["mean"] or 0 for item in target["items"]]
        places = [
            len(labels) - 1 - i + (count - 1 - n) * step - 0.4 + step / 2
            for i in range(len(labels))
        ]
        bars = axes.barh(
            places, values, height=step * 0.9, color=COLOURS[n % len(COLOURS)], label=target["name"]
        )
        axes.bar_label(
            bars, labels=[f"{v:.2f}" if v else "" for v in values], padding=2, fontsize=7
        )
    axes.set_yticks(range(len(labels)), labels[::-1], fontsize=8)
    axes.set_xlim(0, recap["scale"] + 0.5)
    axes.set_xticks(range(1, recap["scale"] + 1))
    axes.set_xlabel(_("Mean score (1-%(n)d)", n=recap["scale"]))
    axes.spines[["top", "right"]].set_visible(False)
    if count > 1:
        rows = -(-count // 2)
        figure.legend(fontsize=8, loc="lower center", ncols=min(count, 2), frameon=False)
        figure.tight_layout(rect=(0, 0.3 * rows / figure.get_figheight(), 1, 1))
    else:
        figure.tight_layout()
    return figure
