"""The agenda's days: a workshop spans one or more days, each step is of a day,
the steps stay in the order of their days, and a step may be an activity."""

from __future__ import annotations

from tests.conftest import events_of


def agenda(sock):
    """[(day, kind, name)] of the workshop's steps, in order."""
    state = sock.emit("sync", {}, callback=True)["snapshot"]["workshop"]
    return state["days"], [(p["day"], p["kind"], p["name"]) for p in state["phases"]]


def test_steps_are_grouped_by_day_and_move_across_days(make_workshop, facilitator, socket_for):
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    days, steps = agenda(boss)
    assert days == 1 and {day for day, _, _ in steps} == {1}
    refused = boss.emit("phase:save", {"name": "Hari dua", "day": 2}, callback=True)
    assert refused["error"]["fields"] == {"day": "Tidak valid."}
    assert boss.emit("days:set", {"days": 2}, callback=True)["ok"]
    # An activity step named after its activity, on the last step's day.
    added = boss.emit("phase:save", {"name": "", "kind": "attendance"}, callback=True)
    assert (added["phase"]["name"], added["phase"]["day"]) == ("Daftar hadir", 1)
    assert added["phase"]["prompt"].startswith("Tanda tangani daftar hadir")
    phases = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
    reply = boss.emit("phase:save", {"id": phases[-1]["id"], "day": 2}, callback=True)
    assert reply["ok"], reply
    days, steps = agenda(boss)
    assert days == 2 and steps[-1] == (2, "attendance", "Daftar hadir")
    # A step moved to another day goes last there; moved up, first; moved up
    # again, it goes on to the day before, last there.
    closing = next(p for p in phases if p["kind"] == "close")
    boss.emit("phase:save", {"id": closing["id"], "day": 2}, callback=True)
    assert [s[1] for s in agenda(boss)[1] if s[0] == 2] == ["attendance", "close"]
    boss.emit("phase:move", {"phase_id": closing["id"], "direction": -1}, callback=True)
    assert [s[1] for s in agenda(boss)[1] if s[0] == 2] == ["close", "attendance"]
    boss.emit("phase:move", {"phase_id": closing["id"], "direction": -1}, callback=True)
    days, steps = agenda(boss)
    assert steps[-2:] == [(1, "close", "Penutup"), (2, "attendance", "Daftar hadir")]
    # A day that still has steps cannot go; an empty one can.
    refused = boss.emit("days:set", {"days": 1}, callback=True)
    assert refused["ok"] is False and "Hari ke-2" in refused["error"]["message"]
    for bad in (0, 11, "2", True, None):
        assert boss.emit("days:set", {"days": bad}, callback=True)["ok"] is False
    assert boss.emit("days:set", {"days": 3}, callback=True)["ok"]
    boss.get_received()
    assert boss.emit("days:set", {"days": 2}, callback=True)["ok"]
    [told] = events_of(boss, "workshop.updated")
    assert told["data"]["days"] == 2


def test_an_unknown_kind_of_step_is_refused(make_workshop, facilitator, socket_for):
    ws = make_workshop()
    boss = socket_for(facilitator(ws), ws)
    reply = boss.emit("phase:save", {"name": "X", "kind": "quiz-of-doom"}, callback=True)
    assert reply["ok"] is False and reply["error"]["fields"] == {"kind": "Tidak valid."}


def test_the_cockpit_offers_a_plain_step_and_each_activity(make_workshop, facilitator):
    ws = make_workshop()
    page = facilitator(ws).get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    assert '<option value="custom">Tahap biasa</option>' in page
    assert '<option value="attendance">Daftar hadir</option>' in page
