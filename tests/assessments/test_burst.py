"""A test's burst: the whole room answers ten questions or more within a minute
(bench/load.py --tests). An answer runs a few statements built once, none of
them through the ORM's unit of work, and a retry writes nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from tests.assessments.helpers import activities, answer, client_id, go, room
from workshop.assessments.models import QuizAnswer
from workshop.extensions import db


def statements_of(app: Any, send: Any) -> list[str]:
    """The SQL statements `send()` runs, each as its verb and table."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        words = statement.split()
        verb = words[0].upper()
        # the outer statement's table: its last FROM (a subquery's comes first)
        tables = [words[i + 1] for i, w in enumerate(words[:-1]) if w.upper() in ("FROM", "INTO")]
        table = words[1] if verb == "UPDATE" else (tables[-1] if tables else "")
        seen.append(f"{verb} {table}".strip())

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        send()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_an_answer_is_a_few_statements_and_a_retry_writes_nothing(
    app, make_workshop, phone, presenter, facilitator, socket_for
):
    r = room(make_workshop, phone, presenter, facilitator, socket_for)
    first, second = (q["id"] for q in activities(r.boss)["pretest"]["bank"])
    go(r.boss, r.phases["pretest"])
    cid = client_id()
    replies: list[dict[str, Any]] = []
    opened = ["BEGIN", "SELECT workshop", "SELECT participant", "SELECT quiz_question"]
    counted = ["SELECT quiz_answer"]  # how many this phone has answered
    told = ["UPDATE workshop", "INSERT event"]  # the workshop's seq, the event

    def send(question: int, choice: int, cid: str) -> None:
        replies.append(answer(r.andi, question, choice, cid))

    # The first answer of the room also counts the phones that have answered.
    assert statements_of(app, lambda: send(first, 0, cid)) == [
        *opened,
        "INSERT quiz_answer",
        *counted,
        "SELECT quiz_answer",
        *told,
    ]
    assert statements_of(app, lambda: send(second, 1, client_id())) == [
        *opened,
        "INSERT quiz_answer",
        *counted,
        *told,
    ]
    # A retry and another tap on an answered question: the first answer, nothing told.
    for cid_again, choice in ((cid, 0), (client_id(), 1)):
        assert statements_of(app, lambda c=cid_again, n=choice: send(first, n, c)) == [
            *opened,
            "INSERT quiz_answer",  # ON CONFLICT DO NOTHING: nothing written
            "SELECT quiz_answer",  # the answer kept
            *counted,
        ]
    assert [(a["ok"], a["duplicate"], a["answer"]["choice"]) for a in replies] == [
        (True, False, 0),
        (True, False, 1),
        (True, True, 0),
        (True, True, 0),
    ]
    assert replies[-1]["answer"]["answered"] == 2
    with app.app_context():  # written whole, as the ORM would have
        rows = db.session.query(QuizAnswer).order_by(QuizAnswer.id).all()
        assert [(row.question_id, row.choice, row.stage) for row in rows] == [
            (first, 0, "pretest"),
            (second, 1, "pretest"),
        ]
        assert rows[0].client_id == cid and all(row.answered_at for row in rows)
        assert all(row.phase_id == r.phases["pretest"] for row in rows)
