"""The workspace page and each proposal's Word draft over HTTP: who may open
them, and the draft as a user's Word opens it (python-docx)."""

from __future__ import annotations

import io

import docx
import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from .conftest import BOTTLENECK, ROOT, SOLUTION, ok


@pytest.fixture
def written(promoted):
    proposal, author = promoted["proposal"], promoted["author"]
    for key, text in (
        ("ringkasan", " ".join(["kata"] * 210)),
        ("adaptabilitas", "Kecamatan lain dapat meniru layanan ini.\nCukup satu nomor WhatsApp."),
    ):
        payload = {"proposal_id": proposal["id"], "section": key, "base_version": 1, "text": text}
        ok(author.emit("proposal:save", payload, callback=True))
    pid = proposal["id"]
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
            {"proposal_id": pid, "section": "adaptabilitas", "score": 70},
            callback=True,
        )
    )
    return promoted


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_word_draft_holds_every_section_in_order_with_facts_checklist_and_score(
    app, written, facilitator
):
    ws, proposal = written["ws"], written["proposal"]
    response = facilitator(ws).get(f"/w/{ws.code}/proposals/{proposal['id']}.docx")
    with app.test_request_context(), force_locale("id"):
        assessment_heading = _("Self-assessment")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="proposal-kipp-'
    )
    document = docx.Document(io.BytesIO(response.data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "1. Ringkasan",
        "2. Latar belakang dan tujuan (bobot 10%)",
        "3. Kebaruan/nilai tambah (bobot 15%)",
        "4. Implementasi (bobot 5%)",
        "5. Signifikansi (bobot 30%)",
        "6. Adaptabilitas (bobot 20%)",
        "7. Sumber daya (bobot 5%)",
        "8. Strategi keberlanjutan (bobot 15%)",
        assessment_heading,
    ]
    text = paragraphs(document)
    assert SOLUTION in text
    assert (
        "Kecamatan lain dapat meniru layanan ini." in text and "Cukup satu nomor WhatsApp." in text
    )
    ringkasan = text.index("1. Ringkasan")
    assert "(210" in text[ringkasan + 1] and "200" in text[ringkasan + 1], "its count and limit"
    assert " 10 " in text[ringkasan + 3], "the words over the limit, after the text kept whole"
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert facts["Sumbatan"] == BOTTLENECK and facts["Akar masalah"] == ROOT
    assert facts["Skor USG"] == "U 5 · S 4 · G 3 = 12" and facts["Instansi"] == "Disdukcapil"
    assert "\u2611 Efektif" in text and "\u2610 Kebaruan" in text
    scores = {row.cells[0].text: row.cells[2].text for row in document.tables[1].rows[1:]}
    assert scores["Adaptabilitas"] == "70" and scores["Ringkasan"] == "-"
    assert "14.0" in text[-1], "70 x 20% = 14 of 100"


def test_the_kipp_export_holds_every_proposal_as_written(written, facilitator):
    ws = written["ws"]
    response = facilitator(ws).get(f"/w/{ws.code}/export/kipp")
    document = docx.Document(io.BytesIO(response.data))
    assert "Kecamatan lain dapat meniru layanan ini." in paragraphs(document)


def test_phones_of_the_workshop_may_download_and_others_may_not(
    written, phone, client, make_workshop
):
    ws, proposal = written["ws"], written["proposal"]
    url = f"/w/{ws.code}/proposals/{proposal['id']}.docx"
    assert phone(ws, "Tamu", sector=2).get(url).status_code == 200, "drafts are read by everyone"
    assert client.get(url).status_code == 403
    other = make_workshop(title="Lain")
    assert phone(other).get(f"/w/{other.code}/proposals/{proposal['id']}.docx").status_code == 404


def test_a_withdrawn_proposal_is_downloaded_by_steering_only(written, phone, facilitator):
    ws, proposal = written["ws"], written["proposal"]
    ok(written["boss"].emit("proposal:withdraw", {"proposal_id": proposal["id"]}, callback=True))
    url = f"/w/{ws.code}/proposals/{proposal['id']}.docx"
    assert phone(ws).get(url).status_code == 404
    assert facilitator(ws).get(url).status_code == 200


def test_the_workspace_page_opens_for_phones_and_the_facilitator(
    make_workshop, phone, facilitator, client
):
    ws = make_workshop()
    page = phone(ws, sector=1).get(f"/w/{ws.code}/proposals")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "proposal-page.js" in body and f'"sector_id": {ws.sector_ids[1]}' in body
    assert '{weight}%"' in body, "a percent sign, not a doubled one"
    steering = facilitator(ws).get(f"/w/{ws.code}/proposals").get_data(as_text=True)
    assert 'id="promote-items"' in steering
    assert client.get(f"/w/{ws.code}/proposals").status_code == 302
    board = phone(ws).get(f"/w/{ws.code}/board").get_data(as_text=True)
    assert f"/w/{ws.code}/proposals" in board
