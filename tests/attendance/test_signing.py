"""Signed attendance: what a signature must be, who may sign when, the signing
links of the committee and the speakers, and who may see what of it."""

from __future__ import annotations

import pytest

from tests.attendance.helpers import data_url, open_attendance, png, signature
from tests.conftest import events_of
from workshop.attendance import services
from workshop.attendance.models import Signature
from workshop.core.errors import DomainError
from workshop.extensions import db


def room(make_workshop, phone, presenter, facilitator, socket_for):
    ws = make_workshop()
    boss_browser = facilitator(ws)
    boss = socket_for(boss_browser, ws)
    andi_browser = phone(ws, "Andi Rahmawati")
    budi_browser = phone(ws, "Budi Santoso", agency="Bappeda", sector=1)
    andi = socket_for(andi_browser, ws)
    budi = socket_for(budi_browser, ws)
    projector_browser = presenter(ws)
    projector = socket_for(projector_browser, ws)
    for sock, board in ((andi, ws.sector_ids[0]), (budi, ws.sector_ids[1])):
        assert sock.emit("sync", {"sector_id": board}, callback=True)["ok"]
    for sock in (boss, projector):
        assert sock.emit("sync", {}, callback=True)["ok"]
    return (
        ws,
        boss_browser,
        boss,
        andi_browser,
        andi,
        budi_browser,
        budi,
        projector_browser,
        projector,
    )


# -- the picture --------------------------------------------------------------------


def test_a_drawn_png_is_kept_re_encoded_with_its_size(app):
    with app.app_context():
        raw, width, height = services.clean_png(data_url(png((640, 220))))
    assert raw.startswith(b"\x89PNG") and (width, height) == (640, 220)
    with app.app_context():
        _, width, height = services.clean_png(data_url(png((2000, 1000))))
    assert (width, height) == (667, 334), "kept at most 800 x 400, reduced by a whole factor"


@pytest.mark.parametrize(
    ("image", "says"),
    [
        (None, "Tanda tangani kotak terlebih dahulu"),
        ("", "Tanda tangani kotak terlebih dahulu"),
        (12, "Tanda tangani kotak terlebih dahulu"),
        ("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", "harus berupa gambar PNG"),
        (data_url(b"GIF89a" + b"\0" * 40), "harus berupa gambar PNG"),
        ("not base64 at all!", "tidak dapat dibaca"),
        (data_url(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20), "tidak dapat dibaca"),
        (data_url(png((20, 10))), "harus antara"),
        (data_url(png((3000, 200))), "harus antara"),
        (data_url(png(ink=False)), "kosong"),
        (data_url(png(ink=False, mode="RGB")), "kosong"),
        (
            data_url(b"\x89PNG\r\n\x1a\n" + b"\0" * (services.SIGNATURE_MAX_BYTES + 1)),
            "terlalu besar",
        ),
    ],
)
def test_anything_but_a_signed_png_is_refused_with_a_clear_message(app, image, says):
    with app.app_context(), pytest.raises(DomainError) as refused:
        services.clean_png(image)
    assert says in refused.value.message
    assert refused.value.fields == {"image": refused.value.message}


# -- a participant signs ------------------------------------------------------------------


def test_a_participant_signs_during_the_attendance_step_and_every_screen_hears_its_share(
    make_workshop, phone, presenter, facilitator, socket_for
):
    ws, _, boss, andi_browser, andi, _, budi, _, projector = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    refused = andi_browser.post(f"/w/{ws.code}/attendance/sign", json=signature())
    assert refused.status_code == 403 and "tahap daftar hadir" in refused.json["error"]["message"]
    open_attendance(boss)
    for sock in (boss, andi, budi, projector):
        sock.get_received()

    reply = andi_browser.post(f"/w/{ws.code}/attendance/sign", json=signature(name="Andi R."))
    assert reply.status_code == 200, reply.json
    assert reply.json["entry"] == {
        "day": 1,
        "count": 1,
        "id": reply.json["entry"]["id"],
        "name": "Andi R.",
        "agency": "Dinas Pendidikan",
        "position": "Kepala Seksi",
        "signed_at": reply.json["entry"]["signed_at"],
        "mine": True,
    }
    [steering] = events_of(boss, "attendance.signed")
    assert steering["data"]["name"] == "Andi R." and steering["data"]["role"] == "participant"
    assert "image" not in steering["data"]
    assert [e["data"] for e in events_of(projector, "attendance.signed")] == [
        {"day": 1, "count": 1}
    ]
    assert [e["data"] for e in events_of(budi, "attendance.signed")] == [{"day": 1, "count": 1}]
    own = [e["data"] for e in events_of(andi, "attendance.signed")]
    assert own[-1]["mine"] is True and own[-1]["name"] == "Andi R."


def test_signing_again_the_same_day_replaces_the_signature(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    ws, _, boss, andi_browser, *_ = room(make_workshop, phone, presenter, facilitator, socket_for)
    open_attendance(boss)
    for _ in range(2):
        assert andi_browser.post(f"/w/{ws.code}/attendance/sign", json=signature()).json["ok"]
    with app.app_context():
        assert db.session.query(Signature).count() == 1


def test_a_refused_signature_stores_nothing_and_says_which_field(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    ws, _, boss, andi_browser, *_ = room(make_workshop, phone, presenter, facilitator, socket_for)
    open_attendance(boss)
    for payload, field in (
        (signature(image=data_url(png(ink=False))), "image"),
        (signature(name=""), "name"),
        (signature(agency="x" * 500), "agency"),
    ):
        reply = andi_browser.post(f"/w/{ws.code}/attendance/sign", json=payload)
        assert reply.status_code == 400 and field in reply.json["error"]["fields"], reply.json
    assert andi_browser.post(f"/w/{ws.code}/attendance/sign", data="x").status_code == 400
    with app.app_context():
        assert db.session.query(Signature).count() == 0


def test_a_stranger_cannot_sign(make_workshop, client):
    ws = make_workshop()
    reply = client.post(f"/w/{ws.code}/attendance/sign", json=signature())
    assert reply.status_code == 403


# -- who sees a signature ----------------------------------------------------------------------


def test_only_the_facilitator_and_the_signer_fetch_a_signature_picture(
    make_workshop, phone, presenter, facilitator, socket_for, client
):
    ws, boss_browser, boss, andi_browser, _, budi_browser, _, projector_browser, _ = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    open_attendance(boss)
    entry = andi_browser.post(f"/w/{ws.code}/attendance/sign", json=signature()).json["entry"]
    url = f"/w/{ws.code}/attendance/{entry['id']}/signature.png"
    for browser in (boss_browser, andi_browser):
        got = browser.get(url)
        assert got.status_code == 200 and got.mimetype == "image/png"
        assert got.data.startswith(b"\x89PNG")
    for browser in (budi_browser, projector_browser, client):
        assert browser.get(url).status_code == 403
    assert boss_browser.get(f"/w/{ws.code}/attendance/99999/signature.png").status_code == 404


def test_the_snapshot_tells_each_viewer_only_its_share(
    make_workshop, phone, presenter, facilitator, socket_for
):
    ws, _, boss, andi_browser, andi, _, budi, _, projector = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    open_attendance(boss)
    andi_browser.post(f"/w/{ws.code}/attendance/sign", json=signature())

    def attendance(sock, **payload):
        return sock.emit("sync", payload, callback=True)["snapshot"]["activities"]["attendance"]

    steering = attendance(boss)
    assert steering["counts"] == {"1": 1} and [e["name"] for e in steering["entries"]] == [
        "Andi Rahmawati"
    ]
    assert set(steering["links"]) == {"committee", "speaker"}
    assert attendance(projector) == {"counts": {"1": 1}}
    other = attendance(budi, sector_id=ws.sector_ids[1])
    assert other["counts"] == {"1": 1} and other["mine"] == {}
    assert other["me"]["name"] == "Budi Santoso"
    own = attendance(andi, sector_id=ws.sector_ids[0])
    assert own["mine"]["1"]["mine"] is True and "entries" not in own


def test_a_phone_that_reconnects_sees_it_has_signed(
    make_workshop, phone, presenter, facilitator, socket_for
):
    ws, _, boss, andi_browser, andi, *_ = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    open_attendance(boss)
    seq = andi.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)["seq"]
    andi.disconnect()
    andi_browser.post(f"/w/{ws.code}/attendance/sign", json=signature())
    back = socket_for(andi_browser, ws)
    reply = back.emit("sync", {"since": seq, "sector_id": ws.sector_ids[0]}, callback=True)
    assert reply["mode"] == "events"
    [signed] = [e for e in reply["events"] if e["type"] == "attendance.signed"]
    assert signed["data"]["mine"] is True
    other = socket_for(facilitator(ws), ws)  # steering replays the whole entry
    whole = other.emit("sync", {"since": seq}, callback=True)["events"]
    assert [e["data"]["name"] for e in whole if e["type"] == "attendance.signed"] == [
        "Andi Rahmawati"
    ]


# -- the committee's and the speakers' links ----------------------------------------------------


def test_committee_and_speakers_sign_through_their_own_links(
    app, make_workshop, phone, presenter, facilitator, socket_for, client
):
    ws, boss_browser, boss, andi_browser, andi, *_ = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    assert (
        andi.emit("attendance:link", {"role": "committee"}, callback=True)["error"]["code"]
        == "forbidden"
    )
    reply = boss.emit("attendance:link", {"role": "committee"}, callback=True)
    assert reply["ok"] and reply["links"]["speaker"] is None
    url = reply["links"]["committee"]
    assert url.startswith("http://urai.test/w/")
    path = url.removeprefix("http://urai.test")
    again = boss.emit("attendance:link", {"role": "committee"}, callback=True)
    assert again["links"]["committee"] == url  # shown again, not a new one
    page = client.get(path)
    assert page.status_code == 200 and "signature-pad" in page.get_data(as_text=True)
    # Outside the attendance step too (a speaker arrives for their session).
    signed = client.post(path, json=signature(name="Citra", position="Ketua panitia"))
    assert signed.status_code == 200 and signed.json["entry"] == {"day": 1, "count": 1}
    qr = boss_browser.get(f"/w/{ws.code}/attendance/links/committee/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    assert andi_browser.get(f"/w/{ws.code}/attendance/links/committee/qr.svg").status_code == 403
    # The same link through /k/ opens the signing page, never a staff role.
    token = path.rsplit("/", 1)[1]
    opened = client.get(f"/k/{token}")
    assert opened.status_code == 302 and opened.location.endswith(path)
    assert client.get(f"/w/{ws.code}/facilitator").status_code == 403
    renewed = boss.emit("attendance:link", {"role": "committee", "renew": True}, callback=True)
    assert renewed["links"]["committee"] != url
    assert client.get(path).status_code == 404
    assert client.post(path, json=signature()).status_code == 404
    with app.app_context():
        [entry] = db.session.query(Signature).all()
        assert (entry.role, entry.name, entry.participant_id) == ("committee", "Citra", None)


def test_a_phone_sending_signature_after_signature_is_slowed_down(
    make_workshop, phone, presenter, facilitator, socket_for
):
    ws, _, boss, andi_browser, *_ = room(make_workshop, phone, presenter, facilitator, socket_for)
    open_attendance(boss)
    codes = [
        andi_browser.post(f"/w/{ws.code}/attendance/sign", json=signature()).status_code
        for _ in range(12)
    ]
    # The allowance (a burst of 30, a signature costing 5) is shared with the phone's
    # own socket, whose sync above may have used a token not yet refilled.
    assert codes[:5] == [200] * 5 and 429 in codes


def test_a_second_cockpit_hears_that_a_link_opened_and_asks_for_it(
    make_workshop, phone, presenter, facilitator, socket_for
):
    ws, _, boss, _, andi, _, _, _, projector = room(
        make_workshop, phone, presenter, facilitator, socket_for
    )
    other = socket_for(facilitator(ws), ws)
    assert other.emit("sync", {}, callback=True)["ok"]
    for sock in (other, andi, projector):
        sock.get_received()
    url = boss.emit("attendance:link", {"role": "speaker"}, callback=True)["links"]["speaker"]
    [told] = events_of(other, "attendance.links")
    assert told["data"] == {"open": {"committee": False, "speaker": True}}
    assert events_of(andi, "attendance.links") == events_of(projector, "attendance.links") == []
    assert other.emit("attendance:links", {}, callback=True)["links"]["speaker"] == url
    assert andi.emit("attendance:links", {}, callback=True)["error"]["code"] == "forbidden"
