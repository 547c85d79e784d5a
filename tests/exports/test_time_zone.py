"""The workshop's time zone: chosen on creation (the laptop's first), changed with
the workshop's details, kept through the JSON backup."""

from __future__ import annotations

import json
import os
import time

import pytest

from workshop.core.errors import DomainError
from workshop.core.models import Workshop
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.extensions import db
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.workshops.services import create_workshop, update_details


@pytest.fixture
def laptop_clock():
    """Sets the process's local time zone as a laptop's would be, then puts it back."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_new_workshop_takes_the_laptops_zone_unless_told(app, laptop_clock):
    with app.app_context():
        laptop_clock("Asia/Makassar")
        assert create_workshop("Bimtek").workshop.time_zone == "Asia/Makassar"
        laptop_clock("Europe/Paris")
        assert create_workshop("Bimtek").workshop.time_zone == "Asia/Jakarta"
        assert create_workshop("Bimtek", time_zone="Asia/Jayapura").workshop.time_zone == (
            "Asia/Jayapura"
        )
        with pytest.raises(DomainError):
            create_workshop("Bimtek", time_zone="Europe/Paris")


def test_the_time_zone_survives_the_json_backup(app):
    with app.app_context():
        workshop = create_workshop("Bimtek", time_zone="Asia/Makassar").workshop
        commit_and_broadcast()
        original = document(workshop)
        assert original["workshop"]["time_zone"] == "Asia/Makassar"
        copy = import_workshop(json.loads(json.dumps(original)))
        commit_and_broadcast()
        assert db.session.get(Workshop, copy.workshop.id).time_zone == "Asia/Makassar"


def test_the_facilitator_changes_the_time_zone_with_the_details(app, make_workshop, facilitator):
    made = make_workshop()
    laptop = facilitator(made)
    page = laptop.get(f"/w/{made.code}/facilitator").data.decode()
    assert 'name="time_zone"' in page and "WITA (UTC+8)" in page
    response = laptop.post(
        f"/w/{made.code}/details",
        data={"title": "Bimtek", "language": "id", "time_zone": "Asia/Makassar"},
    )
    assert response.status_code == 303
    with app.app_context():
        assert Workshop.by_code(made.code).time_zone == "Asia/Makassar"
        with pytest.raises(DomainError):
            update_details(
                Workshop.by_code(made.code),
                title="Bimtek",
                date=None,
                place=None,
                organiser=None,
                time_zone="UTC",
            )
