"""Ids no row can have, thrown at every id field of every event by a phone and
the facilitator: integers past SQLite's 64 bits, booleans, floats, strings of
digits. Each is answered `invalid` (or, for an integer SQLite can hold,
whatever that id deserves), never `internal`, and nothing is logged."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import card_of
from workshop.core.validation import is_integer
from workshop.extensions import socketio
from workshop.realtime.frames import MALFORMED

# Each event that takes ids, with a payload that would pass (the ids filled in
# from the test's workshop by `payload`): one id field at a time is replaced.
IDS: dict[str, dict[str, Any]] = {
    "sync": {"sector_id": "sector", "since": 0},
    "card:post": {
        "client_id": "client-ids-0001",
        "kind": "bottleneck",
        "text": "Antrean",
        "sector_id": "sector",
        "parent_id": None,
        "addresses_id": None,
    },
    "card:enter": {
        "client_id": "client-ids-0002",
        "kind": "bottleneck",
        "text": "Kertas",
        "sector_id": "sector",
        "participant_id": "participant",
        "parent_id": None,
    },
    "vote:cast": {"card_id": "card", "participant_id": "participant"},
    "vote:retract": {"card_id": "card", "participant_id": "participant"},
    "card:support": {"card_id": "card"},
    "card:assess": {"card_id": "card"},
    "card:plan": {"card_id": "solution"},
    "plan:status": {"card_id": "solution"},
    "participant:sector": {"sector_id": "sector", "participant_id": "participant"},
    "card:similar": {"sector_id": "sector", "kind": "bottleneck", "text": "Antrean"},
    "suggestions:get": {"sector_id": "sector"},
    "suggestion:dismiss": {"kind": "merge", "cards": ["card", "solution"]},
    "card:edit": {"card_id": "solution", "addresses_id": None},
    "card:status": {"card_id": "card", "action": "hide"},
    "cards:approve_all": {"sector_id": "sector"},
    "cards:bulk": {"card_ids": ["card", "solution"], "action": "hide"},
    "card:move": {"card_id": "card", "sector_id": "sector"},
    "card:merge": {"source_id": "solution", "target_id": "card"},
    "card:unmerge": {"card_id": "card"},
    "cluster:save": {"id": None, "sector_id": "sector", "title": "Antrean"},
    "cluster:remove": {"cluster_id": 1},
    "card:cluster": {"card_id": "card", "cluster_id": 1},
    "spotlight:set": {"card_id": "card"},
    "focus:set": {"card_id": "card"},
    "causes:choose": {"card_id": "card", "chosen": True},
    "cause:root": {"card_id": "card", "root": True},
    "phase:set": {"phase_id": "phase"},
    "phase:save": {"id": "phase"},
    "phase:remove": {"phase_id": "phase"},
    "phase:move": {"phase_id": "phase", "direction": "up"},
    "sector:lock": {"sector_id": "sector", "locked": False},
    "proposal:promote": {"card_id": "solution"},
    "proposal:withdraw": {"proposal_id": 1},
    "proposal:get": {"proposal_id": 1},
    "proposal:title": {"proposal_id": 1, "title": "Usulan"},
    "proposal:history": {"proposal_id": 1, "section": "summary"},
    "proposal:save": {"proposal_id": 1, "section": "summary", "base_version": 0, "text": "T"},
    "proposal:assess": {"proposal_id": 1, "section": "summary", "score": 50},
    "proposal:kipp": {"proposal_id": 1, "group": "A"},
    "proposal:iid": {"proposal_id": 1, "profile": None},
    # Speakers' questions (workshop/questions/, issue 28).
    "question:ask": {"client_id": "client-ids-0003", "text": "Tanya"},
    "question:upvote": {"question_id": 1},
    "questions:configure": {"phase_id": "phase", "speaker": "Dr. A"},
    "question:moderate": {"question_id": 1, "action": "hide"},
    "question:highlight": {"question_id": 1},
    "question:answer": {"question_id": 1, "answered": True},
    # poll, wordcloud
    "poll:answer": {"phase_id": "phase", "choice": 1, "client_id": "client-ids-0005"},
    "wordcloud:answer": {"phase_id": "phase", "text": "Antrean", "client_id": "client-ids-0006"},
    "poll:save": {"phase_id": "phase", "question": "Apa?"},
    "poll:close": {"phase_id": "phase", "closed": True},
    "poll:reveal": {"phase_id": "phase", "revealed": True},
    "wordcloud:hide": {"phase_id": "phase", "term": "antrean", "hidden": True},
    "wordcloud:release": {"answer_id": 1},
    # pretest, posttest, evaluation (assessments/)
    "test:save": {"id": 1, "text": "Soal", "choices": ["Ya", "Tidak"], "answer": 0},
    "test:remove": {"id": 1},
    "test:answer": {"question_id": 1, "choice": 0, "client_id": "client-ids-answer"},
    "evaluation:form": {"phase_id": "phase", "scale": 4},
    "evaluation:close": {"phase_id": "phase"},
}
NO_IDS = {
    "phase:step",
    "timer:start",
    "timer:pause",
    "timer:resume",
    "timer:add",
    "timer:stop",
    "settings:update",
    "causes:choose_top",
    "bones:save",
    "pin:set",
    "join:show",
    "days:set",
    "attendance:link",
    "attendance:links",
    "test:close",  # pretest, posttest, evaluation (assessments/)
    "test:questions",
    "evaluation:state",
    "evaluation:submit",
}
FIELDS = [
    (event, field)
    for event, payload in IDS.items()
    for field in payload
    if (field.endswith("_id") and field != "client_id")
    or field in ("id", "since", "base_version", "cards", "card_ids")
]

NOT_AN_ID = st.one_of(
    st.sampled_from([2**63, -(2**63) - 1, -(2**64), 10**20, True, False, 1.0, "7", "00012"]),
    st.integers().filter(lambda n: not is_integer(n)),
    st.floats(),
    st.from_regex(r"\A-?[0-9]{1,25}\Z"),
    st.booleans(),
)
ANY_ID = st.one_of(NOT_AN_ID, st.sampled_from([0, -1, -(2**63), 2**63 - 1]), st.integers())


def test_every_event_is_listed_here(app):
    """A new event with ids gets its line in IDS, so this test throws at it too."""
    names = set(socketio.server.handlers["/"]) - {"connect", "disconnect", "*", MALFORMED}
    assert names == set(IDS) | NO_IDS


@pytest.mark.parametrize("app_config", [{"EVENT_BURST": 1_000_000}])
def test_no_id_reaches_a_statement_unchecked(
    make_workshop, phone, facilitator, socket_for, socket_post, caplog, app_config
):
    ws = make_workshop()
    sock = socket_for(phone(ws, "Andi"), ws)
    boss = socket_for(facilitator(ws), ws)
    sector = ws.sector_ids[0]
    card = card_of(socket_post(sock, sector, "Antrean", client_id="client-ids-base-1"))["id"]
    solution = card_of(
        socket_post(sock, None, "S", kind="solution", parent_id=card, client_id="client-ids-base-2")
    )["id"]
    snapshot = boss.emit("sync", {}, callback=True)["snapshot"]
    real = {
        "sector": sector,
        "card": card,
        "solution": solution,
        "participant": snapshot["participants"][0]["id"],
        "phase": snapshot["workshop"]["phases"][0]["id"],
    }
    caplog.set_level(logging.WARNING)

    @settings(
        max_examples=300,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(where=st.sampled_from(FIELDS), value=ANY_ID)
    def throw(where: tuple[str, str], value: Any) -> None:
        event, field = where
        payload = {
            name: [real.get(v, v) for v in given]
            if isinstance(given, list)
            else real.get(given, given)
            for name, given in IDS[event].items()
        }
        payload[field] = [value, card] if field in ("cards", "card_ids") else value
        for who in (sock, boss):
            reply = who.emit(event, payload, callback=True)
            assert reply["ok"] is True or reply["error"]["code"] != "internal", (event, payload)
            if not is_integer(value):
                assert reply["ok"] is False and reply["error"]["code"] == "invalid", (
                    event,
                    payload,
                    reply,
                )
                assert field in reply["error"]["fields"]

    throw()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize("sector_id", [2**63, -(2**64), 10**20, True, 3.0, "3"])
def test_a_catch_up_on_connect_with_a_bad_board_is_invalid(
    make_workshop, phone, socket_for, sector_id
):
    """The `sync` a connect carries (docs/PROTOCOL.md) is checked the same way."""
    ws = make_workshop()
    sock = socket_for(phone(ws), ws)
    sock.disconnect()
    sock.connect(auth={"workshop": ws.code, "sync": {"sector_id": sector_id}})
    (synced,) = [m["args"][0] for m in sock.get_received() if m["name"] == "synced"]
    assert synced["ok"] is False and synced["error"]["code"] == "invalid"
