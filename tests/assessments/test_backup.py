"""The tests and the evaluations in the JSON backup: the bank, each phone's answers
and the closings come back in an imported copy with the same results; the
evaluations come back as their answers alone, with no participant anywhere."""

from __future__ import annotations

import json

from tests.assessments.helpers import answer, go, room
from tests.assessments.test_evaluation import filled, set_up, submit
from workshop.assessments import evaluation, services
from workshop.core.models import Phase, Workshop
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.extensions import db
from workshop.realtime.broadcast import commit_and_broadcast


def test_the_backup_carries_the_tests_and_the_evaluations_without_names(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    bank = r.boss.emit("sync", {}, callback=True)["snapshot"]["activities"]["pretest"]["bank"]
    first, second = (q["id"] for q in bank)
    go(r.boss, r.phases["pretest"])
    answer(r.andi, first, 0)  # right
    answer(r.budi, first, 1)  # wrong
    assert r.boss.emit("test:close", {"stage": "pretest"}, callback=True)["ok"]
    go(r.boss, r.phases["posttest"])
    answer(r.andi, first, 0)
    answer(r.andi, second, 1)
    answer(r.budi, first, 0)
    assert r.boss.emit("test:close", {"stage": "posttest"}, callback=True)["ok"]
    phase_id = set_up(r)
    assert submit(r.andi, filled(5, 4, "Komentar Andi"))["ok"]
    assert submit(r.budi, filled(3, 2))["ok"]
    assert r.boss.emit("evaluation:close", {"phase_id": phase_id}, callback=True)["ok"]

    with app.app_context():
        workshop = db.session.get(Workshop, r.ws.id)
        original = json.loads(json.dumps(document(workshop)))
        kept = original["assessments"]
        assert [q["text"] for q in kept["bank"]] == [q["text"] for q in bank]
        assert len(kept["answers"]) == 5 and {c["stage"] for c in kept["closed"]} == {
            "pretest",
            "posttest",
        }
        [form] = kept["evaluations"]
        assert form["speakers"] == ["Dr. Sari Wulandari"] and len(form["answers"]) == 4
        written = json.dumps(kept["evaluations"])
        assert "participant" not in written and "Andi Rahmawati" not in written
        results = services.results(workshop)
        recap = evaluation.recap(
            workshop, evaluation.form_of(workshop, db.session.get_one(Phase, phase_id))
        )

        copy = import_workshop(original).workshop
        commit_and_broadcast()
        copy = db.session.get(Workshop, copy.id)
        assert json.loads(json.dumps(document(copy)))["assessments"] == kept
        # The copy's results, and its recap counting both forms, are the original's.
        again = services.results(copy)

        def same(rows):  # apart from the copy's own ids
            return [
                {k: v for k, v in row.items() if k not in ("id", "participant_id")} for row in rows
            ]

        assert same(again["people"]) == same(results["people"])
        assert same(again["questions"]) == same(results["questions"])
        assert again["average"] == results["average"]
        [step] = evaluation.evaluation_phases(copy)
        assert evaluation.recap(copy, evaluation.form_of(copy, step)) == recap
        assert recap["count"] == 2
