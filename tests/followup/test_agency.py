"""Which agency a name means (followup/services.agency_key): the follow-up finds a
participant's action plans however their agency was written at join, and the
join form offers the names already given."""

from __future__ import annotations

import pytest

from workshop.core.cards import ActionPlan
from workshop.core.lookup import find_workshop
from workshop.extensions import db
from workshop.followup.services import agency_key, known_agencies


@pytest.mark.parametrize(
    ("written", "planned"),
    [
        ("Dinkes Kab. Maros", "Dinas Kesehatan"),
        ("DINAS  KESEHATAN", "Dinas Kesehatan"),
        ("dinas kesehatan kabupaten maros", "Dinkes"),
        ("Disdik", "Dinas Pendidikan"),
        ("Diknas Kota Makassar", "Dinas Pendidikan"),
        ("Dukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("Disdukcapil Kab. Maros", "Dinas Kependudukan & Pencatatan Sipil"),
        ("DLH", "Dinas Lingkungan Hidup"),
        ("DPMD Kab. Maros", "Dinas Pemberdayaan Masyarakat dan Desa"),
        ("Diskop", "Dinas Koperasi dan UKM"),
        ("Diskop UKM", "Dinas Koperasi, Usaha Kecil dan Menengah"),
        ("Dinas Koperasi", "Dinas Koperasi dan UMKM"),
        ("UPT Puskesmas Turikale", "Puskesmas Turikale"),
        ("PKM Turikale", "Puskesmas Turikale"),
        ("Puskesmas Kec. Turikale", "puskesmas turikale."),
        ("Kab. Maros", "Kabupaten Maros"),
        ("Dinas Sosial", "Dinsos"),
        ("Bappéda", "Bappeda"),
    ],
)
def test_the_same_agency_however_it_is_written(written, planned):
    assert agency_key(written) == agency_key(planned) != ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Dinas Kesehatan", "Dinas Pendidikan"),
        ("Puskesmas Turikale", "Puskesmas Bantimurung"),
        ("Dinas Kesehatan", "Dinas Kesehatan Hewan"),
        ("Kabupaten Maros", "Kota Makassar"),
        ("Dinas Koperasi", "Dinas Perdagangan"),
    ],
)
def test_different_agencies_stay_apart(one, other):
    assert agency_key(one) != agency_key(other)


def test_no_name_is_no_agency():
    assert agency_key(None) == agency_key("") == agency_key(" .,- ") == ""


def test_the_join_form_offers_the_agencies_already_named(
    app, make_workshop, phone, facilitator, socket_for
):
    ws = make_workshop()
    phone(ws, "Andi", agency="Dinkes Kab. Maros")
    phone(ws, "Sari", agency="Dinas Pendidikan")
    phone(ws, "Rina", agency="dinas  pendidikan")
    phone(ws, "Budi", agency="Dinas Pendidikan")
    boss = socket_for(facilitator(ws), ws)
    sector = ws.sector_ids[0]
    bottleneck = boss.emit(
        "card:enter",
        {"client_id": "agency-b-0001", "kind": "bottleneck", "sector_id": sector, "text": "Antre"},
        callback=True,
    )["card"]
    solution = boss.emit(
        "card:enter",
        {
            "client_id": "agency-s-0001",
            "kind": "solution",
            "parent_id": bottleneck["id"],
            "text": "Daring",
        },
        callback=True,
    )["card"]
    assert boss.emit(
        "card:plan", {"card_id": solution["id"], "agency": "Dinas Kesehatan"}, callback=True
    )["ok"]
    with app.app_context():
        workshop = find_workshop(ws.code)
        assert known_agencies(workshop) == ["Dinas Kesehatan", "Dinas Pendidikan"]
        assert db.session.get(ActionPlan, solution["id"]).agency == "Dinas Kesehatan"
    page = app.test_client().get(f"/j/{ws.code}").get_data(as_text=True)
    assert 'list="agencies"' in page
    assert '<option value="Dinas Kesehatan"></option>' in page
    assert '<option value="Dinas Pendidikan"></option>' in page
    assert "Dinkes Kab. Maros" not in page, "one spelling an agency"


def test_a_new_workshop_offers_no_list(app, make_workshop):
    ws = make_workshop()
    page = app.test_client().get(f"/j/{ws.code}").get_data(as_text=True)
    assert "<datalist" not in page
    assert 'list="agencies"' not in page


def test_a_phone_of_dinkes_kab_maros_follows_up_the_plan_of_dinas_kesehatan(
    make_workshop, phone, facilitator, socket_for
):
    ws = make_workshop()
    mobile = phone(ws, "Andi", agency="Dinkes Kab. Maros")
    other = phone(ws, "Sari", agency="Dinas Pendidikan")
    laptop = facilitator(ws)
    boss = socket_for(laptop, ws)
    bottleneck = boss.emit(
        "card:enter",
        {
            "client_id": "agency-b-0002",
            "kind": "bottleneck",
            "sector_id": ws.sector_ids[0],
            "text": "Antrean rujukan",
        },
        callback=True,
    )["card"]
    solution = boss.emit(
        "card:enter",
        {
            "client_id": "agency-s-0002",
            "kind": "solution",
            "parent_id": bottleneck["id"],
            "text": "Rujukan daring",
        },
        callback=True,
    )["card"]
    assert boss.emit(
        "card:plan", {"card_id": solution["id"], "agency": "Dinas Kesehatan"}, callback=True
    )["ok"]
    # The follow-up meeting comes after the day: ended first, then reopened.
    assert laptop.post(f"/w/{ws.code}/state/end").status_code == 303
    assert laptop.post(f"/w/{ws.code}/state/follow_up").status_code == 303

    page = mobile.get(f"/w/{ws.code}/follow-up").get_data(as_text=True)
    assert '"agency_key": "dinas kesehatan"' in page
    mine = socket_for(mobile, ws)
    [shown] = mine.emit("sync", {"since": None, "sector_id": ws.sector_ids[0]}, callback=True)[
        "snapshot"
    ]["follow_up"]["items"]
    assert shown["card_id"] == solution["id"]
    reply = mine.emit(
        "plan:status", {"card_id": solution["id"], "status": "berjalan"}, callback=True
    )
    assert reply["ok"], reply
    theirs = socket_for(other, ws)
    snapshot = theirs.emit("sync", {"since": None, "sector_id": ws.sector_ids[0]}, callback=True)
    assert snapshot["snapshot"]["follow_up"]["items"] == []
    refused = theirs.emit(
        "plan:status", {"card_id": solution["id"], "status": "selesai"}, callback=True
    )
    assert refused["error"]["code"] == "forbidden"
