"""The follow-up meeting: who may report an action plan's status, who sees it,
live and replayed, and a phone that comes back with the same code."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.conftest import events_of
from workshop.core.cards import Card, PlanUpdate
from workshop.core.models import Participant, Workshop
from workshop.extensions import db
from workshop.followup.services import SAME_REPORT


def reopen(client, ws) -> None:
    for action in ("end", "follow_up"):
        response = client.post(f"/w/{ws.code}/state/{action}")
        assert response.status_code == 303


def report(sock, card_id, status, note=""):
    return sock.emit(
        "plan:status", {"card_id": card_id, "status": status, "note": note}, callback=True
    )


def plan_of(app, card_id):
    with app.app_context():
        plan = db.session.get(Card, card_id).plan
        return {
            "status": plan.status,
            "note": plan.status_note,
            "by": plan.status_by_id,
            "staff": plan.status_by_staff,
            "at": plan.status_at,
        }


def test_a_phone_of_the_owner_agency_reports_its_plan_live(
    app, plans, phone, facilitator, socket_for
):
    made = plans()
    boss = facilitator(made.ws)
    reopen(boss, made.ws)
    # Case and spaces differ from the plan's "Dinas  Pendidikan": the same agency.
    teacher = phone(made.ws, name="Siti", agency="dinas pendidikan ")
    laptop = socket_for(boss, made.ws)
    mobile = socket_for(teacher, made.ws)
    laptop.get_received()
    reply = report(mobile, made.school, "berjalan", "Aplikasi antrean diuji di 3 sekolah")
    assert reply["ok"] is True, reply
    assert reply["item"]["status"] == "berjalan"
    stored = plan_of(app, made.school)
    assert (
        stored["status"] == "berjalan" and stored["note"] == "Aplikasi antrean diuji di 3 sekolah"
    )
    assert stored["by"] is not None and stored["staff"] is False and stored["at"] is not None
    received = events_of(laptop)
    [item] = [m for m in received if m["type"] == "followup.updated"]
    assert item["data"]["updated_by"]["name"] == "Siti"
    [progress] = [m for m in received if m["type"] == "followup.progress"]
    [row] = [r for r in progress["data"]["agencies"] if r["agency_key"] == "dinas pendidikan"]
    assert row["berjalan"] == 1


def test_the_progress_per_agency_counts_statuses_and_overdue_items(
    app, plans, facilitator, socket_for
):
    made = plans()
    laptop = socket_for(facilitator(made.ws), made.ws)
    laptop.get_received()
    # The facilitator may report any item, even while the workshop still runs.
    assert report(laptop, made.clinic, "selesai", "Sudah jalan")["ok"]
    [message] = events_of(laptop, "followup.progress")
    rows = {row["agency_key"]: row for row in message["data"]["agencies"]}
    assert rows["dinas pendidikan"] == {
        "agency": "Dinas Pendidikan",
        "agency_key": "dinas pendidikan",
        "total": 1,
        "overdue": 1,
        "belum": 1,
        "berjalan": 0,
        "selesai": 0,
    }
    assert rows["dinas kesehatan"]["selesai"] == 1 and rows["dinas kesehatan"]["overdue"] == 0
    assert plan_of(app, made.clinic)["staff"] is True


def test_every_report_is_kept_in_the_history(app, plans, facilitator, socket_for):
    made = plans()
    laptop = socket_for(facilitator(made.ws), made.ws)
    for status in ("berjalan", "selesai", "berjalan"):
        assert report(laptop, made.school, status, f"catatan {status}")["ok"]
    with app.app_context():
        rows = db.session.scalars(
            select(PlanUpdate).where(PlanUpdate.card_id == made.school).order_by(PlanUpdate.id)
        )
        assert [(r.status, r.note, r.by_staff) for r in rows] == [
            ("berjalan", "catatan berjalan", True),
            ("selesai", "catatan selesai", True),
            ("berjalan", "catatan berjalan", True),
        ]


def history_of(app, card_id):
    with app.app_context():
        return [
            (r.status, r.note, r.participant_id is not None)
            for r in db.session.scalars(
                select(PlanUpdate).where(PlanUpdate.card_id == card_id).order_by(PlanUpdate.id)
            )
        ]


def test_a_tap_on_a_status_then_a_saved_note_is_one_report(
    app, plans, phone, facilitator, socket_for
):
    made = plans()
    boss = facilitator(made.ws)
    reopen(boss, made.ws)
    mobile = socket_for(phone(made.ws, name="Siti", agency="Dinas Pendidikan"), made.ws)
    assert report(mobile, made.school, "berjalan")["ok"]  # the tap, no note yet
    assert report(mobile, made.school, "berjalan", "Diuji di 3 sekolah")["ok"]  # "Save note"
    assert history_of(app, made.school) == [("berjalan", "Diuji di 3 sekolah", True)]
    # The facilitator saying the same is another report, by someone else.
    assert report(socket_for(boss, made.ws), made.school, "berjalan", "Dicek")["ok"]
    assert len(history_of(app, made.school)) == 2


def test_the_same_status_reported_again_later_is_a_new_report(app, plans, facilitator, socket_for):
    made = plans()
    laptop = socket_for(facilitator(made.ws), made.ws)
    assert report(laptop, made.school, "berjalan", "Tahap 1")["ok"]
    with app.app_context():
        first = db.session.scalars(select(PlanUpdate)).one()
        first.created_at -= SAME_REPORT + dt.timedelta(minutes=1)  # a meeting later
        db.session.commit()
    assert report(laptop, made.school, "berjalan", "Tahap 2")["ok"]
    assert [note for _s, note, _p in history_of(app, made.school)] == ["Tahap 1", "Tahap 2"]


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"status": "maybe"}, "invalid"),
        ({"status": "selesai", "note": "x" * 1001}, "invalid"),
        ({"status": "selesai", "card_id": 10**9}, "not_found"),
    ],
)
def test_bad_reports_are_refused_and_nothing_changes(
    app, plans, facilitator, socket_for, payload, code
):
    made = plans()
    laptop = socket_for(facilitator(made.ws), made.ws)
    reply = laptop.emit("plan:status", {"card_id": made.school, **payload}, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == code, reply
    assert plan_of(app, made.school)["status"] is None


def test_a_participant_reports_only_their_own_agency_and_only_at_the_follow_up(
    app, plans, phone, facilitator, presenter, socket_for
):
    made = plans()
    boss = facilitator(made.ws)
    teacher = socket_for(phone(made.ws, name="Siti", agency="Dinas Pendidikan"), made.ws)
    refused = report(teacher, made.school, "berjalan")
    assert refused["error"]["code"] == "forbidden", "not before the facilitator reopens it"
    reopen(boss, made.ws)
    assert report(teacher, made.clinic, "selesai")["error"]["code"] == "forbidden", (
        "another agency's"
    )
    screen = socket_for(presenter(made.ws), made.ws)
    assert report(screen, made.school, "selesai")["error"]["code"] == "forbidden", "the projector"
    assert plan_of(app, made.clinic)["status"] is None
    assert plan_of(app, made.school)["status"] is None
    # Nor may a participant steer the workshop's life.
    assert phone(made.ws, name="Budi").post(f"/w/{made.ws.code}/state/archive").status_code == 403
    with app.app_context():
        assert db.session.get(Workshop, made.ws.id).state == "follow_up"


def test_a_participant_never_reaches_another_workshops_plans(
    app, plans, phone, facilitator, socket_for
):
    mine, theirs = plans("Satu"), plans("Dua")
    reopen(facilitator(mine.ws), mine.ws)
    reopen(facilitator(theirs.ws), theirs.ws)
    teacher = socket_for(phone(mine.ws, agency="Dinas Pendidikan"), mine.ws)
    reply = report(teacher, theirs.school, "selesai")
    assert reply["error"]["code"] == "not_found"
    assert plan_of(app, theirs.school)["status"] is None


def test_a_phone_sees_only_its_agency_items_of_visible_solutions(
    app, plans, phone, facilitator, socket_for
):
    made = plans()
    boss = facilitator(made.ws)
    reopen(boss, made.ws)
    laptop = socket_for(boss, made.ws)
    teacher = socket_for(phone(made.ws, agency="DINAS PENDIDIKAN"), made.ws)
    snapshot = teacher.emit(
        "sync", {"since": None, "sector_id": made.ws.sector_ids[0]}, callback=True
    )
    items = snapshot["snapshot"]["follow_up"]["items"]
    assert [i["card_id"] for i in items] == [made.school]
    assert "progress" not in snapshot["snapshot"]["follow_up"], "progress is the facilitator's"
    staff = laptop.emit("sync", {"since": None}, callback=True)["snapshot"]["follow_up"]
    assert {i["card_id"] for i in staff["items"]} == {made.school, made.clinic}
    # A hidden solution's item disappears for participants, not for the facilitator.
    assert laptop.emit("card:status", {"card_id": made.school, "action": "hide"}, callback=True)[
        "ok"
    ]
    again = teacher.emit("sync", {"since": None, "sector_id": made.ws.sector_ids[0]}, callback=True)
    assert again["snapshot"]["follow_up"]["items"] == []
    teacher.get_received()
    assert report(laptop, made.school, "berjalan")["ok"]
    assert events_of(teacher, "followup.updated") == []


def test_anonymous_mode_hides_who_reported_from_other_phones(
    app, plans, phone, facilitator, socket_for
):
    made = plans()
    boss = facilitator(made.ws)
    reopen(boss, made.ws)
    laptop = socket_for(boss, made.ws)
    assert laptop.emit("settings:update", {"anonymous": True}, callback=True)["ok"]
    siti = socket_for(phone(made.ws, name="Siti", agency="Dinas Pendidikan"), made.ws)
    other = socket_for(phone(made.ws, name="Rina", agency="Dinas Pendidikan"), made.ws)
    other.get_received()
    laptop.get_received()
    assert report(siti, made.school, "selesai")["ok"]
    [seen] = events_of(other, "followup.updated")
    assert seen["data"]["updated_by"] == {"staff": False, "name": None}
    [whole] = events_of(laptop, "followup.updated")
    assert whole["data"]["updated_by"]["name"] == "Siti"


def test_missed_reports_are_replayed_in_order_and_progress_only_to_steering(
    app, plans, phone, facilitator, socket_for
):
    made = plans()
    boss = facilitator(made.ws)
    reopen(boss, made.ws)
    laptop = socket_for(boss, made.ws)
    teacher = socket_for(phone(made.ws, agency="Dinas Pendidikan"), made.ws)
    sector = made.ws.sector_ids[0]
    since = teacher.emit("sync", {"since": None, "sector_id": sector}, callback=True)["seq"]
    assert report(laptop, made.school, "berjalan", "satu")["ok"]
    assert report(laptop, made.school, "selesai", "dua")["ok"]
    replay = teacher.emit("sync", {"since": since, "sector_id": sector}, callback=True)
    assert replay["mode"] == "events"
    kinds = [e["type"] for e in replay["events"]]
    assert kinds == ["followup.updated", "followup.updated"]
    assert [e["data"]["note"] for e in replay["events"]] == ["satu", "dua"]
    seqs = [e["seq"] for e in replay["events"]]
    assert seqs == sorted(seqs)
    staff = laptop.emit("sync", {"since": since}, callback=True)
    assert [e["type"] for e in staff["events"]].count("followup.progress") == 2


def test_the_same_phone_with_the_same_code_is_the_same_participant(app, plans, phone, facilitator):
    made = plans()
    mobile = phone(made.ws, name="Siti", agency="Dinas Pendidikan")
    with app.app_context():
        [first] = db.session.scalars(select(Participant.id).where(Participant.name == "Siti"))
    reopen(facilitator(made.ws), made.ws)
    page = mobile.get(f"/j/{made.ws.code}")
    assert "Siti" in page.get_data(as_text=True), "welcomed back with the details it gave"
    again = mobile.post(
        f"/j/{made.ws.code}",
        data={
            "name": "Siti",
            "agency": "Dinas Pendidikan",
            "position": "",
            "sector_id": made.ws.sector_ids[0],
        },
    )
    assert again.status_code == 303
    board = mobile.get(again.headers["Location"])
    assert board.status_code == 303 and board.headers["Location"].endswith("/follow-up")
    followup = mobile.get(f"/w/{made.ws.code}/follow-up")
    assert followup.status_code == 200
    assert "Dinas Pendidikan" in followup.get_data(as_text=True)
    with app.app_context():
        people = list(db.session.scalars(select(Participant.id).where(Participant.name == "Siti")))
    assert people == [first]


def test_a_stranger_is_sent_to_join_before_the_follow_up_page(app, plans):
    made = plans()
    response = app.test_client().get(f"/w/{made.ws.code}/follow-up")
    assert response.status_code == 302 and f"/j/{made.ws.code}" in response.headers["Location"]


@pytest.mark.parametrize(
    ("deadline", "stored"),
    [("2027-03-31", "2027-03-31"), ("", None), (None, None)],
)
def test_the_plan_takes_an_owner_agency_and_a_deadline(
    app, plans, facilitator, socket_for, deadline, stored
):
    made = plans()
    laptop = socket_for(facilitator(made.ws), made.ws)
    laptop.get_received()
    reply = laptop.emit(
        "card:plan",
        {"card_id": made.school, "agency": "Dinas Kominfo", "deadline": deadline},
        callback=True,
    )
    assert reply["ok"], reply
    assert reply["card"]["plan"]["agency"] == "Dinas Kominfo"
    assert reply["card"]["plan"]["deadline"] == stored
    [moved] = events_of(laptop, "followup.updated")
    assert moved["data"]["agency_key"] == "dinas kominfo", "the follow-up lists hear the new owner"


@pytest.mark.parametrize("deadline", ["31-03-2027", "2027-02-30", 20270331, "2027-3-1"])
def test_a_deadline_that_is_not_a_date_is_refused(app, plans, facilitator, socket_for, deadline):
    made = plans()
    laptop = socket_for(facilitator(made.ws), made.ws)
    reply = laptop.emit("card:plan", {"card_id": made.school, "deadline": deadline}, callback=True)
    assert reply["error"]["code"] == "invalid" and "deadline" in reply["error"]["fields"]


def test_a_hidden_solution_cannot_be_reported_by_a_phone(
    app, plans, phone, facilitator, socket_for
):
    made = plans()
    boss = facilitator(made.ws)
    reopen(boss, made.ws)
    laptop = socket_for(boss, made.ws)
    assert laptop.emit("card:status", {"card_id": made.school, "action": "hide"}, callback=True)[
        "ok"
    ]
    teacher = socket_for(phone(made.ws, agency="Dinas Pendidikan"), made.ws)
    assert report(teacher, made.school, "selesai")["error"]["code"] == "not_found"
    assert report(laptop, made.school, "selesai")["ok"], "the facilitator still may"


def test_a_phone_cannot_report_in_someone_elses_name(app, plans, phone, facilitator, socket_for):
    made = plans()
    reopen(facilitator(made.ws), made.ws)
    teacher = socket_for(phone(made.ws, name="Siti", agency="Dinas Pendidikan"), made.ws)
    reply = teacher.emit(
        "plan:status",
        {"card_id": made.school, "status": "selesai", "participant_id": 1, "staff": True},
        callback=True,
    )
    assert reply["error"]["code"] == "invalid"
    assert set(reply["error"]["fields"]) == {"participant_id", "staff"}
    assert plan_of(app, made.school)["status"] is None
