"""Polls and word clouds in the Word report (read back with python-docx) and in
the JSON backup (exported, imported as a new workshop, exported again)."""

from __future__ import annotations

import io
import json

from docx import Document

from workshop.core.access import FACILITATOR, Identity
from workshop.core.models import Workshop
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.exports.services import export
from workshop.extensions import db
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.state.sync import snapshot

from .test_polls import add_step, answer, say


def made(room):
    """A hidden poll never revealed, and a word cloud with a held entry and a hidden term."""
    poll = add_step(room.boss, "poll")
    room.boss.emit(
        "poll:save",
        {
            "phase_id": poll,
            "question": "Layanan mana paling mendesak?",
            "options": [{"text": "KTP-el"}, {"text": "Akta lahir"}],
            "results": "hidden",
        },
        callback=True,
    )
    for sock, choice in zip(room.phones, (1, 1, 2), strict=True):
        assert answer(sock, poll, choice)["ok"]
    cloud = add_step(room.boss, "wordcloud")
    room.boss.emit("poll:save", {"phase_id": cloud, "question": "Satu kata?"}, callback=True)
    texts = ("antrean panjang", "Antrean panjang!", "calo")
    for sock, text in zip(room.phones, texts, strict=True):
        assert say(sock, cloud, text)["ok"]
    assert say(room.phones[0], cloud, "bangsat")["held"]
    hide = {"phase_id": cloud, "term": "calo", "hidden": True}
    assert room.boss.emit("wordcloud:hide", hide, callback=True)["ok"]
    return poll, cloud


def test_the_report_has_each_poll_and_word_cloud_with_its_chart_and_table(app, room):
    made(room)
    with app.app_context():
        workshop = db.session.get(Workshop, room.ws.id)
        before = len(Document(io.BytesIO(export(workshop, "docx").content)).inline_shapes)
        doc = Document(io.BytesIO(export(workshop, "docx").content))
    texts = [p.text for p in doc.paragraphs]
    assert any(t.endswith(". Polling dan awan kata") and t.startswith("Lampiran ") for t in texts)
    assert "Layanan mana paling mendesak?" in texts and "Satu kata?" in texts
    assert "3 peserta menjawab." in texts, "results never revealed in the room are filed"
    tables = {t.rows[0].cells[0].text: t for t in doc.tables}
    poll = [[c.text for c in row.cells] for row in tables["Pilihan"].rows]
    assert poll == [
        ["Pilihan", "Jawaban", "Persentase"],
        ["KTP-el", "2", "67%"],
        ["Akta lahir", "1", "33%"],
    ]
    cloud = [[c.text for c in row.cells] for row in tables["Kata atau frasa"].rows]
    assert cloud == [["Kata atau frasa", "Kali"], ["antrean panjang", "2"]], "none hidden or held"
    assert "bangsat" not in " ".join(texts)
    assert before == len(doc.inline_shapes) and len(doc.inline_shapes) >= 2
    assert doc.sections[-1].page_width < doc.sections[-1].page_height, "a portrait page"


def test_the_backup_carries_the_polls_and_an_import_counts_them_the_same(app, room):
    made(room)
    with app.app_context():
        original = document(db.session.get(Workshop, room.ws.id))
        assert [len(p["answers"]) for p in original["polls"]] == [3, 4]
        copy = import_workshop(json.loads(json.dumps(original)))
        commit_and_broadcast()
        again = document(db.session.get(Workshop, copy.workshop.id))
        assert again["polls"] == original["polls"]
        workshop = db.session.get(Workshop, copy.workshop.id)
        steering = Identity(workshop_id=workshop.id, role=FACILITATOR)
        state = snapshot(workshop, steering, None)["activities"]
        assert state["poll"][0]["counts"] == {"1": 2, "2": 1}
        assert [t["term"] for t in state["wordcloud"][0]["terms"]] == ["antrean panjang", "calo"]
        assert state["wordcloud"][0]["hidden_terms"] == ["calo"]
        assert len(state["wordcloud"][0]["held"]) == 1
