"""Every steering socket event against every kind of caller.

Only the facilitator and a live co-facilitator succeed; everyone else gets a
clear error and nothing changes (the workshop's sequence number stays put).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from workshop.boards.services import post_card
from workshop.core.models import AccessKey, Participant, Workshop
from workshop.core.timeutil import utcnow
from workshop.core.votes import Vote
from workshop.extensions import db
from workshop.moderation.services import merge_cards
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.voting.services import cast_vote
from workshop.workshops.services import issue_key


def setup_board(app, ws) -> dict[str, Any]:
    """Two bottlenecks (one with a solution), a participant, a cluster id to use."""
    with app.app_context():
        workshop = db.session.get(Workshop, ws.id)
        author = db.session.scalar(
            select(Participant).where(
                Participant.workshop_id == ws.id, Participant.name == "Penulis"
            )
        )
        sector = ws.sector_ids[0]
        first = post_card(
            workshop,
            author,
            {
                "client_id": "perm-card-1",
                "kind": "bottleneck",
                "sector_id": sector,
                "text": "Antrean panjang",
            },
        ).card
        second = post_card(
            workshop,
            author,
            {
                "client_id": "perm-card-2",
                "kind": "bottleneck",
                "sector_id": sector,
                "text": "Antrean lama",
            },
        ).card
        solution = post_card(
            workshop,
            author,
            {
                "client_id": "perm-card-3",
                "kind": "solution",
                "parent_id": first.id,
                "text": "Antrean online",
            },
        ).card
        elsewhere = post_card(
            workshop,
            None,
            {
                "client_id": "perm-card-4",
                "kind": "bottleneck",
                "sector_id": ws.sector_ids[1],
                "text": "Blanko KTP-el habis",
            },
            by_facilitator=True,
        ).card
        elsewhere.analysed = True
        cause = post_card(
            workshop,
            None,
            {
                "client_id": "perm-card-5",
                "kind": "cause",
                "parent_id": elsewhere.id,
                "bone": "man",
                "text": "Petugas kurang",
            },
            by_facilitator=True,
        ).card
        # Participants may vote on bottlenecks and score them now, so that a
        # refusal below comes from the rule its row names, not from the phase.
        voting = workshop.phases[3]
        voting.allow_scoring = True
        workshop.phase_id = voting.id
        cast_vote(workshop, author.id, first.id)  # so there is a top bottleneck to choose
        merged = post_card(
            workshop,
            None,
            {
                "client_id": "perm-card-6",
                "kind": "bottleneck",
                "sector_id": sector,
                "text": "Antrean lama sekali",
            },
            by_facilitator=True,
        ).card
        merge_cards(workshop, merged.id, second.id)
        ids = {
            "merged": merged.id,
            "cause": cause.id,
            "elsewhere": elsewhere.id,
            "first": first.id,
            "second": second.id,
            "solution": solution.id,
            "participant": author.id,
            "sector": sector,
            "other_sector": ws.sector_ids[1],
            "phase": workshop.phases[3].id,
            "last_phase": workshop.phases[-1].id,
        }
        commit_and_broadcast()
        return ids


STEERING_EVENTS: list[tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = [
    ("phase:set", lambda ids: {"phase_id": ids["phase"]}),
    ("phase:step", lambda ids: {"direction": 1}),
    ("phase:save", lambda ids: {"name": "Diskusi kelompok", "allow_solutions": True}),
    ("phase:remove", lambda ids: {"phase_id": ids["last_phase"]}),
    ("phase:move", lambda ids: {"phase_id": ids["last_phase"], "direction": -1}),
    ("timer:start", lambda ids: {"seconds": 300, "lock": True}),
    ("timer:add", lambda ids: {"seconds": 60}),  # needs a timer: facilitator starts one first
    ("timer:stop", lambda ids: {}),
    ("settings:update", lambda ids: {"anonymous": True, "vote_budget": 5}),
    ("sector:lock", lambda ids: {"sector_id": ids["sector"], "locked": True}),
    (
        "card:enter",
        lambda ids: {
            "client_id": "paper-0001",
            "kind": "bottleneck",
            "sector_id": ids["sector"],
            "text": "Dari kertas",
        },
    ),
    ("card:edit", lambda ids: {"card_id": ids["first"], "text": "Antrean sangat panjang"}),
    ("card:status", lambda ids: {"card_id": ids["first"], "action": "hide"}),
    ("card:move", lambda ids: {"card_id": ids["first"], "sector_id": ids["other_sector"]}),
    ("card:merge", lambda ids: {"source_id": ids["second"], "target_id": ids["first"]}),
    ("card:unmerge", lambda ids: {"card_id": ids["merged"]}),
    ("cluster:save", lambda ids: {"sector_id": ids["sector"], "title": "Antrean"}),
    # A vote for someone else (a paper vote), and a score on another sector's board.
    ("vote:cast", lambda ids: {"card_id": ids["first"], "participant_id": ids["participant"]}),
    ("card:assess", lambda ids: {"card_id": ids["elsewhere"], "u": 5, "s": 4, "g": 3}),
    ("card:plan", lambda ids: {"card_id": ids["solution"], "steps": "Sosialisasi"}),
    ("causes:choose", lambda ids: {"card_id": ids["first"], "chosen": True}),
    ("causes:choose_top", lambda ids: {"count": 2, "by": "votes"}),
    ("cause:root", lambda ids: {"card_id": ids["cause"], "root": True}),
    ("focus:set", lambda ids: {"card_id": ids["first"]}),
    ("spotlight:set", lambda ids: {"card_id": ids["first"]}),
    ("join:show", lambda ids: {"shown": True}),
    ("days:set", lambda ids: {"days": 2}),
    ("attendance:link", lambda ids: {"role": "committee"}),
    ("bones:save", lambda ids: {"bones": [{"key": "man", "name": "SDM"}, {"name": "Regulasi"}]}),
    # The participant caller is of the solution's own sector: still only steering promotes.
    ("proposal:promote", lambda ids: {"card_id": ids["solution"]}),
]
CALLERS = [
    "nobody",
    "participant",
    "other_participant",
    "presenter",
    "revoked_cofacilitator",
    "cofacilitator",
    "facilitator",
]


def cofacilitator_browser(app, ws, *, revoked: bool):
    with app.app_context():
        workshop = db.session.get(Workshop, ws.id)
        token = issue_key(workshop, "cofacilitator")
        commit_and_broadcast()
    browser = app.test_client()
    assert browser.get(f"/k/{token}").status_code == 303
    if revoked:
        with app.app_context():
            for key in db.session.scalars(
                select(AccessKey).where(AccessKey.role == "cofacilitator")
            ):
                key.revoked_at = utcnow()
            db.session.commit()
    return browser


def seq_of(app, ws) -> int:
    with app.app_context():
        return db.session.get(Workshop, ws.id).seq


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("event", "payload"), STEERING_EVENTS, ids=[e for e, _ in STEERING_EVENTS])
def test_steering_events_by_caller(
    app, make_workshop, phone, presenter, facilitator, socket_for, caller, event, payload
):
    ws, other = make_workshop(), make_workshop("Lain")
    phone(ws, "Penulis")  # the author of the cards; the "participant" caller is someone else
    mobile = phone(ws)
    ids = setup_board(app, ws)
    # Connect before a co-facilitator's link is revoked, as a laptop would be.
    revoked = caller == "revoked_cofacilitator"
    browser = {
        "nobody": lambda: app.test_client(),
        "participant": lambda: mobile,
        "other_participant": lambda: phone(other),
        "presenter": lambda: presenter(ws),
        "revoked_cofacilitator": lambda: cofacilitator_browser(app, ws, revoked=False),
        "cofacilitator": lambda: cofacilitator_browser(app, ws, revoked=False),
        "facilitator": lambda: facilitator(ws),
    }[caller]()
    sock = socket_for(browser, ws)
    if caller in ("nobody", "other_participant"):
        assert not sock.is_connected(), "no socket into a workshop without an identity in it"
        return
    if event == "timer:add":
        boss = socket_for(facilitator(ws), ws)
        assert boss.emit("timer:start", {"seconds": 120}, callback=True)["ok"]
    if revoked:
        with app.app_context():
            for key in db.session.scalars(
                select(AccessKey).where(AccessKey.role == "cofacilitator")
            ):
                key.revoked_at = utcnow()
            db.session.commit()
    before = seq_of(app, ws)
    reply = sock.emit(event, payload(ids), callback=True)
    if caller in ("facilitator", "cofacilitator"):
        assert reply["ok"] is True, reply
        assert seq_of(app, ws) > before
    else:
        assert reply["ok"] is False
        expected = "unauthenticated" if revoked else "forbidden"
        assert reply["error"]["code"] == expected, reply
        assert reply["error"]["message"]
        assert seq_of(app, ws) == before, "nothing changed"


def test_a_participant_cannot_vote_for_someone_else(
    app, make_workshop, phone, facilitator, socket_for
):
    ws = make_workshop()
    phone(ws, "Penulis")
    voter = phone(ws, "Pemilih")
    ids = setup_board(app, ws)
    sock = socket_for(voter, ws)
    with app.app_context():
        voter_id = db.session.scalar(select(Participant.id).where(Participant.name == "Pemilih"))
    for named in (ids["participant"], 99999):
        reply = sock.emit(
            "vote:cast", {"card_id": ids["first"], "participant_id": named}, callback=True
        )
        assert reply["ok"] is False
        assert reply["error"]["code"] == "forbidden"
    with app.app_context():
        before = db.session.scalars(select(Vote)).all()
        assert all(v.participant_id == ids["participant"] for v in before), "only the author's"
    # Naming oneself is the same as naming nobody.
    mine = {"card_id": ids["first"], "participant_id": voter_id}
    assert sock.emit("vote:cast", mine, callback=True)["ok"] is True
    with app.app_context():
        votes = db.session.scalars(select(Vote).where(Vote.participant_id == voter_id)).all()
        assert len(votes) == 1
        assert len(db.session.scalars(select(Vote)).all()) == len(before) + 1


def test_revoking_a_cofacilitator_link_cuts_its_sockets_off_at_once(
    app, make_workshop, facilitator, socket_for
):
    ws = make_workshop()
    co = cofacilitator_browser(app, ws, revoked=False)
    sock = socket_for(co, ws)
    assert sock.is_connected()
    with app.app_context():
        key_id = db.session.scalar(select(AccessKey.id).where(AccessKey.role == "cofacilitator"))
    owner = facilitator(ws)
    response = owner.post(f"/w/{ws.code}/keys/{key_id}/revoke")
    assert response.status_code == 303
    assert not sock.is_connected()
    assert co.get(f"/w/{ws.code}/facilitator").status_code == 403


def test_a_cofacilitator_cannot_manage_links(app, make_workshop, socket_for):
    ws = make_workshop()
    co = cofacilitator_browser(app, ws, revoked=False)
    assert co.post(f"/w/{ws.code}/links/cofacilitator").status_code == 403
    with app.app_context():
        key_id = db.session.scalar(select(AccessKey.id).where(AccessKey.role == "facilitator"))
    assert co.post(f"/w/{ws.code}/keys/{key_id}/revoke").status_code == 403
    assert co.post(f"/w/{ws.code}/links/presenter").status_code == 303
