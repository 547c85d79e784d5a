"""Pictures for the Word report: votes per sector, and the fishbone of a bottleneck."""

from __future__ import annotations

import io
import textwrap

from flask_babel import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .data import BottleneckRow, Results


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


def fishbone(row: BottleneckRow, bones: list[dict[str, str]]) -> bytes:
    """The fishbone (Ishikawa) diagram of one bottleneck, as a PNG for the Word report.

    The head is the bottleneck; each category is a bone, half above and half
    below the spine; a bone lists its causes, each "why?" indented under the
    cause it explains. Root causes are bold and dark red.
    """
    figure = Figure(figsize=(10, 5.8), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, 100)
    axes.set_ylim(0, 60)
    axes.axis("off")
    ink, root = "#0b3c39", "#8b1a1a"
    axes.annotate(
        "", xy=(77, 30), xytext=(3, 30), arrowprops={"arrowstyle": "-|>", "lw": 2.5, "color": ink}
    )
    axes.text(
        88.5,
        30,
        textwrap.fill(row.card.text, 22),
        ha="center",
        va="center",
        fontsize=9,
        fontweight="bold",
        color="white",
        bbox={"boxstyle": "round,pad=0.6", "facecolor": ink, "edgecolor": ink},
    )
    per_side = max(1, -(-len(bones) // 2))
    step = 66 / per_side
    for index, bone in enumerate(bones):
        top = index % 2 == 0
        joint = 74 - step * (index // 2) - step / 2 + 4
        end_y = 57 if top else 3
        start_x = joint - 11
        axes.plot([joint, start_x], [30, end_y], color=ink, lw=1.6)
        axes.text(
            start_x,
            end_y + (1.2 if top else -1.2),
            bone["name"],
            ha="center",
            va="bottom" if top else "top",
            fontsize=9,
            fontweight="bold",
            color=ink,
        )
        y = float(end_y - 3.5 if top else end_y + 3.5)
        for text, depth, is_root in _bone_lines(row, bone["key"]):
            # Where the bone is at this height: the cause hangs off it, to its right.
            bone_x = joint + (start_x - joint) * (y - 30) / (end_y - 30)
            x = bone_x + 0.6 + 1.8 * depth
            if depth == 0:
                axes.plot([bone_x, bone_x + 2.2], [y, y], color=ink, lw=0.9)
            axes.text(
                x + (2.6 if depth == 0 else 0),
                y,
                text,
                ha="left",
                va="center",
                fontsize=6.5,
                linespacing=1.1,
                fontweight="bold" if is_root else "normal",
                color=root if is_root else "#222222",
            )
            y += (-1 if top else 1) * (2.4 + 2.0 * text.count("\n"))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _bone_lines(row: BottleneckRow, key: str, limit: int = 7) -> list[tuple[str, int, bool]]:
    """The causes on one bone, at most two lines of text each and `limit` causes."""
    causes = [c for c in row.causes if c.card.bone == key]
    lines = []
    for cause in causes:
        text = textwrap.shorten(cause.card.text, 64, placeholder="...")
        wrapped = "\n".join(textwrap.wrap(text, 32)[:2])
        lines.append(
            (("- " if cause.depth > 1 else "") + wrapped, cause.depth - 1, cause.card.is_root)
        )
    if len(lines) > limit:
        more = len(lines) - limit + 1
        lines = [*lines[: limit - 1], (_("and %(n)d more", n=more), 0, False)]
    return lines
