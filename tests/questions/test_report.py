"""The speakers' questions in the Word report (the session's minutes) and in the
JSON backup; neither names the author of an anonymous question."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from workshop.core.models import Workshop
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.exports.services import export
from workshop.extensions import db
from workshop.facilitation.services import save_phase, set_phase
from workshop.participants.services import join
from workshop.questions import services
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.workshops.services import create_workshop


@pytest.fixture
def asked(app):
    """A session with a speaker, three questions (one anonymous, one hidden) and upvotes."""
    with app.app_context():
        workshop = create_workshop("Bimtek Pelayanan", sector_names=["Kesehatan"]).workshop
        phase = save_phase(workshop, {"name": "Tanya jawab sesi 1", "kind": "questions"})
        set_phase(workshop, phase.id)
        services.configure(
            workshop,
            {"phase_id": phase.id, "speaker": "Dr. Ratna Sari", "topic": "Inovasi puskesmas"},
        )
        sector = workshop.active_sectors[0].id
        andi, budi, citra = (
            join(workshop, name=n, agency="Dinkes", position=None, sector_id=sector)
            for n in ("Andi Wijaya", "Budi Santoso", "Citra Lestari")
        )
        services.ask(workshop, andi, {"client_id": "q-named-001", "text": "Berapa biaya?"})
        secret, _ = services.ask(
            workshop,
            budi,
            {"client_id": "q-anon-0001", "text": "Siapa yang menerima pungli?", "anonymous": True},
        )
        hidden, _ = services.ask(workshop, citra, {"client_id": "q-hidden-01", "text": "Iklan"})
        services.moderate(workshop, hidden.id, "hide")
        services.upvote(workshop, citra, secret.id)
        services.upvote(workshop, andi, secret.id)
        services.answer(
            workshop,
            {"question_id": secret.id, "answered": True, "note": "Diserahkan ke Inspektorat."},
        )
        services.highlight(workshop, {"question_id": secret.id})
        commit_and_broadcast()
        yield workshop


def report_text(workshop):
    content = export(workshop, "docx").content
    doc = Document(io.BytesIO(content))
    rows = [" | ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    if "Notulen" in "".join(p.text for p in doc.paragraphs):
        # The minutes after the landscape matrix are on the body's portrait page again.
        last, body = doc.sections[-1], doc.sections[1]
        assert (last.orientation, last.left_margin) == (body.orientation, body.left_margin)
    return "\n".join(p.text for p in doc.paragraphs), rows


def test_the_report_holds_the_minutes_with_the_speakers_name(asked):
    paragraphs, rows = report_text(asked)
    assert "Dr. Ratna Sari" in paragraphs and "Inovasi puskesmas" in paragraphs
    minutes = [r for r in rows if "Berapa biaya?" in r or "pungli" in r]
    # The most upvoted first; the anonymous one unnamed, answered with its note.
    assert minutes[0].startswith("1 | Siapa yang menerima pungli?")
    assert "Anonim" in minutes[0] and "2" in minutes[0] and "Inspektorat" in minutes[0]
    assert "Andi Wijaya" in minutes[1]
    whole = paragraphs + "\n".join(rows)
    assert "Budi Santoso" not in "\n".join(minutes) and "Iklan" not in whole


def test_a_workshop_without_questions_has_no_minutes(app):
    with app.app_context():
        workshop = create_workshop("Tanpa tanya jawab").workshop
        commit_and_broadcast()
        paragraphs, _rows = report_text(workshop)
        assert "Notulen" not in paragraphs


def test_the_backup_carries_the_questions_without_anonymous_authors(asked):
    original = document(asked)
    kept = original["questions"]
    assert [q["text"] for q in kept["questions"]] == [
        "Berapa biaya?",
        "Siapa yang menerima pungli?",
        "Iklan",
    ]
    assert kept["questions"][1]["author"] is None and kept["questions"][0]["author"] is not None
    assert kept["sessions"][0]["speaker"] == "Dr. Ratna Sari"
    assert kept["sessions"][0]["highlighted"] == 2
    copy = import_workshop(json.loads(json.dumps(original)))
    commit_and_broadcast()
    again = document(db.session.get(Workshop, copy.workshop.id))
    assert again["questions"] == kept
    restored = services.questions_of(db.session.get(Workshop, copy.workshop.id))
    assert [q.votes for q, _name in restored] == [0, 2, 0]
