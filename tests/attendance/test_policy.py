"""The policy's rows for the attendance: which form of a signature's broadcast
reaches which room, and what a filed report or a backup gets of it."""

from __future__ import annotations

from workshop.realtime.models import EVERYONE
from workshop.realtime.policy import (
    BACKUP_VIEW,
    DISPLAY_VIEW,
    PUBLIC_VIEW,
    REPORT_VIEW,
    STEERING_VIEW,
    Settings,
    deliveries_of,
    participant_view,
)
from workshop.realtime.rooms import display_room, participant_room, people_room, steering_room

ENTRY = {
    "id": 7,
    "day": 2,
    "role": "participant",
    "participant_id": 41,
    "name": "Andi Rahmawati",
    "agency": "Disdukcapil",
    "position": "Kepala Seksi",
    "signed_at": "2026-12-08T01:00:00Z",
    "count": 12,
}
MESSAGE = {"seq": 5, "type": "attendance.signed", "sector_id": None, "data": ENTRY}


def test_a_signature_reaches_steering_whole_and_everyone_else_as_a_count():
    sent = deliveries_of(3, MESSAGE, EVERYONE, Settings())
    forms = {tuple(rooms): form["data"] for rooms, form in sent}
    assert forms == {
        (steering_room(3),): ENTRY,
        (display_room(3),): {"day": 2, "count": 12},
        (people_room(3),): {"day": 2, "count": 12},
        (participant_room(3, 41),): {
            "day": 2,
            "count": 12,
            "id": 7,
            "name": "Andi Rahmawati",
            "agency": "Disdukcapil",
            "position": "Kepala Seksi",
            "signed_at": "2026-12-08T01:00:00Z",
            "mine": True,
        },
    }
    # The signer's own form is sent after the public one, so that it is what stays.
    assert [rooms for rooms, _ in sent][-1] == [participant_room(3, 41)]


def test_replays_shape_it_the_same_way_and_no_form_but_steerings_names_anyone():
    settings = Settings()
    assert STEERING_VIEW.event(MESSAGE, EVERYONE, settings)["data"] == ENTRY
    assert BACKUP_VIEW.event(MESSAGE, EVERYONE, settings)["data"] == ENTRY
    for viewer in (DISPLAY_VIEW, PUBLIC_VIEW, participant_view(40)):
        assert viewer.event(MESSAGE, EVERYONE, settings)["data"] == {"day": 2, "count": 12}
    assert participant_view(41).event(MESSAGE, EVERYONE, settings)["data"]["mine"] is True
    assert REPORT_VIEW.event(MESSAGE, EVERYONE, settings) is None


def test_a_committee_signature_has_no_owner_form():
    committee = {**MESSAGE, "data": {**ENTRY, "role": "committee", "participant_id": None}}
    rooms = [rooms for rooms, _ in deliveries_of(3, committee, EVERYONE, Settings())]
    assert rooms == [[steering_room(3)], [display_room(3)], [people_room(3)]]
