"""The periodic tick tells each client how far it should be, so a broadcast
lost on the way (a message queue restarting) is noticed and fetched."""

from __future__ import annotations

from workshop.core.models import Workshop
from workshop.extensions import db
from workshop.realtime.ticks import send_ticks


def ticks(sock):
    return [m["args"][0] for m in sock.get_received() if m["name"] == "tick"]


def test_ticks_carry_the_last_sequence_number_each_viewer_should_have(
    app, make_workshop, phone, presenter, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    mobile = socket_for(phone(ws, sector=1), ws)
    projector = socket_for(presenter(ws), ws)
    boss = socket_for(facilitator(ws), ws)
    mobile.emit("sync", {"sector_id": ws.sector_ids[1]}, callback=True)
    first = socket_post(mobile, ws.sector_ids[1], "A", client_id="tick-card-1")
    assert first["ok"]
    other = socket_for(phone(ws, "Lain", sector=2), ws)
    socket_post(other, ws.sector_ids[2], "B", client_id="tick-card-2")
    for sock in (mobile, projector, boss):
        sock.get_received()
    with app.app_context():
        send_ticks()
        seq = db.session.get(Workshop, ws.id).seq
    (public,) = ticks(mobile)
    assert public["sectors"][str(ws.sector_ids[1])] < public["sectors"][str(ws.sector_ids[2])]
    assert public["display"] == seq, "the projector sees the roster counts too"
    assert ticks(projector) == [public]
    assert ticks(boss) == [{"seq": seq}]


def test_a_broadcast_lost_on_the_way_shows_in_the_next_tick(app, make_workshop, phone, socket_for):
    ws = make_workshop()
    mobile = socket_for(phone(ws), ws)
    seen = mobile.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)["seq"]
    with app.app_context():
        from workshop.boards.services import post_card
        from workshop.core.models import Participant

        workshop = db.session.get(Workshop, ws.id)
        author = db.session.scalars(db.select(Participant)).first()
        post_card(
            workshop,
            author,
            {
                "client_id": "lost-card-1",
                "kind": "bottleneck",
                "sector_id": ws.sector_ids[0],
                "text": "Hilang di jalan",
            },
        )
        db.session.commit()  # stored, but never broadcast: as if the queue dropped it
        db.session.info.clear()
        send_ticks()
    mobile_ticks = ticks(mobile)
    assert mobile_ticks[0]["sectors"][str(ws.sector_ids[0])] > seen
    reply = mobile.emit("sync", {"sector_id": ws.sector_ids[0], "since": seen}, callback=True)
    assert [e["data"]["text"] for e in reply["events"]] == ["Hilang di jalan"]
