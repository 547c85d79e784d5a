"""Pictures for the Word report: votes per sector, and the fishbone of a bottleneck."""

from __future__ import annotations

import io
from dataclasses import dataclass

from flask_babel import gettext as _
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from .data import BottleneckRow, CauseRow, Results


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


# The fishbone's printed width in the report (docx_report.py puts it at this
# width), its tallest picture, and its type sizes in points at that size.
FISHBONE_WIDTH_CM = 16.0
FISHBONE_MAX_HEIGHT = 8.6  # inches: a page's text height, less its heading
CAUSE_PT, BONE_PT, HEAD_PT = 8.0, 8.5, 9.0
# Arial's metrics, in whichever of these the machine has (matplotlib's own last).
_FONTS = ("Arial", "Liberation Sans", "DejaVu Sans")
FONT = next(
    (name for name in _FONTS if name in {f.name for f in font_manager.fontManager.ttflist}),
    "DejaVu Sans",
)
_INK, _ROOT, _TEXT = "#0b3c39", "#8b1a1a", "#222222"
_DPI = 200
_MARGIN, _HEAD_W, _GAP, _SLANT, _INDENT = 0.08, 1.3, 0.06, 0.28, 0.12  # inches


@dataclass
class _Block:
    """A piece of text on a bone: its wrapped lines and how it is drawn."""

    lines: list[str]
    depth: int  # 0 for a cause on the bone, 1 for its "why?", ...
    root: bool = False
    bold: bool = False

    def height(self, size: float) -> float:
        return len(self.lines) * _line(size)


def _line(size: float) -> float:
    return size * 1.25 / 72


def fishbones(row: BottleneckRow, bones: list[dict[str, str]]) -> list[bytes]:
    """The fishbone (Ishikawa) diagram of one bottleneck as PNGs for the Word report,
    drawn at the size it prints (FISHBONE_WIDTH_CM wide) so that its type is the
    size it says: one picture, or several of a few bones each when one would be
    taller than a page."""
    pictures = []
    for figure in fishbone_figures(row, bones):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=_DPI)
        pictures.append(buffer.getvalue())
    return pictures


# A bone to draw: its category, and the causes on it (all, or a share of them).
_Bone = tuple[dict[str, str], list[CauseRow]]


def fishbone_figures(row: BottleneckRow, bones: list[dict[str, str]]) -> list[Figure]:
    """The head is the bottleneck; each category is a bone, half above and half
    below the spine, the first ones nearest the head; a bone lists all its causes,
    wrapped, each "why?" indented under the cause it explains. Root causes are
    bold and dark red. Too tall for a page, the bones are shared out over several
    pictures (those without causes left out), and a bone's causes too if need be."""
    drawn = [(bone, [c for c in row.causes if c.card.bone == bone["key"]]) for bone in bones]
    figure = _draw(row, drawn)
    if _fits(figure):
        return [figure]
    return _split(row, [item for item in drawn if item[1]] or drawn[:1])


def _fits(figure: Figure) -> bool:
    return bool(figure.get_size_inches()[1] <= FISHBONE_MAX_HEIGHT)


def _split(row: BottleneckRow, drawn: list[_Bone]) -> list[Figure]:
    """Pictures that each fit a page: halves of the bones (an even number first,
    one above and one below the spine), then halves of a lone bone's causes,
    each "why?" kept with the cause it explains."""
    figure = _draw(row, drawn)
    if _fits(figure):
        return [figure]
    if len(drawn) > 1:
        half = -(-len(drawn) // 4) * 2 if len(drawn) > 2 else 1
        return _split(row, drawn[:half]) + _split(row, drawn[half:])
    bone, causes = drawn[0]
    starts = [i for i, cause in enumerate(causes) if cause.depth <= 1]
    if len(starts) < 2:
        return [figure]  # one cause and its whys, taller than a page: as it is
    middle = starts[len(starts) // 2]
    return _split(row, [(bone, causes[:middle])]) + _split(row, [(bone, causes[middle:])])


def _draw(row: BottleneckRow, bones: list[_Bone]) -> Figure:
    width = FISHBONE_WIDTH_CM / 2.54
    figure = Figure(figsize=(width, 1), dpi=_DPI)
    canvas = FigureCanvasAgg(figure)
    measure = _Measure(canvas)
    per_side = max(1, -(-len(bones) // 2))
    head_left = width - _MARGIN - _HEAD_W
    column = (head_left - 0.12 - _MARGIN) / per_side
    text_width = column - _SLANT - 2 * _GAP
    laid = [_bone_blocks(bone, causes, text_width, measure) for bone, causes in bones]
    top = max((_blocks_height(b) for b in laid[0::2]), default=0.0)
    bottom = max((_blocks_height(b) for b in laid[1::2]), default=0.0)
    head = measure.wrap(row.card.text, _HEAD_W - 0.16, HEAD_PT, bold=True)
    head_height = len(head) * _line(HEAD_PT) + 0.2
    # Each side as tall as its longest bone (the head's half at least).
    above = max(top, head_height / 2) + 0.12
    below = max(bottom, head_height / 2) + 0.12
    height = above + below + 2 * _MARGIN
    figure.set_size_inches(width, height)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(0, height)
    axes.axis("off")
    spine = _MARGIN + below
    axes.annotate(
        "",
        xy=(head_left - 0.02, spine),
        xytext=(_MARGIN, spine),
        arrowprops={"arrowstyle": "-|>", "lw": 2.2, "color": _INK},
    )
    axes.text(
        head_left + _HEAD_W / 2,
        spine,
        "\n".join(head),
        ha="center",
        va="center",
        fontsize=HEAD_PT,
        fontweight="bold",
        family=FONT,
        color="white",
        linespacing=1.25,
        bbox={"boxstyle": "round,pad=0.4", "facecolor": _INK, "edgecolor": _INK},
    )
    for index, blocks in enumerate(laid):
        left = head_left - 0.12 - column * (index // 2 + 1)
        top_side = index % 2 == 0
        _draw_bone(axes, blocks, left, spine, above if top_side else below, above=top_side)
    return figure


def _draw_bone(
    axes: Axes, blocks: list[_Block], left: float, spine: float, half: float, *, above: bool
) -> None:
    """One bone: from the spine out to its name, its causes hanging off it, reading down."""
    sign = 1 if above else -1
    outer = spine + sign * half
    axes.plot([left + _SLANT, left], [spine, outer], color=_INK, lw=1.4)

    def bone_x(y: float) -> float:
        return left + _SLANT * (1 - (y - spine) / (outer - spine))

    name, causes = blocks[0], blocks[1:]
    # Above the spine the name is at the top, below it at the bottom; the causes
    # are between, in order from top to bottom.
    y = outer if above else spine - 0.1
    order = [name, *causes] if above else [*causes, name]
    for block in order:
        if block is name and not above:  # at the bone's outer end
            y = outer + name.height(BONE_PT)
        # Clear of the bone all along the block: where it leans furthest right.
        height = block.height(_size(block))
        x = max(bone_x(y), bone_x(y - height)) + _GAP + _INDENT * block.depth
        if block is not name and block.depth == 0:
            axes.plot([x - _GAP, x - 0.01], [y - _line(CAUSE_PT) / 2] * 2, color=_INK, lw=0.8)
        axes.text(
            x,
            y,
            "\n".join(block.lines),
            ha="left",
            va="top",
            fontsize=_size(block),
            linespacing=1.25,
            family=FONT,
            fontweight="bold" if block.bold or block.root else "normal",
            color=_ROOT if block.root else (_INK if block.bold else _TEXT),
        )
        y -= height


def _size(block: _Block) -> float:
    return BONE_PT if block.bold else CAUSE_PT


def _bone_blocks(
    bone: dict[str, str], causes: list[CauseRow], width: float, measure: _Measure
) -> list[_Block]:
    """The bone's name, then each of its causes, wrapped to `width` inches."""
    blocks = [_Block(measure.wrap(bone["name"], width, BONE_PT, bold=True), 0, bold=True)]
    for cause in causes:
        depth = cause.depth - 1
        text = ("- " if depth else "") + " ".join(cause.card.text.split())
        lines = measure.wrap(text, width - _INDENT * depth, CAUSE_PT, bold=cause.card.is_root)
        blocks.append(_Block(lines, depth, root=cause.card.is_root))
    return blocks


def _blocks_height(blocks: list[_Block]) -> float:
    return sum(b.height(_size(b)) for b in blocks)


class _Measure:
    """Wraps text to a width, measuring each word once with the figure's renderer
    (a line is its words and the spaces between them)."""

    def __init__(self, canvas: FigureCanvasAgg) -> None:
        self.renderer = canvas.get_renderer()
        self.dpi = canvas.figure.dpi
        self.known: dict[tuple[str, float, bool], float] = {}

    def width(self, text: str, size: float, *, bold: bool) -> float:
        key = (text, size, bold)
        if key not in self.known:
            prop = FontProperties(family=FONT, size=size, weight="bold" if bold else "normal")
            w, _h, _d = self.renderer.get_text_width_height_descent(text, prop, ismath=False)
            self.known[key] = float(w) / self.dpi
        return self.known[key]

    def wrap(self, text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
        """Greedy word wrap; a word longer than the line is cut between letters."""
        space = self.width("a a", size, bold=bold) - self.width("aa", size, bold=bold)
        lines: list[str] = []
        line, used = "", 0.0
        for word in text.split():
            wide = self.width(word, size, bold=bold)
            if line and used + space + wide <= width:
                line, used = f"{line} {word}", used + space + wide
                continue
            if line:
                lines.append(line)
            while wide > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and self.width(word[:cut], size, bold=bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                wide = self.width(word, size, bold=bold)
            line, used = word, wide
        if line or not lines:
            lines.append(line)
        return lines
