"""Signatures as a phone's signature_pad sends them, and a room with an attendance step."""

from __future__ import annotations

import base64
import io
from typing import Any

from PIL import Image, ImageDraw


def png(size: tuple[int, int] = (600, 200), *, ink: bool = True, mode: str = "RGBA") -> bytes:
    """A PNG like the pad's: transparent, with a stroke drawn across it (unless not `ink`)."""
    picture = Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else "white")
    if ink:
        draw = ImageDraw.Draw(picture)
        w, h = size
        draw.line(
            [(w * 0.1, h * 0.7), (w * 0.3, h * 0.2), (w * 0.5, h * 0.8), (w * 0.9, h * 0.3)],
            fill=(16, 32, 74, 255) if mode == "RGBA" else "black",
            width=4,
        )
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def data_url(raw: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64," + base64.b64encode(raw).decode()


def signature(**extra: Any) -> dict[str, Any]:
    return {
        "name": "Andi Rahmawati",
        "agency": "Dinas Pendidikan",
        "position": "Kepala Seksi",
        "image": data_url(png()),
        **extra,
    }


def open_attendance(boss: Any) -> int:
    """Add an attendance step through the cockpit's "Add phase" and make it current."""
    reply = boss.emit("phase:save", {"name": "", "kind": "attendance"}, callback=True)
    assert reply["ok"], reply
    phase_id = reply["phase"]["id"]
    reply = boss.emit("phase:set", {"phase_id": phase_id}, callback=True)
    assert reply["ok"], reply
    return int(phase_id)
