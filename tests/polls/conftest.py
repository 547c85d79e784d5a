"""The room most poll tests play in."""

from __future__ import annotations

import pytest


@pytest.fixture
def room(make_workshop, phone, presenter, facilitator, socket_for):
    """A workshop with the facilitator, the projector and three phones connected."""

    class Room:
        def __init__(self) -> None:
            ws = self.ws = make_workshop()
            self.boss = socket_for(facilitator(ws), ws)
            self.screen = socket_for(presenter(ws), ws)
            self.phones = [socket_for(phone(ws, f"Peserta {i}"), ws) for i in range(3)]

        def drain(self) -> None:
            for sock in (self.boss, self.screen, *self.phones):
                sock.get_received()

    return Room()
