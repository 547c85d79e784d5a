"""The phase's gates on what a participant does to a card, decided once.

A card's `actions` (realtime/policy.py) say what a viewer may do to it in any
phase; a gate says what the current phase lets a participant do on top of
that: vote on one kind of card, score the bottlenecks of their group's own
board, hang causes or solutions under cards where posting them is open.
Steering passes every gate. The page is told the gates (the workshop's
`open.gates`) and applies them as told; the services refuse by the same
gates (`refusal`), so the page offers what the server accepts.

A participant's group is the sector they joined with: they score, and add
causes to, its board (`group_sector` in the page config).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask_babel import gettext as _

from .kinds import BOTTLENECK, CAUSE, SOLUTION

if TYPE_CHECKING:
    from .models import Workshop

OWN = "own"  # only on the participant's group's own board
ALL = "all"  # on every board

VOTE, ASSESS, CAUSE_UNDER, SOLVE = "vote", "assess", "cause", "solve"
GATED = (VOTE, ASSESS, CAUSE_UNDER, SOLVE)


@dataclass(frozen=True)
class Gate:
    """What an open gate still asks of the card."""

    kind: str | None = None  # only cards of this kind
    boards: str = ALL  # OWN: only cards on the participant's group's board
    # The kind of card the action posts under the card: that board's posting
    # must be open for it (the workshop's `open.posting`, refused in boards/services.py).
    posting: str | None = None

    def told(self) -> dict[str, str | None]:
        return {"kind": self.kind, "boards": self.boards, "posting": self.posting}


def gates(workshop: Workshop) -> dict[str, Gate | None]:
    """Each gated action's gate now: open (a Gate) or closed (None)."""
    phase = workshop.open_phase
    voting = phase.vote_on if phase else None
    scoring = bool(phase and phase.allow_scoring)
    return {
        VOTE: Gate(kind=voting) if voting else None,
        ASSESS: Gate(kind=BOTTLENECK, boards=OWN) if scoring else None,
        CAUSE_UNDER: Gate(boards=ALL if workshop.causes_open else OWN, posting=CAUSE),
        SOLVE: Gate(posting=SOLUTION),
    }


def told(workshop: Workshop) -> dict[str, dict[str, str | None] | None]:
    """The gates as the page is told them (`open.gates`)."""
    return {
        action: None if gate is None else gate.told() for action, gate in gates(workshop).items()
    }


def refusal(
    workshop: Workshop, action: str, kind: str, sector_id: int | None, group_sector: int | None
) -> str | None:
    """Why a participant of `group_sector` may not take `action` on a card of `kind`
    on board `sector_id` now, by the phase's gate; None when the gate lets them."""
    gate = gates(workshop)[action]
    if gate is None or (gate.kind is not None and gate.kind != kind):
        return _closed(action)
    if gate.boards == OWN and (group_sector is None or group_sector != sector_id):
        return _not_own(action)
    return None


def _closed(action: str) -> str:
    return {
        VOTE: _("Voting on these cards is not open in this phase."),
        ASSESS: _("Scoring is not open in this phase."),
    }.get(action, _("This card cannot be changed that way now."))


def _not_own(action: str) -> str:
    if action == ASSESS:
        return _("Only the group of this sector scores its bottlenecks.")
    return _("Only the group of this sector adds causes to its board.")
