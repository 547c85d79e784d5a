"""The updated matrix after a follow-up meeting, opened as a user's program would:
each plan's status, note and last update, and the progress per agency."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from openpyxl import load_workbook
from sqlalchemy import select

from tests.followup.test_followup import reopen, report
from workshop.core.cards import PlanUpdate
from workshop.core.models import Workshop
from workshop.exports import json_export
from workshop.exports.importer import import_workshop
from workshop.extensions import db
from workshop.realtime.broadcast import commit_and_broadcast


def rows_of(sheet, header_row: int = 1) -> list[dict[str, object]]:
    """The table under `header_row`, down to the first empty row."""
    header = [c.value for c in sheet[header_row] if c.value is not None]
    found = []
    for row in sheet.iter_rows(min_row=header_row + 1, max_col=len(header)):
        if all(c.value is None for c in row):
            break
        found.append(dict(zip(header, (c.value for c in row), strict=True)))
    return found


def followed_up(plans, phone, facilitator, socket_for):
    """An English workshop (labels as written) after one phone and the facilitator reported."""
    made = plans("Follow-up test", language="en")
    boss = facilitator(made.ws)
    reopen(boss, made.ws)
    teacher = socket_for(phone(made.ws, name="Siti", agency="Dinas Pendidikan"), made.ws)
    assert report(teacher, made.school, "berjalan", "Uji coba di 3 sekolah")["ok"]
    laptop = socket_for(boss, made.ws)
    assert report(laptop, made.clinic, "selesai", "=SUM(A1:A9)")["ok"]
    return made, boss


def test_the_updated_matrix_has_each_plans_status_note_and_last_update(
    app, plans, phone, facilitator, socket_for
):
    made, boss = followed_up(plans, phone, facilitator, socket_for)
    response = boss.get(f"/w/{made.ws.code}/export/xlsx")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[-4:] == [
        "Follow-up",
        "Matrix (1) Analysis",
        "Matrix (2) Action plan",
        "Matrix (3) Follow-up",
    ]
    solution = "Alternative solution/innovation idea"
    rows = {r[solution]: r for r in rows_of(book["Matrix (3) Follow-up"])}
    school, clinic = rows["Antrean daring 0"], rows["Antrean daring 1"]
    assert school["Status"] == "In progress"
    assert school["Follow-up note"] == "Uji coba di 3 sekolah"
    assert school["Last update"].endswith("Siti")
    assert school["Owner agency"] == "Dinas Pendidikan"
    planned = {r[solution]: r for r in rows_of(book["Matrix (2) Action plan"])}
    assert planned["Antrean daring 0"]["Responsible"] == "Kepala Bidang"  # the person in charge
    assert planned["Antrean daring 0"]["Success indicator"] == "Antrean < 30 menit"
    assert clinic["Status"] == "Done" and clinic["Last update"].endswith("facilitator")
    assert clinic["Follow-up note"] == "=SUM(A1:A9)"
    cell = next(
        c for c in book["Matrix (3) Follow-up"].iter_rows() for c in c if c.value == "=SUM(A1:A9)"
    )
    assert cell.data_type == "s", "a note is never a formula"


def test_the_follow_up_sheet_counts_each_agency(app, plans, phone, facilitator, socket_for):
    made, boss = followed_up(plans, phone, facilitator, socket_for)
    book = load_workbook(io.BytesIO(boss.get(f"/w/{made.ws.code}/export/xlsx").data))
    sheet = book["Follow-up"]
    assert str(sheet["A1"].value).startswith("Progress as of")
    rows = {r["Owner agency"]: r for r in rows_of(sheet, header_row=3)}
    assert rows["Dinas Pendidikan"] == {
        "Owner agency": "Dinas Pendidikan",
        "Not started": 0,
        "In progress": 1,
        "Done": 0,
        "Overdue": 1,
        "Total": 1,
        "Done (%)": 0,
    }
    assert rows["Dinas Kesehatan"]["Done"] == 1 and rows["Dinas Kesehatan"]["Done (%)"] == 100
    assert rows["Dinas Kesehatan"]["Overdue"] == 0, "done is never overdue"


def test_a_hidden_solution_stays_out_of_the_follow_up_sheet(
    app, plans, phone, facilitator, socket_for
):
    made, boss = followed_up(plans, phone, facilitator, socket_for)
    laptop = socket_for(boss, made.ws)
    assert laptop.emit("card:status", {"card_id": made.clinic, "action": "hide"}, callback=True)[
        "ok"
    ]
    book = load_workbook(io.BytesIO(boss.get(f"/w/{made.ws.code}/export/xlsx").data))
    agencies = [r["Owner agency"] for r in rows_of(book["Follow-up"], header_row=3)]
    assert agencies == ["Dinas Pendidikan"]


def test_the_csv_carries_the_follow_up_of_each_solution(app, plans, phone, facilitator, socket_for):
    made, boss = followed_up(plans, phone, facilitator, socket_for)
    text = boss.get(f"/w/{made.ws.code}/export/csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    school = next(r for r in rows if r["Text"] == "Antrean daring 0")
    assert school["Status"] == "In progress" and school["Follow-up note"] == "Uji coba di 3 sekolah"
    assert school["Owner agency"] == "Dinas Pendidikan" and school["Deadline"]
    clinic = next(r for r in rows if r["Text"] == "Antrean daring 1")
    assert clinic["Follow-up note"].startswith("'"), "formula-like text is neutralised"
    bottleneck = next(r for r in rows if r["Text"] == "Antrean panjang 0")
    assert bottleneck["Status"] == ""


def test_an_archived_workshop_still_exports_its_follow_up(
    app, plans, phone, facilitator, socket_for
):
    made, boss = followed_up(plans, phone, facilitator, socket_for)
    assert boss.post(f"/w/{made.ws.code}/state/archive").status_code == 303
    book = load_workbook(io.BytesIO(boss.get(f"/w/{made.ws.code}/export/xlsx").data))
    statuses = {r["Status"] for r in rows_of(book["Matrix (3) Follow-up"])}
    assert {"In progress", "Done"} <= statuses


def test_the_json_backup_keeps_the_follow_up_through_an_import(
    app, plans, phone, facilitator, socket_for
):
    made, boss = followed_up(plans, phone, facilitator, socket_for)
    document = json.loads(boss.get(f"/w/{made.ws.code}/export/json").data)
    plans_in = [c["plan"] for c in document["cards"] if c.get("plan")]
    school = next(p for p in plans_in if p["agency"] == "Dinas Pendidikan")
    assert school["status"] == "berjalan" and school["status_note"] == "Uji coba di 3 sekolah"
    assert school["deadline"] and school["status_by"] is not None
    with app.app_context():
        created = import_workshop(document)
        commit_and_broadcast()
        again = json_export.document(created.workshop)
    assert [c["plan"] for c in again["cards"] if c.get("plan")] == plans_in


def test_the_follow_up_sheet_lists_every_report_in_order(
    app, plans, phone, facilitator, socket_for
):
    made, boss = followed_up(plans, phone, facilitator, socket_for)
    laptop = socket_for(boss, made.ws)
    assert report(laptop, made.school, "selesai", "Diresmikan")["ok"]
    book = load_workbook(io.BytesIO(boss.get(f"/w/{made.ws.code}/export/xlsx").data))
    sheet = book["Follow-up"]
    start = next(c.row for c in sheet["A"] if c.value == "Status history") + 1
    history = rows_of(sheet, header_row=start)
    assert [(r["Solution"], r["Status"], r["Note"], r["By"]) for r in history] == [
        ("Antrean daring 0", "In progress", "Uji coba di 3 sekolah", "Siti"),
        ("Antrean daring 1", "Done", "=SUM(A1:A9)", "facilitator"),
        ("Antrean daring 0", "Done", "Diresmikan", "facilitator"),
    ]


def test_the_history_is_in_the_workshops_time_zone(app, plans, phone, facilitator, socket_for):
    made, boss = followed_up(plans, phone, facilitator, socket_for)
    with app.app_context():
        workshop = db.session.get(Workshop, made.ws.id)
        workshop.time_zone = "Asia/Jayapura"
        reports = db.session.scalars(select(PlanUpdate).order_by(PlanUpdate.id)).all()
        stored = [r.created_at for r in reports]
        db.session.commit()
    book = load_workbook(io.BytesIO(boss.get(f"/w/{made.ws.code}/export/xlsx").data))
    sheet = book["Follow-up"]
    start = next(c.row for c in sheet["A"] if c.value == "Status history") + 1
    history = rows_of(sheet, header_row=start)
    nine = dt.timedelta(hours=9)
    assert [r["When (WIT)"] for r in history] == [
        (at + nine).replace(microsecond=0) for at in stored
    ]
    assert sheet.cell(row=start + 1, column=1).number_format.endswith("d mmmm yyyy hh:mm;@")
    rows = {
        r["Alternative solution/innovation idea"]: r for r in rows_of(book["Matrix (3) Follow-up"])
    }
    when = stored[0] + dt.timedelta(hours=9)
    assert rows["Antrean daring 0"]["Last update"] == (f"{when.day} {when:%B %Y %H:%M} WIT, Siti")
