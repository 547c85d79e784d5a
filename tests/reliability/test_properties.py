"""Random sequences of events from several phones and the facilitator, with
connections dropped and restored; after every step the invariants hold and
every connected client's view equals what the server would show it.

Invariants: vote budgets and caps hold; sequence numbers strictly increase,
one per event; no solution without its bottleneck; merged cards keep their
votes without double counting; a client that reconnects with its last
sequence number converges to the server's state. The clients' state is kept
by the browser's own static/js/shared/store.js, run in node (tests/js/store-driver.js).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import func, select

from tests.conftest import events_of
from tests.node import NodeDriver
from workshop.core.cards import Card
from workshop.core.models import Workshop
from workshop.core.votes import Vote
from workshop.extensions import db
from workshop.realtime.models import Event


class Pages(NodeDriver):
    """The browser's own state code (static/js/shared/store.js and stream.js's Cursor),
    run by node: each page's view is rebuilt from the very snapshots and
    broadcasts the server sent, by the code the pages run."""

    def __init__(self) -> None:
        super().__init__("store-driver.js")


class PageState:
    """What one client shows: a Store and a Cursor of the real store.js, in node."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.id = pages.call(op="new")["id"]
        self.seq: int | None = None

    def load(self, reply: dict[str, Any]) -> None:
        self.seq = self.pages.call(op="reply", id=self.id, reply=reply)["seq"]

    def apply(self, message: dict[str, Any]) -> None:
        self.seq = self.pages.call(op="event", id=self.id, message=message)["seq"]

    def view(self, sector_id: int | None) -> dict[int, tuple[str, str, int | None]]:
        cards = self.pages.call(op="cards", id=self.id)["cards"]
        return {
            c["id"]: (c["text"], c.get("status", "visible"), c.get("votes"))
            for c in cards
            if sector_id is None or c["sector_id"] == sector_id
        }


def same(mine: dict[int, tuple[str, str, int | None]], cards: list[dict[str, Any]]) -> None:
    """The client's cards are the server's: same ids, texts and statuses, and the
    same tallies wherever the client has been told one."""
    truth = {c["id"]: (c["text"], c.get("status", "visible"), c.get("votes")) for c in cards}
    assert set(mine) == set(truth), (mine, truth)
    for cid, (text, status, votes) in truth.items():
        assert mine[cid][:2] == (text, status)
        if mine[cid][2] is not None and votes is not None:
            assert mine[cid][2] == votes


def run_machine(app, make_workshop, phone, facilitator, socket_for, pages, socket_post):
    class Session(RuleBasedStateMachine):
        @initialize(budget=st.integers(1, 3), cap=st.sampled_from([None, 1, 2]))
        def start(self, budget, cap):
            self.ws = make_workshop()
            self.budget, self.cap = budget, cap
            self.posts = 0
            self.boss = socket_for(facilitator(self.ws), self.ws)
            reply = self.boss.emit(
                "settings:update", {"vote_budget": budget, "vote_cap": cap}, callback=True
            )
            assert reply["ok"], reply
            self.boss_state = PageState(pages)
            self.boss_state.load(self.boss.emit("sync", {}, callback=True))
            self.phones = []
            for n, sector in enumerate((0, 0, 1)):
                browser = phone(self.ws, f"Peserta {n}", sector=sector)
                board = self.ws.sector_ids[sector]
                sock = socket_for(browser, self.ws)
                state = PageState(pages)
                state.load(sock.emit("sync", {"sector_id": board}, callback=True))
                self.phones.append(
                    {
                        "browser": browser,
                        "sock": sock,
                        "board": board,
                        "state": state,
                        "online": True,
                    }
                )
            self.phase("identify")

        # -- helpers -----------------------------------------------------------

        def phase(self, kind):
            phases = self.boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
            target = next(p for p in phases if p["kind"] == kind)
            assert self.boss.emit("phase:set", {"phase_id": target["id"]}, callback=True)["ok"]
            self.deliver()

        def deliver(self):
            """Hand every connected client the broadcasts it received."""
            for message in events_of(self.boss):
                self.boss_state.apply(message)
            for p in self.phones:
                if p["online"]:
                    for message in events_of(p["sock"]):
                        p["state"].apply(message)

        def cards(self, **where):
            with app.app_context():
                query = select(Card).where(Card.workshop_id == self.ws.id)
                for name, value in where.items():
                    query = query.where(getattr(Card, name) == value)
                return [(c.id, c.kind, c.sector_id) for c in db.session.scalars(query)]

        # -- rules -------------------------------------------------------------

        @rule(who=st.integers(0, 2), text=st.text(min_size=1, max_size=40).filter(str.strip))
        def post_bottleneck(self, who, text):
            p = self.phones[who]
            if not p["online"]:
                return
            self.posts += 1
            socket_post(p["sock"], p["board"], text, client_id=f"prop-{self.posts:06d}")
            self.deliver()

        @rule(who=st.integers(0, 2), pick=st.integers(0, 50))
        def post_solution(self, who, pick):
            p = self.phones[who]
            parents = self.cards(kind="bottleneck", status="visible")
            if not p["online"] or not parents:
                return
            self.posts += 1
            parent = parents[pick % len(parents)][0]
            socket_post(
                p["sock"],
                None,
                "Solusi",
                client_id=f"prop-{self.posts:06d}",
                kind="solution",
                parent_id=parent,
            )
            self.deliver()

        @rule(who=st.integers(0, 2), pick=st.integers(0, 50), back=st.booleans())
        def vote(self, who, pick, back):
            p = self.phones[who]
            cards = self.cards(status="visible")
            if not p["online"] or not cards:
                return
            card = cards[pick % len(cards)][0]
            p["sock"].emit(
                "vote:retract" if back else "vote:cast", {"card_id": card}, callback=True
            )
            self.deliver()

        @rule(kind=st.sampled_from(["identify", "vote", "prioritise", "lobby"]))
        def change_phase(self, kind):
            self.phase(kind)

        @rule(
            name=st.sampled_from(["anonymous", "concealed", "votes_revealed", "approval_required"]),
            value=st.booleans(),
        )
        def toggle(self, name, value):
            self.boss.emit("settings:update", {name: value}, callback=True)
            # No snapshot: each board's cards come once as "board.shown", and the
            # page's own store.js reshapes its board from them.
            self.deliver()

        @rule(
            pick=st.integers(0, 50),
            action=st.sampled_from(["hide", "show", "delete", "restore", "approve"]),
        )
        def moderate(self, pick, action):
            cards = self.cards()
            if cards:
                card = cards[pick % len(cards)][0]
                self.boss.emit("card:status", {"card_id": card, "action": action}, callback=True)
                self.deliver()

        @rule(a=st.integers(0, 50), b=st.integers(0, 50))
        def merge(self, a, b):
            cards = self.cards(kind="bottleneck", status="visible")
            if len(cards) < 2:
                return
            (source, _, board), (target, _, other_board) = (
                cards[a % len(cards)],
                cards[b % len(cards)],
            )
            if source == target:
                return
            if board != other_board:
                # Only cards of one board merge: the server refuses, and nothing moves.
                reply = self.boss.emit(
                    "card:merge", {"source_id": source, "target_id": target}, callback=True
                )
                assert reply["error"]["code"] == "invalid", reply
                self.deliver()
                return
            with app.app_context():

                def per_voter(card_id):
                    return Counter(
                        db.session.scalars(
                            select(Vote.participant_id).where(Vote.card_id == card_id)
                        )
                    )

                before_s, before_t = per_voter(source), per_voter(target)
            reply = self.boss.emit(
                "card:merge", {"source_id": source, "target_id": target}, callback=True
            )
            assert reply["ok"], reply
            with app.app_context():
                after = per_voter(target)
                assert not per_voter(source), "no dot stays on a merged card"
            expected = {pid: max(before_s[pid], before_t[pid]) for pid in before_s | before_t}
            assert dict(after) == {k: v for k, v in expected.items() if v}
            self.deliver()

        @rule(who=st.integers(0, 1), missed=st.integers(1, 4))
        def blackout(self, who, missed):
            """A phone loses its connection while its neighbour posts, then comes back."""
            p, neighbour = self.phones[who], self.phones[1 - who]
            if not (p["online"] and neighbour["online"]):
                return
            p["sock"].disconnect()
            p["online"] = False
            for _ in range(missed):
                self.posts += 1
                socket_post(
                    neighbour["sock"],
                    neighbour["board"],
                    f"Selama putus {self.posts}",
                    client_id=f"prop-{self.posts:06d}",
                )
            self.deliver()
            p["sock"] = socket_for(p["browser"], self.ws)
            p["online"] = True
            p["state"].load(
                p["sock"].emit(
                    "sync", {"sector_id": p["board"], "since": p["state"].seq}, callback=True
                )
            )

        @rule(who=st.integers(0, 2))
        def drop(self, who):
            p = self.phones[who]
            if p["online"]:
                p["sock"].disconnect()
                p["online"] = False

        @precondition(lambda self: any(not p["online"] for p in self.phones))
        @rule(who=st.integers(0, 2))
        def reconnect(self, who):
            p = self.phones[who]
            if p["online"]:
                return
            p["sock"] = socket_for(p["browser"], self.ws)
            p["online"] = True
            p["state"].load(
                p["sock"].emit(
                    "sync", {"sector_id": p["board"], "since": p["state"].seq}, callback=True
                )
            )

        # -- invariants ----------------------------------------------------------

        @invariant()
        def budgets_and_caps_hold(self):
            with app.app_context():
                rows = db.session.execute(
                    select(Vote.participant_id, Vote.kind, func.count())
                    .where(Vote.workshop_id == self.ws.id)
                    .group_by(Vote.participant_id, Vote.kind)
                ).all()
                assert all(count <= self.budget for _p, _k, count in rows)
                if self.cap is not None:
                    per_card = (
                        db.session.execute(
                            select(func.count())
                            .where(Vote.workshop_id == self.ws.id)
                            .group_by(Vote.participant_id, Vote.card_id)
                        )
                        .scalars()
                        .all()
                    )
                    assert all(count <= self.cap for count in per_card)

        @invariant()
        def sequence_numbers_strictly_increase(self):
            with app.app_context():
                seqs = db.session.scalars(
                    select(Event.seq).where(Event.workshop_id == self.ws.id).order_by(Event.id)
                ).all()
                assert seqs == list(range(1, len(seqs) + 1))
                assert db.session.get(Workshop, self.ws.id).seq == len(seqs)

        @invariant()
        def no_solution_without_its_bottleneck(self):
            with app.app_context():
                for card in db.session.scalars(
                    select(Card).where(Card.workshop_id == self.ws.id, Card.kind == "solution")
                ):
                    parent = db.session.get(Card, card.parent_id)
                    assert parent is not None and parent.kind == "bottleneck"
                    assert parent.workshop_id == self.ws.id and parent.sector_id == card.sector_id

        @invariant()
        def every_connected_client_shows_the_servers_state(self):
            snap = self.boss.emit("sync", {}, callback=True)["snapshot"]
            same(self.boss_state.view(None), snap["cards"])
            for p in self.phones:
                if p["online"]:
                    reply = p["sock"].emit("sync", {"sector_id": p["board"]}, callback=True)
                    same(p["state"].view(p["board"]), reply["snapshot"]["cards"])

    Session.TestCase.settings = settings(
        max_examples=20,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    return Session


# The checks after each step sync every client many times a second; flood
# control is tested on its own (test_floods_and_limits.py).
@pytest.mark.parametrize("app_config", [{"EVENT_BURST": 1_000_000}])
def test_random_sessions_keep_every_invariant(
    app, make_workshop, phone, facilitator, socket_for, socket_post, app_config
):
    from hypothesis.stateful import run_state_machine_as_test

    pages = Pages()
    try:
        machine = run_machine(
            app, make_workshop, phone, facilitator, socket_for, pages, socket_post
        )
        run_state_machine_as_test(machine, settings=machine.TestCase.settings)
    finally:
        pages.close()
