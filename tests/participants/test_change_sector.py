"""Changing sector from the phone (`participant:sector`): the same attendance row on
another board, only one's own, only to an active sector of the workshop."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import events_of
from workshop.core.models import Participant
from workshop.extensions import db


def rows(app):
    with app.app_context():
        return {
            p.name: p.sector_id
            for p in db.session.scalars(select(Participant).order_by(Participant.id))
        }


def attendance(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Participant.id)))


def test_a_participant_moves_to_another_sector_and_keeps_one_attendance_row(
    app, make_workshop, phone, facilitator, presenter, socket_for, socket_post
):
    ws = make_workshop()
    andi, sari = phone(ws, "Andi", sector=0), phone(ws, "Sari", sector=0)
    mine, hers = socket_for(andi, ws), socket_for(sari, ws)
    boss, screen = socket_for(facilitator(ws), ws), socket_for(presenter(ws), ws)
    for sock in (mine, hers):
        assert sock.emit("sync", {"since": None, "sector_id": ws.sector_ids[0]}, callback=True)[
            "ok"
        ]
    for sock in (mine, hers, boss, screen):
        sock.get_received()

    reply = mine.emit("participant:sector", {"sector_id": ws.sector_ids[2]}, callback=True)

    assert reply["ok"], reply
    assert reply["participant"]["sector_id"] == ws.sector_ids[2]
    assert reply["group_sector"] == ws.sector_ids[2]
    assert attendance(app) == 2, "no second participant"
    assert rows(app) == {"Andi": ws.sector_ids[2], "Sari": ws.sector_ids[0]}
    [row] = events_of(boss, "participant.updated")
    assert row["data"]["sector_id"] == ws.sector_ids[2]
    [counts] = events_of(screen, "roster.updated")
    assert counts["data"]["total"] == 2
    assert counts["data"]["per_sector"] == {str(ws.sector_ids[0]): 1, str(ws.sector_ids[2]): 1}
    assert events_of(hers, "participant.updated") == [], "other phones are not told the roster"

    # The same connection watches the new board and posts there.
    assert mine.emit("sync", {"since": None, "sector_id": ws.sector_ids[2]}, callback=True)["ok"]
    posted = socket_post(mine, ws.sector_ids[2], "Antrean surat rujukan di puskesmas")
    assert posted["ok"], posted
    assert posted["card"]["sector_id"] == ws.sector_ids[2]
    assert attendance(app) == 2


def test_a_participant_may_not_move_someone_else(app, make_workshop, phone, socket_for):
    ws = make_workshop()
    andi, sari = phone(ws, "Andi", sector=0), phone(ws, "Sari", sector=1)
    mine = socket_for(andi, ws)
    with app.app_context():
        sari_id = db.session.scalar(select(Participant.id).where(Participant.name == "Sari"))
    reply = mine.emit(
        "participant:sector",
        {"participant_id": sari_id, "sector_id": ws.sector_ids[3]},
        callback=True,
    )
    assert reply == {
        "ok": False,
        "error": {
            "code": "forbidden",
            "message": "Anda hanya dapat mengganti sektor Anda sendiri.",
            "fields": {},
        },
    }
    assert rows(app) == {"Andi": ws.sector_ids[0], "Sari": ws.sector_ids[1]}
    assert sari is not None


def test_only_an_active_sector_of_this_workshop(app, make_workshop, phone, facilitator, socket_for):
    ws, other = make_workshop(), make_workshop("Lain")
    mine = socket_for(phone(ws, "Andi", sector=0), ws)
    laptop = facilitator(ws)
    assert laptop.post(f"/w/{ws.code}/sectors/{ws.sector_ids[4]}/remove").status_code == 303
    for sector_id in (ws.sector_ids[4], other.sector_ids[1], 999999, None, "2"):
        reply = mine.emit("participant:sector", {"sector_id": sector_id}, callback=True)
        assert not reply["ok"], sector_id
        assert reply["error"]["code"] == "invalid", reply
        assert "sector_id" in reply["error"]["fields"], reply
    assert mine.emit(
        "participant:sector", {"sector_id": ws.sector_ids[1], "name": "X"}, callback=True
    )["error"]["fields"] == {"name": "Tidak valid."}
    assert rows(app) == {"Andi": ws.sector_ids[0]}


def test_staff_do_not_change_a_sector_this_way(app, make_workshop, phone, facilitator, socket_for):
    ws = make_workshop()
    phone(ws, "Andi", sector=0)
    boss = socket_for(facilitator(ws), ws)
    reply = boss.emit("participant:sector", {"sector_id": ws.sector_ids[1]}, callback=True)
    assert reply["error"]["code"] == "forbidden"
    assert rows(app) == {"Andi": ws.sector_ids[0]}


def test_the_board_page_opens_on_the_new_sector(app, make_workshop, phone, socket_for):
    ws = make_workshop()
    andi = phone(ws, "Andi", sector=0)
    assert socket_for(andi, ws).emit(
        "participant:sector", {"sector_id": ws.sector_ids[3]}, callback=True
    )["ok"]
    page = andi.get(f"/w/{ws.code}/board").get_data(as_text=True)
    assert f'"group_sector": {ws.sector_ids[3]}' in page
    assert f'"sector_id": {ws.sector_ids[3]}' in page


def test_after_the_move_the_phone_hears_its_new_board_not_the_old_one(
    make_workshop, phone, facilitator, socket_for
):
    ws = make_workshop()
    mine = socket_for(phone(ws, "Andi", sector=0), ws)
    boss = socket_for(facilitator(ws), ws)
    old, new = ws.sector_ids[0], ws.sector_ids[1]
    assert mine.emit("sync", {"since": None, "sector_id": old}, callback=True)["ok"]
    assert mine.emit("participant:sector", {"sector_id": new}, callback=True)["ok"]
    assert mine.emit("sync", {"since": None, "sector_id": new}, callback=True)["ok"]
    mine.get_received()
    for n, sector in enumerate((old, new)):
        entered = boss.emit(
            "card:enter",
            {
                "client_id": f"moved-room-{n:04}",
                "kind": "bottleneck",
                "sector_id": sector,
                "text": f"Kartu papan {n}",
            },
            callback=True,
        )
        assert entered["ok"], entered
    heard = [m["data"]["sector_id"] for m in events_of(mine, "card.created")]
    assert heard == [new]
