"""Who sees a question, in what form, with which actions: the policy's rows for
speakers' questions (realtime/policy.py, `Viewer.question`), as a table."""

from __future__ import annotations

import pytest

from workshop.realtime.policy import (
    BACKUP_VIEW,
    DISPLAY_VIEW,
    PUBLIC_VIEW,
    REPORT_VIEW,
    STEERING_VIEW,
    participant_view,
)

AUTHOR, OTHER = 5, 6


def question(status="visible", anonymous=False, answered=False):
    return {
        "id": 1,
        "phase_id": 2,
        "text": "Tanya",
        "status": status,
        "anonymous": anonymous,
        "author": {"id": AUTHOR, "name": "Andi"},
        "votes": 0,
        "answered": answered,
    }


VIEWERS = {
    "steering": STEERING_VIEW,
    "projector": DISPLAY_VIEW,
    "participants": PUBLIC_VIEW,
    "another participant": participant_view(OTHER),
    "its author": participant_view(AUTHOR),
    "report": REPORT_VIEW,
    "backup": BACKUP_VIEW,
}
# viewer -> (sees it pending, sees it hidden, sees the name when anonymous, actions when visible)
TABLE = {
    "steering": (True, True, False, ["hide", "highlight", "answer"]),
    "projector": (False, False, False, []),
    "participants": (False, False, False, ["upvote"]),
    "another participant": (False, False, False, ["upvote"]),
    "its author": (True, False, True, []),
    "report": (False, False, False, []),
    "backup": (True, True, False, []),
}


@pytest.mark.parametrize("name", list(TABLE))
def test_who_sees_a_question_and_what_they_may_do(name):
    viewer = VIEWERS[name]
    pending, hidden, named, actions = TABLE[name]
    assert (viewer.question(question("pending")) is not None) == pending
    assert (viewer.question(question("hidden")) is not None) == hidden
    shown = viewer.question(question(anonymous=True))
    assert shown is not None and (shown["author"] is not None) == named
    assert viewer.question(question())["author"]["name"] == "Andi"  # a named question is named
    assert viewer.question(question())["actions"] == actions


def test_steering_moderates_by_status_and_nobody_upvotes_an_answered_question():
    assert STEERING_VIEW.question(question("pending"))["actions"] == ["approve", "hide"]
    assert STEERING_VIEW.question(question("hidden"))["actions"] == ["show"]
    assert participant_view(OTHER).question(question(answered=True))["actions"] == []


def test_a_question_that_goes_out_of_sight_is_removed_and_a_new_unseen_one_is_not_sent():
    hidden = {"seq": 3, "type": "questions.updated", "sector_id": None, "data": question("hidden")}
    assert PUBLIC_VIEW.question_event(hidden)["type"] == "questions.removed"
    new = {**hidden, "type": "questions.created", "data": question("pending")}
    assert PUBLIC_VIEW.question_event(new) is None
    assert participant_view(AUTHOR).question_event(new)["data"]["status"] == "pending"
