"""Signatures for the demo's attendance lists: finger-like strokes drawn from the
signer's name, so that each person signs alike on both days, and the demo is the
same every time.

A stroke is what a finger leaves on the phone's pad (static/js, signature_pad):
a run of joined loops along a slanted baseline, pressing harder and lighter,
then a flourish back under it, as dark ink on a transparent 600 x 200 picture,
well within the attendance service's limits (attendance/services.py clean_png).
"""

from __future__ import annotations

import base64
import io
import itertools
import math
import random
from functools import lru_cache

from PIL import Image, ImageDraw

SIZE = (600, 200)  # the phone's pad in CSS pixels
INK = (20, 32, 74)  # a blue-black pen


@lru_cache(maxsize=64)  # each signs both days alike
def signature_data_url(name: str) -> str:
    """The PNG data URL a phone would send for `name`'s signature."""
    return "data:image/png;base64," + base64.b64encode(signature_png(name)).decode("ascii")


def signature_png(name: str) -> bytes:
    chance = random.Random(f"urai-demo-signature:{name}")  # a str seed: stable across runs
    picture = Image.new("RGBA", SIZE, (255, 255, 255, 0))
    draw = ImageDraw.Draw(picture)
    points = _loops(chance) + _flourish(chance)
    pressure = chance.uniform(0.0, math.tau)
    for n, (start, end) in enumerate(itertools.pairwise(points)):
        if math.dist(start, end) > 40:  # the finger lifted between the loops and the flourish
            continue
        width = round(3.5 + 1.5 * math.sin(pressure + n / 9))
        draw.line([start, end], fill=(*INK, 255), width=width, joint="curve")
    out = io.BytesIO()
    picture.save(out, format="PNG", compress_level=1)  # fast: the service re-encodes it
    return out.getvalue()


def _loops(chance: random.Random) -> list[tuple[float, float]]:
    """Joined loops (a prolate cycloid) whose heights vary loop by loop, slanted."""
    width, height = SIZE
    loops = chance.randint(4, 7)
    left = width * chance.uniform(0.06, 0.14)
    span = width * chance.uniform(0.55, 0.72)
    base = height * chance.uniform(0.62, 0.7)
    slant = chance.uniform(0.2, 0.45)
    rise = height * chance.uniform(-0.05, 0.12)  # a baseline that climbs a little
    tall = [height * chance.uniform(0.14, 0.34) for _ in range(loops + 1)]
    advance = span / (loops * math.tau)
    steps = loops * 36
    points = []
    for i in range(steps + 1):
        t = i / steps * loops * math.tau
        k = min(int(t / math.tau), loops - 1)
        share = t / math.tau - k
        size = tall[k] * (1 - share) + tall[k + 1] * share
        x = left + advance * t - 0.55 * size * math.sin(t)
        y = base - size * (1 - math.cos(t)) / 2 - rise * i / steps
        points.append((x + slant * (base - y), y))
    return points


def _flourish(chance: random.Random) -> list[tuple[float, float]]:
    """A curve from the right back under the name (a quadratic Bézier)."""
    width, height = SIZE
    start = (width * chance.uniform(0.72, 0.9), height * chance.uniform(0.55, 0.7))
    bend = (width * chance.uniform(0.45, 0.6), height * chance.uniform(0.95, 1.05))
    end = (width * chance.uniform(0.05, 0.2), height * chance.uniform(0.74, 0.86))
    points = []
    for i in range(41):
        t = i / 40
        x = (1 - t) ** 2 * start[0] + 2 * (1 - t) * t * bend[0] + t**2 * end[0]
        y = (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * bend[1] + t**2 * end[1]
        points.append((x, y))
    return points
