"""Who may steer: every facilitator action against every kind of caller."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import events_of
from workshop.core.models import AccessKey, Sector, Workshop
from workshop.extensions import db

ACTIONS = [
    ("get", "/w/{code}/facilitator", {}),
    ("post", "/w/{code}/details", {"title": "Diubah"}),
    ("post", "/w/{code}/sectors", {"name": "Sektor Baru"}),
    ("post", "/w/{code}/sectors/{sector}/rename", {"name": "Diubah"}),
    ("post", "/w/{code}/sectors/{sector}/remove", {}),
    ("post", "/w/{code}/sectors/{sector}/move/down", {}),
    ("post", "/w/{code}/links/facilitator", {}),
    ("post", "/w/{code}/links/presenter", {}),
]
CALLERS = ["nobody", "participant", "other_participant", "other_facilitator", "presenter"]


def state(app, workshop_id):
    """What any of the actions changes: title, sequence number, sectors, secret links."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        sectors = db.session.scalars(select(Sector).where(Sector.workshop_id == workshop_id)).all()
        keys = db.session.scalar(
            select(func.count(AccessKey.id)).where(AccessKey.workshop_id == workshop_id)
        )
        return (
            workshop.title,
            workshop.seq,
            [(s.name, s.position, s.archived) for s in sectors],
            keys,
        )


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path", "data"), ACTIONS)
def test_only_the_facilitator_may_steer(
    app, make_workshop, facilitator, presenter, phone, client, caller, method, path, data
):
    ws, other = make_workshop(), make_workshop("Lain")
    browser = {
        "nobody": lambda: client,
        "participant": lambda: phone(ws),
        "other_participant": lambda: phone(other),
        "other_facilitator": lambda: facilitator(other),
        "presenter": lambda: presenter(ws),
    }[caller]()
    before = state(app, ws.id)
    url = path.format(code=ws.code, sector=ws.sector_ids[1])
    response = getattr(browser, method)(url, data=data)
    assert response.status_code == 403
    assert "fasilitator" in response.get_data(as_text=True).lower()
    assert state(app, ws.id) == before


@pytest.mark.parametrize(("method", "path", "data"), ACTIONS)
def test_the_facilitator_may_steer(app, make_workshop, facilitator, method, path, data):
    ws = make_workshop()
    browser = facilitator(ws)
    before = state(app, ws.id)
    url = path.format(code=ws.code, sector=ws.sector_ids[1])
    response = getattr(browser, method)(url, data=data)
    if method == "get":
        assert response.status_code == 200
        return
    # A refused change redirects too (with an error shown): so check it happened.
    assert response.status_code == 303
    assert state(app, ws.id) != before
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert 'class="flash error"' not in page


def test_a_sector_rename_reaches_phones_and_projector_live(
    app, make_workshop, facilitator, presenter, phone, socket_for
):
    ws = make_workshop()
    laptop = facilitator(ws)
    mobile = socket_for(phone(ws), ws)
    projector = socket_for(presenter(ws), ws)
    mobile.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    projector.emit("sync", {}, callback=True)
    mobile.get_received()
    projector.get_received()
    laptop.post(f"/w/{ws.code}/sectors/{ws.sector_ids[0]}/rename", data={"name": "PAUD"})
    for sock in (mobile, projector):
        (event,) = events_of(sock, "workshop.updated")
        assert event["data"]["sectors"][0]["name"] == "PAUD"


def test_a_refused_change_is_explained_and_not_broadcast(
    app, make_workshop, facilitator, presenter, socket_for
):
    ws = make_workshop()
    laptop = facilitator(ws)
    projector = socket_for(presenter(ws), ws)
    projector.emit("sync", {}, callback=True)
    projector.get_received()
    response = laptop.post(
        f"/w/{ws.code}/sectors/{ws.sector_ids[0]}/rename", data={"name": "Kesehatan"}
    )
    assert response.status_code == 303
    page = laptop.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sudah ada sektor" in page
    assert events_of(projector) == []


def test_a_revoked_facilitator_key_opens_nothing(app, make_workshop, facilitator):
    from workshop.core.models import AccessKey
    from workshop.core.timeutil import utcnow

    ws = make_workshop()
    laptop = facilitator(ws)
    with app.app_context():
        for key in db.session.scalars(select(AccessKey)):
            key.revoked_at = utcnow()
        db.session.commit()
    assert laptop.get(f"/w/{ws.code}/facilitator").status_code == 403
    assert app.test_client().get(f"/k/{ws.facilitator_token}").status_code == 404


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_forms_without_a_csrf_token_are_refused(app, make_workshop, facilitator, app_config):
    ws = make_workshop()
    laptop = facilitator(ws)
    before = state(app, ws.id)
    response = laptop.post(f"/w/{ws.code}/sectors", data={"name": "Tanpa token"})
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)
    assert state(app, ws.id) == before
    assert app.test_client().post("/new", data={"title": "X"}).status_code == 400


def test_opening_the_presenter_link_does_not_demote_the_facilitator(make_workshop, facilitator):
    ws = make_workshop()
    laptop = facilitator(ws)
    assert laptop.get(f"/k/{ws.presenter_token}").status_code == 303
    assert laptop.get(f"/w/{ws.code}/facilitator").status_code == 200
