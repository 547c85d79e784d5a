"""The workshop's life cycle, and an archived workshop: readable, exportable,
and every change refused with the same clear message, on every socket event,
HTTP form and the CLI's list."""

from __future__ import annotations

import json

import pytest
from flask_babel import force_locale
from sqlalchemy import update

from workshop.core.errors import DomainError
from workshop.core.lifecycle import archived_refusal, next_state
from workshop.core.models import Workshop
from workshop.extensions import db, socketio
from workshop.realtime.broadcast import announce


def said(app, make) -> str:
    """A message as a test client (no language chosen: Indonesian) reads it."""
    with app.test_request_context(), force_locale("id"):
        return str(make())


def archived(app) -> str:
    return said(app, lambda: archived_refusal().message)


def state_of(app, ws) -> tuple[str, int, str]:
    with app.app_context():
        workshop = db.session.get(Workshop, ws.id)
        return workshop.state, workshop.seq, workshop.title


def archive(boss, ws) -> None:
    assert boss.post(f"/w/{ws.code}/state/archive").status_code == 303


def _refusal_of(action) -> str:
    with pytest.raises(DomainError) as caught:
        action()
    return str(caught.value.message)


def write_events() -> list[str]:
    """Every socket event registered as a change (socket_action), from the server itself."""
    return sorted(
        name for name, handler, _ns in socketio.handlers if getattr(handler, "writes", False)
    )


def test_the_life_cycle_moves_only_along_its_transitions(app, make_workshop, facilitator):
    ws = make_workshop()
    boss = facilitator(ws)
    assert state_of(app, ws)[0] == "running"
    boss.post(f"/w/{ws.code}/state/resume")
    page = boss.get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    refusal = said(app, lambda: _refusal_of(lambda: next_state("running", "resume")))
    assert refusal in page, "a refusal is said, not a 500"
    assert state_of(app, ws)[0] == "running"
    # The follow-up meeting comes after the day, never while it runs.
    boss.post(f"/w/{ws.code}/state/follow_up")
    refusal = said(app, lambda: _refusal_of(lambda: next_state("running", "follow_up")))
    assert refusal in boss.get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    assert state_of(app, ws)[0] == "running"
    for action, state in [
        ("end", "ended"),
        ("follow_up", "follow_up"),
        ("end", "ended"),
        ("archive", "archived"),
        ("unarchive", "ended"),
        ("resume", "running"),
    ]:
        assert boss.post(f"/w/{ws.code}/state/{action}").status_code == 303
        assert state_of(app, ws)[0] == state, action


def test_every_screen_hears_the_new_state(app, make_workshop, facilitator, phone, socket_for):
    ws = make_workshop()
    boss = facilitator(ws)
    mobile = socket_for(phone(ws), ws)
    mobile.get_received()
    archive(boss, ws)
    [message] = [m["args"][0] for m in mobile.get_received() if m["name"] == "event"]
    assert message["type"] == "workshop.updated" and message["data"]["state"] == "archived"


def test_posting_closes_when_the_workshop_ends(
    app, make_workshop, facilitator, phone, socket_for, socket_post
):
    ws = make_workshop()
    mobile = socket_for(phone(ws), ws)
    assert facilitator(ws).post(f"/w/{ws.code}/state/end").status_code == 303
    reply = socket_post(mobile, ws.sector_ids[0], "x", client_id="ended-0001")
    assert reply["error"]["code"] == "forbidden"


@pytest.mark.parametrize("event", write_events())
@pytest.mark.parametrize("caller", ["facilitator", "participant"])
def test_every_write_event_is_refused_on_an_archived_workshop(
    app, make_workshop, facilitator, phone, socket_for, event, caller
):
    ws = make_workshop()
    boss = facilitator(ws)
    browser = boss if caller == "facilitator" else phone(ws)
    sock = socket_for(browser, ws)
    archive(boss, ws)
    before = state_of(app, ws)
    reply = sock.emit(event, {}, callback=True)
    assert reply["ok"] is False
    assert reply["error"]["code"] == "forbidden"
    assert reply["error"]["message"] == archived(app)
    assert state_of(app, ws) == before, "nothing changed, nothing stamped"


def test_write_events_are_found(app):
    assert {"card:post", "vote:cast", "plan:status", "settings:update", "card:plan"} <= set(
        write_events()
    )
    assert "sync" not in write_events() and "card:similar" not in write_events()


def test_http_changes_are_refused_and_say_why(app, make_workshop, facilitator, phone):
    ws = make_workshop("Judul lama")
    boss = facilitator(ws)
    mobile = phone(ws)
    archive(boss, ws)
    before = state_of(app, ws)
    boss.post(f"/w/{ws.code}/details", data={"title": "Judul baru", "language": "id"})
    page = boss.get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    assert archived(app) in page
    boss.post(f"/w/{ws.code}/sectors", data={"name": "Pariwisata"})
    join = app.test_client().post(
        f"/j/{ws.code}",
        data={"name": "Baru", "agency": "Dinas", "position": "", "sector_id": ws.sector_ids[0]},
    )
    assert join.status_code == 400 and archived(app) in join.get_data(as_text=True)
    assert state_of(app, ws) == before
    # It stays readable: every page and every document opens.
    assert mobile.get(f"/w/{ws.code}/board").status_code == 200
    assert mobile.get(f"/w/{ws.code}/follow-up").status_code == 200
    for fmt in ("xlsx", "csv", "json", "docx", "html", "kipp"):
        assert boss.get(f"/w/{ws.code}/export/{fmt}").status_code == 200, fmt


def test_un_archiving_lets_changes_in_again(app, make_workshop, facilitator, socket_for):
    ws = make_workshop()
    boss = facilitator(ws)
    archive(boss, ws)
    assert boss.post(f"/w/{ws.code}/state/unarchive").status_code == 303
    sock = socket_for(boss, ws)
    assert sock.emit("settings:update", {"anonymous": True}, callback=True)["ok"] is True


def test_the_workshop_list_shows_archived_ones(app, make_workshop, facilitator, runner):
    kept, put_away = make_workshop("Masih jalan"), make_workshop("Sudah diarsip")
    archive(facilitator(put_away), put_away)
    listed = {
        w["code"]: w for w in json.loads(runner.invoke(args=["workshop", "list", "--json"]).output)
    }
    assert listed[put_away.code]["state"] == "archived"
    assert listed[kept.code]["state"] == "running"
    text = runner.invoke(args=["workshop", "list"]).output
    [line] = [row for row in text.splitlines() if put_away.code in row]
    assert "archived" in line


def test_once_ended_participants_no_longer_vote_or_score(
    app, make_workshop, facilitator, phone, socket_for
):
    ws = make_workshop(phase="vote")
    boss = socket_for(facilitator(ws), ws)
    card = boss.emit(
        "card:enter",
        {
            "client_id": "ended-vote-01",
            "kind": "bottleneck",
            "sector_id": ws.sector_ids[0],
            "text": "Antrean panjang",
        },
        callback=True,
    )["card"]
    mobile = socket_for(phone(ws), ws)
    assert mobile.emit("vote:cast", {"card_id": card["id"]}, callback=True)["ok"] is True
    assert facilitator(ws).post(f"/w/{ws.code}/state/end").status_code == 303
    refused = mobile.emit("vote:cast", {"card_id": card["id"]}, callback=True)
    assert refused["error"]["code"] == "forbidden"
    state = mobile.emit("sync", {"since": None, "sector_id": ws.sector_ids[0]}, callback=True)
    opened = state["snapshot"]["workshop"]["open"]
    assert opened["voting"] is None and opened["scoring"] is False and opened["causes"] is False
    assert set(opened["posting"][str(ws.sector_ids[0])].values()) == {"locked_all"}


def test_a_change_that_read_the_workshop_before_it_was_archived_still_loses(app, make_workshop):
    """On PostgreSQL a change may have read the workshop just before the archiving
    committed; taking the next sequence number refuses it all the same."""
    ws = make_workshop()
    with app.app_context():
        workshop = db.session.get(Workshop, ws.id)
        assert workshop.state == "running"  # what this change read
        db.session.execute(
            update(Workshop)
            .where(Workshop.id == ws.id)
            .values(state="archived")
            .execution_options(synchronize_session=False)
        )
        with pytest.raises(DomainError) as caught:
            announce(workshop)
        assert caught.value.code == "forbidden"
        db.session.rollback()


@pytest.mark.parametrize("action", ["end", "follow_up", "archive"])
@pytest.mark.parametrize(
    ("caller", "allowed"),
    [("nobody", False), ("participant", False), ("presenter", False), ("facilitator", True)],
)
def test_only_steering_moves_the_workshop_along_its_life(
    app, make_workshop, facilitator, presenter, phone, caller, allowed, action
):
    ws = make_workshop()
    browser = {
        "nobody": app.test_client,
        "participant": lambda: phone(ws),
        "presenter": lambda: presenter(ws),
        "facilitator": lambda: facilitator(ws),
    }[caller]()
    if action == "follow_up":  # after the day only: end it first
        assert facilitator(ws).post(f"/w/{ws.code}/state/end").status_code == 303
    before = state_of(app, ws)[0]
    response = browser.post(f"/w/{ws.code}/state/{action}")
    assert response.status_code == (303 if allowed else 403)
    assert (state_of(app, ws)[0] != before) is allowed
