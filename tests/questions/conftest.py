"""What the question tests share: a speaker's question session open in a room."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest


@pytest.fixture
def question_room(
    make_workshop, facilitator, presenter, phone, socket_for
) -> Callable[[Sequence[str]], dict[str, Any]]:
    """Opens a workshop whose current step is a speaker's question session, with the
    facilitator, the projector and one phone a name connected, the phones synced
    on the first sector."""

    def open_room(names: Sequence[str]) -> dict[str, Any]:
        made = make_workshop(phase="lobby")
        staff = socket_for(facilitator(made), made)
        saved = staff.emit(
            "phase:save", {"name": "Tanya jawab", "kind": "questions"}, callback=True
        )
        assert saved["ok"], saved
        phase_id = saved["phase"]["id"]
        assert staff.emit("phase:set", {"phase_id": phase_id}, callback=True)["ok"]
        projector = socket_for(presenter(made), made)
        sector = made.sector_ids[0]
        phones = [socket_for(phone(made, name=name), made) for name in names]
        for sock in phones:
            assert sock.emit("sync", {"sector_id": sector}, callback=True)["ok"]
        return {
            "made": made,
            "sector": sector,
            "phase_id": phase_id,
            "staff": staff,
            "projector": projector,
            "phones": phones,
        }

    return open_room
