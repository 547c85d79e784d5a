"""Who reads and who writes a proposal, decided in the one visibility policy."""

from __future__ import annotations

import pytest

from workshop.realtime.models import EVERYONE
from workshop.realtime.policy import (
    BACKUP_VIEW,
    DISPLAY_VIEW,
    REPORT_VIEW,
    STEERING_VIEW,
    Settings,
    participant_view,
)

OWN, OTHER = 3, 4
ANDI = participant_view(5)


@pytest.mark.parametrize(
    ("viewer", "active", "own_sector", "reads", "edits"),
    [
        (STEERING_VIEW, True, None, True, True),
        (STEERING_VIEW, False, None, True, False),
        (ANDI, True, OWN, True, True),
        (ANDI, True, OTHER, True, False),
        (ANDI, True, None, True, False),
        (ANDI, False, OWN, False, False),
        (DISPLAY_VIEW, True, None, True, False),
        (DISPLAY_VIEW, False, None, False, False),
        (REPORT_VIEW, True, None, True, False),
        (BACKUP_VIEW, False, None, True, False),
    ],
)
def test_who_reads_and_who_writes(viewer, active, own_sector, reads, edits):
    assert viewer.reads_proposal(active) is reads
    assert viewer.edits_proposal(active, OWN, own_sector) is edits


def test_a_withdrawn_proposal_reaches_those_who_may_not_read_it_as_removed():
    message = {
        "seq": 9,
        "type": "proposal.updated",
        "sector_id": OWN,
        "data": {"id": 2, "title": "Antrean WhatsApp", "active": False},
    }
    assert STEERING_VIEW.event(message, EVERYONE, Settings()) == message
    for viewer in (ANDI, DISPLAY_VIEW):
        shown = viewer.event(message, EVERYONE, Settings())
        assert shown == {"seq": 9, "type": "proposal.removed", "sector_id": OWN, "data": {"id": 2}}
    active = {**message, "data": {**message["data"], "active": True}}
    assert ANDI.event(active, EVERYONE, Settings()) == active
