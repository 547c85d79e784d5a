"""A proposal's KIPP rubric and group, and its Indeks Inovasi Daerah profile:
pre-filled from what the workshop knows, saved by the sector's group or the
facilitator over the socket (the same path as a section), seen by those who
read the proposal, refused to others, and kept in the JSON backup."""

from __future__ import annotations

import json

from workshop.core.models import Workshop
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.extensions import db
from workshop.proposals.models import Proposal
from workshop.realtime.broadcast import commit_and_broadcast

from .conftest import BOTTLENECK, ROOT, SOLUTION, ok, refused


def events(sock, kind):
    return [m["args"][0]["data"] for m in sock.get_received() if m["args"][0]["type"] == kind]


def test_the_profile_starts_from_what_the_workshop_knows(promoted):
    profile = promoted["proposal"]["iid"]
    assert profile["nama"] == SOLUTION
    assert profile["urusan"] == "Pendidikan", "the first board's government affair"
    assert (profile["tahapan"], profile["bentuk"]) == ("inisiatif", "pelayanan_publik")
    assert BOTTLENECK in profile["rancang_bangun"] and ROOT in profile["rancang_bangun"]
    assert SOLUTION in profile["rancang_bangun"]
    assert profile["jenis"] == "" and profile["uji_coba"] == ""
    assert "Urai" not in json.dumps(profile)


def test_the_group_saves_the_profile_and_the_room_sees_it(promoted):
    pid, author = promoted["proposal"]["id"], promoted["author"]
    change = {"jenis": "digital", "uji_coba": "2027-02-01", "rancang_bangun": "Alur baru."}
    reply = ok(author.emit("proposal:iid", {"proposal_id": pid, "profile": change}, callback=True))
    assert reply["iid"]["jenis"] == "digital" and reply["iid"]["uji_coba"] == "2027-02-01"
    assert reply["iid"]["nama"] == SOLUTION, "the fields not saved stay pre-filled"
    for name in ("mate", "boss", "projector"):
        [seen] = events(promoted[name], "proposal.iid")
        assert seen["proposal_id"] == pid and seen["iid"]["rancang_bangun"] == "Alur baru."
    assert events(promoted["stranger"], "proposal.iid") == [], "another board's phone"
    # Emptied on purpose: stays empty, not pre-filled again.
    ok(author.emit("proposal:iid", {"proposal_id": pid, "profile": {"nama": ""}}, callback=True))
    again = ok(promoted["mate"].emit("proposal:get", {"proposal_id": pid}, callback=True))
    assert again["proposal"]["iid"]["nama"] == ""


def test_a_bad_value_or_another_boards_phone_is_refused(promoted):
    pid = promoted["proposal"]["id"]
    for profile in (
        {"tahapan": "selesai"},
        {"uji_coba": "besok"},
        {"rahasia": "x"},
        {"nama": "x" * 201},
        {},
    ):
        payload = {"proposal_id": pid, "profile": profile}
        refused(promoted["author"].emit("proposal:iid", payload, callback=True), "invalid")
    payload = {"proposal_id": pid, "profile": {"jenis": "digital"}}
    refused(promoted["stranger"].emit("proposal:iid", payload, callback=True), "forbidden")
    refused(promoted["projector"].emit("proposal:iid", payload, callback=True), "forbidden")


def test_the_facilitator_picks_the_group_and_another_rubric_keeping_the_text(promoted):
    pid, boss, author = promoted["proposal"]["id"], promoted["boss"], promoted["author"]
    assert promoted["proposal"]["rubric"]["name"] == "kipp-2025", "the workshop's year"
    assert promoted["proposal"]["group"] is None
    text = "Nomor antrean dikirim lewat WhatsApp sehari sebelumnya."
    payload = {"proposal_id": pid, "section": "kebaruan", "base_version": 1, "text": text}
    ok(author.emit("proposal:save", payload, callback=True))
    reply = ok(
        boss.emit("proposal:kipp", {"proposal_id": pid, "group": "replikasi"}, callback=True)
    )
    assert reply["proposal"]["group"] == "replikasi"
    refused(
        boss.emit("proposal:kipp", {"proposal_id": pid, "group": "khusus"}, callback=True),
        "invalid",
    )
    refused(
        author.emit("proposal:kipp", {"proposal_id": pid, "group": "umum"}, callback=True),
        "forbidden",
    )
    reply = ok(
        boss.emit("proposal:kipp", {"proposal_id": pid, "rubric": "kipp-2023"}, callback=True)
    )
    proposal = reply["proposal"]
    assert proposal["rubric"]["name"] == "kipp-2023" and proposal["rubric"]["groups"] == []
    assert proposal["group"] is None, "2023 had no groups"
    novelty = next(s for s in proposal["sections"] if s["key"] == "kebaruan")
    assert novelty["text"] == text, "the text written is kept"
    refused(
        boss.emit("proposal:kipp", {"proposal_id": pid, "rubric": "../x"}, callback=True), "invalid"
    )


def test_the_profile_and_group_round_trip_through_the_json_backup(app, promoted):
    pid, boss = promoted["proposal"]["id"], promoted["boss"]
    ok(boss.emit("proposal:kipp", {"proposal_id": pid, "group": "umum"}, callback=True))
    profile = {"inisiator": "asn", "penerapan": "2027-06-30", "bukti": "SK Bupati"}
    ok(boss.emit("proposal:iid", {"proposal_id": pid, "profile": profile}, callback=True))
    with app.app_context():
        original = document(db.session.get(Workshop, promoted["ws"].id))
        [saved] = original["proposals"]
        assert saved["group"] == "umum" and saved["iid"] == profile
        copy = import_workshop(json.loads(json.dumps(original)))
        commit_and_broadcast()
        restored = db.session.query(Proposal).filter_by(workshop_id=copy.workshop.id).one()
        assert (restored.kipp_group, restored.iid) == ("umum", profile)
        assert (
            document(db.session.get(Workshop, copy.workshop.id))["proposals"]
            == original["proposals"]
        )
