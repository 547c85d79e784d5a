"""Socket.IO room names, made and read in this one place.

One set per workshop:
- `w<id>:steering`: facilitator and co-facilitator connections.
- `w<id>:display`: the projector.
- `w<id>`: participants and the projector: workshop-wide events.
- `w<id>:people`: participants only: the participants' form of a card moved between boards.
- `w<id>:s<sector>`: participants watching that sector board.
- `w<id>:p<participant>`: one participant's connections, for their own cards.
- `key<id>`: connections opened with one secret link, to cut them off on revoke.
Which viewer joins which rooms, and which form of an event each room gets, is
the visibility policy's to say (policy.py).
"""

from __future__ import annotations

import re

_WORKSHOP_ROOM = re.compile(r"^w(\d+)(?::steering)?$")


def workshop_room(workshop_id: int) -> str:
    return f"w{workshop_id}"


def steering_room(workshop_id: int) -> str:
    return f"w{workshop_id}:steering"


def display_room(workshop_id: int) -> str:
    return f"w{workshop_id}:display"


def people_room(workshop_id: int) -> str:
    return f"w{workshop_id}:people"


def sector_room(workshop_id: int, sector_id: int) -> str:
    return f"w{workshop_id}:s{sector_id}"


def participant_room(workshop_id: int, participant_id: int) -> str:
    return f"w{workshop_id}:p{participant_id}"


def key_room(key_id: int) -> str:
    return f"key{key_id}"


def workshops_in(rooms: object) -> set[int]:
    """The workshops whose workshop-wide or steering room is among these room names.

    Every connection joins one of the two (policy.Viewer.rooms), so this is the
    set of workshops with a client on this process.
    """
    names = rooms if isinstance(rooms, dict | list | set | tuple) else ()
    found = set()
    for name in names:
        match = _WORKSHOP_ROOM.match(name) if isinstance(name, str) else None
        if match:
            found.add(int(match.group(1)))
    return found
