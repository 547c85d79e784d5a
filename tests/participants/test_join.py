"""Joining from a phone: the form, its errors, and coming back on the same phone."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from workshop.core.models import Participant
from workshop.extensions import db


def roster(app):
    with app.app_context():
        return [
            (p.name, p.agency, p.position, p.sector_id)
            for p in db.session.scalars(select(Participant))
        ]


def test_joining_puts_the_phone_on_its_sector_board(app, make_workshop, client):
    ws = make_workshop()
    page = client.get(f"/j/{ws.code}").get_data(as_text=True)
    assert "Kesehatan" in page
    response = client.post(
        f"/j/{ws.code}",
        data={
            "name": " Andi  Rahmawati ",
            "agency": "Puskesmas Bontonompo",
            "position": "",
            "sector_id": ws.sector_ids[1],
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/w/{ws.code}/board")
    board = client.get(f"/w/{ws.code}/board").get_data(as_text=True)
    assert f'"sector_id": {ws.sector_ids[1]}' in board
    assert roster(app) == [("Andi Rahmawati", "Puskesmas Bontonompo", None, ws.sector_ids[1])]


def test_rejoining_from_the_same_phone_updates_instead_of_duplicating(app, make_workshop, phone):
    ws = make_workshop()
    mobile = phone(ws, "Andi", sector=0)
    form = mobile.get(f"/j/{ws.code}").get_data(as_text=True)
    assert 'value="Andi"' in form
    mobile.post(
        f"/j/{ws.code}",
        data={
            "name": "Andi R.",
            "agency": "Dinkes",
            "position": "Kasi",
            "sector_id": ws.sector_ids[2],
        },
    )
    assert roster(app) == [("Andi R.", "Dinkes", "Kasi", ws.sector_ids[2])]


def test_another_phone_is_another_participant(app, make_workshop, phone):
    ws = make_workshop()
    phone(ws, "Andi")
    phone(ws, "Andi")
    assert len(roster(app)) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "agency": "Dinkes"}, "wajib diisi"),
        ({"name": "A" * 81, "agency": "Dinkes"}, "80"),
        ({"name": "Andi", "agency": ""}, "wajib diisi"),
        ({"name": "Andi", "agency": "Dinkes", "sector_id": ""}, "Pilih sektor"),
        ({"name": "Andi", "agency": "Dinkes", "sector_id": "99999"}, "Pilih sektor"),
    ],
)
def test_a_bad_join_form_is_shown_again_with_a_clear_error(
    app, make_workshop, client, data, message
):
    ws = make_workshop()
    body = {"sector_id": ws.sector_ids[0], **data}
    response = client.post(f"/j/{ws.code}", data=body)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message.lower() in html.lower()
    if data.get("name"):
        assert f'value="{data["name"]}"' in html, "what was typed is kept"
    assert roster(app) == []


def test_a_participant_of_one_workshop_is_a_stranger_in_another(make_workshop, phone):
    mine, theirs = make_workshop(), make_workshop("Lain")
    mobile = phone(mine)
    assert mobile.get(f"/w/{theirs.code}/board").status_code == 302
    assert mobile.get(f"/w/{theirs.code}/present").status_code == 403


def test_a_double_tapped_join_makes_one_participant(app, make_workshop, client):
    ws = make_workshop()
    page = client.get(f"/j/{ws.code}").get_data(as_text=True)
    token = re.search(r'name="join_token" type="hidden" value="([^"]+)"', page).group(1)
    data = {"name": "Andi", "agency": "Dinkes", "sector_id": ws.sector_ids[0], "join_token": token}
    # Two phones' worth of taps from one phone: the second request carries no cookie yet.
    assert app.test_client().post(f"/j/{ws.code}", data=data).status_code == 303
    second = app.test_client()
    assert second.post(f"/j/{ws.code}", data=data).status_code == 303
    assert len(roster(app)) == 1
    assert second.get(f"/w/{ws.code}/board").status_code == 200, "the second tap is joined too"


def test_many_phones_joining_at_once_all_get_in(app, make_workshop):
    """Threads, each its own connection: every form that reads and then writes
    begins its transaction IMMEDIATE, so none fails with 'database is locked'."""
    import threading

    ws = make_workshop()
    barrier = threading.Barrier(16)
    statuses: list[int] = []

    def join_one(n: int) -> None:
        browser = app.test_client()
        barrier.wait()
        response = browser.post(
            f"/j/{ws.code}",
            data={"name": f"Peserta {n}", "agency": "OPD", "sector_id": ws.sector_ids[n % 6]},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=join_one, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert statuses == [303] * 16
    assert len(roster(app)) == 16
