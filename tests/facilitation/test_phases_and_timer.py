"""Phases decide what participants may do; the timer is kept by the server."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.boards.services import posting_refusal
from workshop.core.errors import DomainError
from workshop.facilitation import services
from workshop.workshops.services import create_workshop


@pytest.fixture
def workshop(app):
    with app.app_context():
        yield create_workshop("Bimtek").workshop


class Clock:
    """Stands in for utcnow in the timer code, so minutes pass instantly."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 1, 9, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr("workshop.facilitation.services.utcnow", fake)
    monkeypatch.setattr("workshop.core.models.utcnow", fake)
    monkeypatch.setattr("workshop.boards.services.utcnow", fake)
    return fake


def test_a_new_workshop_starts_in_the_opening_with_the_eight_default_phases(workshop):
    assert [p.kind for p in workshop.phases] == [
        "lobby",
        "identify",
        "group",
        "vote",
        "causes",
        "solve",
        "prioritise",
        "close",
    ]
    assert [p.name for p in workshop.phases][:2] == ["Pembukaan", "Identifikasi sumbatan"]
    assert workshop.phase.kind == "lobby"


def test_phases_step_forward_and_back_but_not_past_the_ends(workshop):
    services.step_phase(workshop, -1)
    assert workshop.phase.kind == "lobby"
    services.step_phase(workshop, 1)
    services.step_phase(workshop, 1)
    assert workshop.phase.kind == "group"
    for _ in range(10):
        services.step_phase(workshop, 1)
    assert workshop.phase.kind == "close"
    with pytest.raises(DomainError):
        services.step_phase(workshop, True)


def test_posting_follows_phase_locks_and_the_timer(workshop, clock):
    sector = workshop.active_sectors[0]
    assert posting_refusal(workshop, sector, "bottleneck")  # lobby
    services.set_phase(workshop, workshop.phases[1].id)
    assert posting_refusal(workshop, sector, "bottleneck") is None
    solve = next(p for p in workshop.phases if p.kind == "solve")
    services.set_phase(workshop, solve.id)  # solutions only
    assert "Solusi" in posting_refusal(workshop, sector, "bottleneck")
    assert posting_refusal(workshop, sector, "solution") is None
    services.lock_sector(workshop, sector.id, True)
    assert posting_refusal(workshop, sector, "solution")
    assert posting_refusal(workshop, workshop.active_sectors[1], "solution") is None
    services.lock_sector(workshop, sector.id, False)
    services.start_timer(workshop, 60, lock=True)
    clock.advance(59)
    assert posting_refusal(workshop, sector, "solution") is None
    clock.advance(1)
    assert posting_refusal(workshop, sector, "solution")
    services.update_settings(workshop, {"locked": True})
    services.stop_timer(workshop)
    assert posting_refusal(workshop, sector, "solution")


@pytest.mark.parametrize("how", ["paused after", "taken to zero running", "taken to zero paused"])
def test_a_locked_timer_that_ran_out_keeps_posting_closed_in_every_state(workshop, clock, how):
    sector = workshop.active_sectors[0]
    services.set_phase(workshop, workshop.phases[1].id)
    services.start_timer(workshop, 60, lock=True)
    if how == "paused after":
        clock.advance(61)
        services.pause_timer(workshop)
    elif how == "taken to zero running":
        services.add_time(workshop, -600)
    else:
        services.pause_timer(workshop)
        services.add_time(workshop, -600)
    assert workshop.timer_remaining(clock()) == 0
    assert posting_refusal(workshop, sector, "bottleneck") == "Waktu habis: pengiriman ditutup."
    clock.advance(3600)
    assert posting_refusal(workshop, sector, "bottleneck")
    services.add_time(workshop, 30)  # more time opens it again
    assert posting_refusal(workshop, sector, "bottleneck") is None


def test_the_timer_pauses_resumes_and_takes_extra_time(workshop, clock):
    services.start_timer(workshop, 600)
    clock.advance(100)
    assert workshop.timer_remaining(clock()) == 500
    services.pause_timer(workshop)
    clock.advance(1000)
    assert workshop.timer_remaining(clock()) == 500
    with pytest.raises(DomainError):
        services.pause_timer(workshop)
    services.resume_timer(workshop)
    services.add_time(workshop, 60)
    clock.advance(60)
    assert workshop.timer_remaining(clock()) == 500
    assert workshop.summary()["timer"] == {
        "seconds": 660,
        "running": True,
        "remaining": 500,
        "lock": False,
    }
    services.set_phase(workshop, workshop.phases[2].id)
    assert workshop.summary()["timer"]["remaining"] is None, "a new phase starts without a timer"


@pytest.mark.parametrize("seconds", [0, -5, 4 * 3600 + 1, "600", None, True, 1.5])
def test_a_timer_needs_a_sensible_duration(workshop, seconds):
    with pytest.raises(DomainError):
        services.start_timer(workshop, seconds)


def test_phases_can_be_added_changed_reordered_and_removed(workshop):
    added = services.save_phase(workshop, {"name": "Diskusi kelompok", "allow_solutions": True})
    assert workshop.phases[-1] is added and added.allow_solutions
    services.save_phase(workshop, {"id": added.id, "name": "Diskusi", "vote_on": "solution"})
    assert (added.name, added.vote_on) == ("Diskusi", "solution")
    services.move_phase(workshop, added.id, -1)
    assert workshop.phases[-2].id == added.id
    with pytest.raises(DomainError):
        services.remove_phase(workshop, workshop.phase_id)
    services.remove_phase(workshop, added.id)
    assert added not in workshop.phases
    with pytest.raises(DomainError):
        services.save_phase(workshop, {"name": "X", "vote_on": "everything"})


def test_settings_are_checked(workshop):
    services.update_settings(workshop, {"vote_budget": 5, "vote_cap": None, "anonymous": True})
    assert (workshop.vote_budget, workshop.vote_cap, workshop.anonymous) == (5, None, True)
    for bad in ({"vote_budget": 0}, {"vote_cap": 99}, {"anonymous": "yes"}, {"colour": "red"}, {}):
        with pytest.raises(DomainError):
            services.update_settings(workshop, bad)


def test_the_timer_survives_a_reconnect(
    make_workshop, phone, facilitator, socket_for, clock, socket_post
):
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    assert boss.emit("timer:start", {"seconds": 300, "lock": True}, callback=True)["ok"]
    browser = phone(ws)
    first = socket_for(browser, ws)
    timer = first.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    assert timer["snapshot"]["workshop"]["timer"]["remaining"] == 300
    first.disconnect()
    clock.advance(120)
    again = socket_for(browser, ws)
    state = again.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)["snapshot"]
    assert state["workshop"]["timer"] == {
        "seconds": 300,
        "running": True,
        "remaining": 180,
        "lock": True,
    }
    clock.advance(200)
    refused = socket_post(again, ws.sector_ids[0], "Terlambat", client_id="late-card-1")
    assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
