"""A workshop's JSON backup holds its proposals (withdrawn ones too) with every
section, score, tick and revision; importing it and exporting again gives the
same proposals, and the copy's proposal can be written on at once."""

from __future__ import annotations

import json

from workshop.core.access import Identity
from workshop.core.models import Workshop
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.extensions import db
from workshop.proposals import services
from workshop.proposals.models import Proposal
from workshop.realtime.broadcast import commit_and_broadcast

from .conftest import SOLUTION, ok


def test_proposals_round_trip_through_the_json_backup(app, promoted):
    proposal, author, mate = promoted["proposal"], promoted["author"], promoted["mate"]
    pid = proposal["id"]
    base = "Warga mengambil nomor antrean lewat WhatsApp."
    for sock, version, text in ((author, 1, base), (mate, 1, base + " Juga lewat SMS.")):
        payload = {"proposal_id": pid, "section": "kebaruan", "base_version": version, "text": text}
        ok(sock.emit("proposal:save", payload, callback=True))
    ok(
        author.emit(
            "proposal:assess",
            {"proposal_id": pid, "criterion": "efektif", "ticked": True},
            callback=True,
        )
    )
    ok(
        author.emit(
            "proposal:assess",
            {"proposal_id": pid, "section": "kebaruan", "score": 75},
            callback=True,
        )
    )
    with app.app_context():
        original = document(db.session.get(Workshop, promoted["ws"].id))
        [saved] = original["proposals"]
        assert (saved["title"], saved["status"], saved["rubric"]) == (
            SOLUTION,
            "draft",
            "kipp-2025",
        )
        assert saved["checklist"] == {"efektif": True}
        novelty = next(s for s in saved["sections"] if s["key"] == "kebaruan")
        assert novelty["score"] == 75 and novelty["version"] == 2
        outcomes = [r["outcome"] for r in novelty["revisions"]]
        assert outcomes == ["start", "saved", "refused"], "the refused save is kept too"
        copy = import_workshop(json.loads(json.dumps(original)))
        commit_and_broadcast()
        again = document(db.session.get(Workshop, copy.workshop.id))
        assert again["proposals"] == original["proposals"]
        # The copy's proposal goes on from where it was.
        restored = db.session.query(Proposal).filter_by(workshop_id=copy.workshop.id).one()
        reply = services.save_section(
            copy.workshop,
            Identity(copy.workshop.id, "facilitator"),
            {"proposal_id": restored.id, "section": "kebaruan", "base_version": 2, "text": "Baru."},
        )
        assert (reply["result"], reply["section"]["version"]) == ("saved", 3)
