"""Anonymous evaluations: the form the facilitator sets, one form a phone, the
recap once closed, and nothing anywhere that ties an answer to a participant."""

from __future__ import annotations

import io
import json

from docx import Document
from openpyxl import load_workbook

from tests.assessments.helpers import activities, client_id, go, room
from tests.conftest import events_of
from workshop.assessments.evaluation import ORGANISATION_ITEMS, SPEAKER_ITEMS
from workshop.assessments.models import EvaluationReceipt, EvaluationResponse
from workshop.extensions import db


def form(scores: dict[str, int], comment: str = "") -> dict[str, object]:
    return {"scores": scores, "comment": comment}


def filled(speaker: int, organisation: int, comment: str = "") -> dict[str, object]:
    return {
        "speaker:0": form({key: speaker for key, *_ in SPEAKER_ITEMS}, comment),
        "organisation": form({key: organisation for key, *_ in ORGANISATION_ITEMS}),
    }


def set_up(r, scale: int = 5) -> int:
    phase_id = r.phases["evaluation"]
    reply = r.boss.emit(
        "evaluation:form",
        {"phase_id": phase_id, "scale": scale, "speakers": ["Dr. Sari Wulandari"]},
        callback=True,
    )
    assert reply["ok"], reply
    go(r.boss, phase_id)
    return phase_id


def submit(sock, answers, cid=None):
    payload = {"client_id": cid or client_id(), "answers": answers}
    return sock.emit("evaluation:submit", payload, callback=True)


def test_one_form_a_phone_and_the_recap_once_closed(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for, bank=False)
    phase_id = set_up(r)
    for sock in (r.boss, r.projector, r.andi, r.budi):
        sock.get_received()
    assert submit(r.andi, filled(5, 4, "Sangat jelas"))["duplicate"] is False
    again = submit(r.andi, filled(1, 1, "changed my mind"))
    assert again["ok"] and again["duplicate"] is True  # the first form counts
    assert submit(r.budi, filled(4, 3))["ok"]
    with app.app_context():
        assert db.session.query(EvaluationReceipt).count() == 2
        assert db.session.query(EvaluationResponse).count() == 4
    # While open the cockpit hears how many have sent it, nothing of what they said.
    heard = [e["data"] for e in events_of(r.boss, "evaluation.submitted")]
    assert heard == [{"phase_id": phase_id, "count": 1}, {"phase_id": phase_id, "count": 2}]
    assert events_of(r.budi, "evaluation.submitted") == []
    assert activities(r.boss)["evaluation"]["recaps"] == {}

    recap = r.boss.emit("evaluation:close", {"phase_id": phase_id}, callback=True)["recap"]
    speaker, organisation = recap["targets"]
    assert speaker["name"] == "Dr. Sari Wulandari" and speaker["n"] == 2
    assert {item["mean"] for item in speaker["items"]} == {4.5} and speaker["mean"] == 4.5
    assert organisation["mean"] == 3.5 and speaker["comments"] == ["Sangat jelas"]
    assert activities(r.boss)["evaluation"]["recaps"][str(phase_id)] == recap
    reply = submit(r.budi, filled(1, 1))
    assert reply["ok"] is False  # closed
    # The projector and phones get the count, never the recap.
    assert "recap" not in events_of(r.projector, "evaluation.closed")[0]["data"]
    state = activities(r.andi, sector_id=r.ws.sector_ids[0])["evaluation"]
    assert state["sent"] == [phase_id] and "recaps" not in state


def test_a_form_missing_an_item_or_out_of_scale_is_refused_and_nothing_kept(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for, bank=False)
    set_up(r, scale=4)
    answers = filled(5, 4)  # 5 on a 1-4 scale
    assert submit(r.andi, answers)["error"]["code"] == "invalid"
    partial = filled(3, 3)
    del partial["organisation"]  # type: ignore[attr-defined]
    assert submit(r.andi, partial)["error"]["code"] == "invalid"
    with app.app_context():
        assert db.session.query(EvaluationReceipt).count() == 0
        assert db.session.query(EvaluationResponse).count() == 0
    assert submit(r.andi, filled(4, 4))["ok"]  # and the phone may still send a good one


def test_nothing_ties_an_evaluation_to_a_participant_in_pages_or_exports(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for, bank=False)
    phase_id = set_up(r)
    submit(r.andi, filled(5, 5, "Komentar Andi"))
    submit(r.budi, filled(2, 2, "Komentar Budi"))
    r.boss.emit("evaluation:close", {"phase_id": phase_id}, callback=True)
    state = activities(r.boss)["evaluation"]
    names = ("Andi", "Budi", "participant_id")
    recap = json.dumps(state["recaps"])
    assert not any(
        name in recap.replace("Komentar Andi", "").replace("Komentar Budi", "") for name in names
    )
    # Comments come in alphabetical order, never in the order they were sent.
    assert state["recaps"][str(phase_id)]["targets"][0]["comments"] == [
        "Komentar Andi",
        "Komentar Budi",
    ]
    with app.app_context():
        assert not hasattr(EvaluationResponse, "participant_id")
        assert not hasattr(EvaluationResponse, "created_at")


def test_the_report_has_the_recap_with_its_chart_and_no_names(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    ws = make_workshop()
    boss_browser = facilitator(ws)
    r = room(lambda: ws, phone, presenter, lambda _ws: boss_browser, socket_for, bank=False)
    phase_id = set_up(r)
    submit(r.andi, filled(5, 4, "Materi sangat bermanfaat"))
    submit(r.budi, filled(3, 2))
    r.boss.emit("evaluation:close", {"phase_id": phase_id}, callback=True)
    got = boss_browser.get(f"/w/{ws.code}/export/docx")
    assert got.status_code == 200, got.status_code
    doc = Document(io.BytesIO(got.data))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "Dr. Sari Wulandari" in cells and "Penguasaan materi" in cells
    assert "4" in cells and "Materi sangat bermanfaat" in text
    recap_tables = [
        t for t in doc.tables if any("Penguasaan materi" in c.text for c in t.columns[1].cells)
    ]
    assert recap_tables
    for table in recap_tables:  # the recap's tables carry no participant
        shown = "\n".join(c.text for row in table.rows for c in row.cells)
        assert "Andi" not in shown and "Budi" not in shown
    pictures = [r for r in doc.part.rels.values() if "image" in r.reltype]
    assert pictures  # the recap's chart
    book = load_workbook(io.BytesIO(boss_browser.get(f"/w/{ws.code}/export/xlsx").data))
    assert all(
        "Komentar" not in str(c.value)
        for s in book.worksheets
        for row in s.iter_rows()
        for c in row
    )


def test_the_largest_form_fits_in_one_event(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    from workshop.assessments.evaluation import COMMENT_MAX, MAX_SPEAKERS

    r = room(make_workshop, phone, presenter, facilitator, socket_for, bank=False)
    names = [f"Narasumber ke-{n}" for n in range(MAX_SPEAKERS)]
    too_many = r.boss.emit(
        "evaluation:form",
        {"phase_id": r.phases["evaluation"], "speakers": [*names, "Satu lagi"]},
        callback=True,
    )
    assert too_many["ok"] is False and too_many["error"]["fields"] == {"speakers": "Tidak valid."}
    reply = r.boss.emit(
        "evaluation:form",
        {"phase_id": r.phases["evaluation"], "scale": 5, "speakers": names},
        callback=True,
    )
    assert reply["ok"], reply
    go(r.boss, r.phases["evaluation"])
    comment = "é" * COMMENT_MAX  # two bytes a letter in UTF-8
    answers = {
        f"speaker:{n}": form({key: 5 for key, *_ in SPEAKER_ITEMS}, comment)
        for n in range(MAX_SPEAKERS)
    }
    answers["organisation"] = form({key: 5 for key, *_ in ORGANISATION_ITEMS}, comment)
    assert submit(r.andi, answers)["ok"]


def test_the_recap_chart_s_legend_covers_no_bar():
    """Two speakers' bars side by side: the legend naming them sits where no bar
    is, at the form's top score too (it sat on the last bar before)."""
    from matplotlib.patches import Rectangle

    from workshop.assessments.chart import means_figure

    items = [{"label": f"Butir penilaian {n}", "mean": 4.0} for n in range(7)]
    targets = [
        {"name": "Dr. Andi Mappaseling", "items": items},
        {"name": "Ir. Sitti Rahmah, M.Si.", "items": items},
    ]
    figure = means_figure({"scale": 4}, targets)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    (legend,) = figure.legends
    box = legend.get_window_extent(renderer)
    axes = figure.axes[0]
    bars = [p for p in axes.patches if isinstance(p, Rectangle)]
    assert len(bars) == 14
    assert not any(box.overlaps(bar.get_window_extent(renderer)) for bar in bars)
    assert box.y0 >= 0 and box.x0 >= 0, "whole on the picture"
