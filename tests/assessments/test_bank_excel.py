"""The question bank's Excel template and import: the template imports as is, a
bad file is refused with each bad row named and nothing imported; the results
reach the report and the workbook."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import Workbook, load_workbook

from tests.assessments.helpers import activities, answer, go, room
from workshop.assessments.models import QuizQuestion
from workshop.extensions import db


def upload(browser, code: str, data: bytes):
    return browser.post(
        f"/w/{code}/test/import",
        data={"file": (io.BytesIO(data), "soal.xlsx")},
        content_type="multipart/form-data",
    )


def book_of(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["No", "Soal", "A", "B", "C", "D", "E", "Jawaban", "Penjelasan"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_template_downloads_for_the_facilitator_only_and_imports_as_is(
    app, make_workshop, phone, presenter, facilitator, socket_for, client
):
    ws = make_workshop()
    boss_browser = facilitator(ws)
    r = room(lambda: ws, phone, presenter, lambda _ws: boss_browser, socket_for, bank=False)
    got = boss_browser.get(f"/w/{ws.code}/test/template.xlsx")
    assert got.status_code == 200 and got.data.startswith(b"PK")
    assert load_workbook(io.BytesIO(got.data)).worksheets[0].max_row == 3
    assert r.andi_browser.get(f"/w/{ws.code}/test/template.xlsx").status_code == 403
    assert client.get(f"/w/{ws.code}/test/template.xlsx").status_code == 403
    projector = presenter(ws)  # staff, but not steering
    assert projector.get(f"/w/{ws.code}/test/template.xlsx").status_code == 403
    assert upload(projector, ws.code, got.data).status_code == 403
    refused = upload(r.andi_browser, ws.code, got.data)
    assert refused.status_code == 403

    reply = upload(boss_browser, ws.code, got.data)
    assert reply.json == {"ok": True, "count": 2}, reply.json
    bank = activities(r.boss)["pretest"]["bank"]
    assert [len(q["choices"]) for q in bank] == [3, 4] and [q["answer"] for q in bank] == [0, 0]


def test_a_bad_file_imports_nothing_and_names_each_bad_row(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    ws = make_workshop()
    boss_browser = facilitator(ws)
    room(lambda: ws, phone, presenter, lambda _ws: boss_browser, socket_for)  # 2 typed questions
    bad = book_of(
        [
            [1, "Soal yang benar", "Ya", "Tidak", None, None, None, "A", None],
            [2, "Jawaban di luar pilihan", "Ya", "Tidak", None, None, None, "D", None],
            [3, None, "Ya", "Tidak", None, None, None, "A", None],
            [4, "Pilihan bolong", "Ya", None, "Tidak", None, None, "A", None],
            [5, "Huruf salah", "Ya", "Tidak", None, None, None, "Z", None],
        ]
    )
    reply = upload(boss_browser, ws.code, bad)
    assert reply.status_code == 400 and reply.json["ok"] is False
    lines = reply.json["error"]["fields"]["file"].split("\n")
    assert [line.split(":")[0] for line in lines] == ["Baris 3", "Baris 4", "Baris 5", "Baris 6"]
    for junk in (b"", b"not an excel file", b"PK\x03\x04broken zip"):
        reply = upload(boss_browser, ws.code, junk)
        assert reply.status_code == 400 and reply.json["error"]["fields"]["file"]
    with app.app_context():  # the two typed questions are still the bank
        assert db.session.query(QuizQuestion).count() == 2


def test_the_results_reach_the_report_and_the_workbook(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    ws = make_workshop()
    boss_browser = facilitator(ws)
    r = room(lambda: ws, phone, presenter, lambda _ws: boss_browser, socket_for)
    first, second = (q["id"] for q in activities(r.boss)["pretest"]["bank"])
    go(r.boss, r.phases["pretest"])
    answer(r.andi, first, 0)
    answer(r.budi, first, 1)
    r.boss.emit("test:close", {"stage": "pretest"}, callback=True)
    go(r.boss, r.phases["posttest"])
    answer(r.andi, first, 0)
    answer(r.andi, second, 1)
    r.boss.emit("test:close", {"stage": "posttest"}, callback=True)

    doc = Document(io.BytesIO(boss_browser.get(f"/w/{ws.code}/export/docx").data))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["1", "Andi Rahmawati", "Dinas Pendidikan", "1", "2", "1"] in rows
    assert ["2", "Budi Santoso", "Bappeda", "0", "–", "–"] in rows
    assert any(
        row[1] == "Apa arti sumbatan pelayanan?" and row[2:] == ["50 %", "100 %"] for row in rows
    )

    book = load_workbook(io.BytesIO(boss_browser.get(f"/w/{ws.code}/export/xlsx").data))
    [sheet] = [s for s in book.worksheets if "test" in s.title.lower()]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [1, "Andi Rahmawati", "Dinas Pendidikan", 1, 2, 1] in values
    assert book.worksheets[-1].title != sheet.title  # the matrix stays last
