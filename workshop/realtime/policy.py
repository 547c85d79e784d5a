"""Who sees what: the one visibility policy.

A `Viewer` is a kind of reader (`ViewerKind`: the steering staff, the
projector's display, a participant, a filed report, a backup) and answers every
question about what reaches it: which rooms its connection joins, whether an
event reaches it and in what form, which stored events a replay may send it,
whether it sees a card and in what shape (with the actions it may take on it),
and what an export may contain. Broadcast, replay, ticks, the snapshot,
acknowledgements and the exports all ask it, so a new kind of card is made
visible here, once. It answers from two tables: `READERS` (one row a viewer
kind: what it receives and reads) and `CAPABILITIES` (one row a card action:
the card kinds, and for each viewer kind the statuses and named conditions).

Steering staff see everything. The projector and participants see visible
cards while the boards are not concealed, without their authors in anonymous
mode, and vote tallies once revealed; a participant also sees their own cards
while the boards are concealed or a card waits for approval. Proposals being
drafted are read by everyone and edited by steering and their sector's group.
A filed report holds the visible cards only (concealment is a matter of the live room), and
neither a report nor a backup names authors in anonymous mode.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from sqlalchemy import ColumnElement, or_

from ..core.access import Identity
from ..core.cards import (
    BOTTLENECK,
    CAUSE,
    DELETED,
    HIDDEN,
    KINDS,
    MERGED,
    PENDING,
    SOLUTION,
    TRANSITIONS,
    VISIBLE,
)
from ..core.models import VIEW_SETTINGS, Workshop
from .models import DISPLAY, EVERYONE, STEERING, Event
from .rooms import (
    display_room,
    key_room,
    participant_room,
    people_room,
    sector_room,
    steering_room,
    workshop_room,
)


class ViewerKind(StrEnum):
    """The kinds of reader; the page is told its own (`viewer.kind` in the page config)."""

    STEERING = "steering"  # the facilitator and co-facilitators
    DISPLAY = "display"  # the projector (a presenter's link)
    PARTICIPANT = "participant"
    REPORT = "report"  # a filed document: the Excel, Word and HTML exports
    BACKUP = "backup"  # the JSON backup of the whole workshop


_CARD_EVENTS = ("card.created", "card.updated")
# A board's cards after a change of what others may see (facilitation.services).
BOARD_SHOWN = "board.shown"
# The follow-up of a planned solution (followup/services.py), and the progress
# per agency that goes with it to steering.
FOLLOW_UP_EVENT = "followup.updated"
PROGRESS_EVENT = "followup.progress"
# The card the facilitator puts large on the projector (presenter/services.py):
# {card_id | null}, stamped for the DISPLAY audience, so steering and the
# projector hear of it and participants do not.
SPOTLIGHT_EVENT = "spotlight.updated"
SPOTLIGHT_AUDIENCE = DISPLAY
# The join QR the facilitator brings up large on the projector for one phase
# (presenter/services.py, `join:show`): {phase_id | null}, for the same audience.
JOIN_EVENT = "join.shown"
JOIN_AUDIENCE = DISPLAY
# How many participants have voted: the room's progress, for those who steer only
# (a participant must not watch who is done; the projector does not need it).
VOTING_PROGRESS_EVENT = "voting.progress"
# A card's tally; a board's tallies batched in a vote storm (voting/tallies.py).
TALLY_EVENT = "votes.updated"
TALLIES_EVENT = "votes.tallied"
TALLY_EVENTS = (TALLY_EVENT, TALLIES_EVENT)
VOTING_PROGRESS_AUDIENCE = STEERING
# Speakers' questions (workshop/questions/, issue 28): a question as each viewer
# may see it (`Viewer.question`), or `questions.removed` for one it may no longer.
QUESTION_EVENTS = ("questions.created", "questions.updated")
QUESTION_REMOVED = "questions.removed"
_SHAPED_EVENTS = _CARD_EVENTS + QUESTION_EVENTS
# Polls and word clouds (polls/services.py), each kind's events named after it
# (`poll.updated`, `wordcloud.updated`...; shared/activities.js routes them by
# that name): a step's whole state to everyone on every change the facilitator
# makes; the counts as answers arrive to the projector and steering only (a
# burst of 300 answers is not sent to 300 phones); an entry the profanity
# filter held, to steering only. Shaped by `Viewer.poll` rather than rows of
# ACTIVITY_FORMS below: what a viewer sees of them depends on the step's
# `visible` (live results, or revealed) and on each term's `hidden`.
POLL_EVENTS = {"poll": "poll.updated", "wordcloud": "wordcloud.updated"}
POLL_COUNT_EVENTS = {"poll": "poll.counted", "wordcloud": "wordcloud.counted"}
POLL_COUNT_AUDIENCE = DISPLAY
POLL_HELD_EVENT = "wordcloud.held"
POLL_HELD_AUDIENCE = STEERING
_POLL_EVENTS = frozenset((*POLL_EVENTS.values(), *POLL_COUNT_EVENTS.values()))
# What of a poll only those who moderate see: entries held back, terms taken off.
_POLL_MODERATION = ("held", "hidden_terms")
# What of a poll its results are: shown once `visible` (live, or revealed).
_POLL_RESULTS = ("counts", "terms")


@dataclass(frozen=True)
class Settings:
    """The workshop settings that decide what those who do not steer may see."""

    concealed: bool = False
    anonymous: bool = False
    votes_revealed: bool = True
    cause_depth: int = 3  # how many "why?" levels a problem tree may have

    @classmethod
    def of(cls, workshop: Workshop) -> Settings:
        return cls(**{name: getattr(workshop, name) for name in VIEW_SETTINGS})


# -- the table of viewer kinds: what each kind receives and reads -----------------


@dataclass(frozen=True)
class Reader:
    """One row of the table of viewer kinds."""

    # The stored audiences (realtime/models.py) whose events reach it.
    audiences: tuple[str, ...] = (EVERYONE,)
    # The rooms its connections join at once (a member also joins its own room).
    rooms: tuple[Callable[[int], str], ...] = ()
    # Steers the workshop: gets every event whole, edits every proposal being
    # drafted, reports the follow-up of any planned solution.
    steering: bool = False
    # A member of a sector's group and an agency (a participant): follows one
    # board at a time, edits its group's proposals, reports its agency's follow-up.
    member: bool = False
    # Every card, follow-up and proposal whatever its status, not only visible ones.
    sees_all: bool = False
    # Concealed boards hide the cards from it (a live screen, not a filed report).
    concealable: bool = False
    # Names the authors of cards and scores in anonymous mode.
    names_authors: bool = False
    # Names who reported a follow-up status in anonymous mode.
    names_reporters: bool = False
    # Sees vote tallies before the facilitator reveals them.
    sees_tallies: bool = False
    # Sees poll and word-cloud results before the facilitator reveals them.
    sees_results: bool = False


READERS: Mapping[ViewerKind, Reader] = {
    ViewerKind.STEERING: Reader(
        audiences=(EVERYONE, DISPLAY, STEERING),
        rooms=(steering_room,),
        steering=True,
        sees_all=True,
        names_authors=True,
        names_reporters=True,
        sees_tallies=True,
        sees_results=True,
    ),
    ViewerKind.DISPLAY: Reader(
        audiences=(EVERYONE, DISPLAY), rooms=(workshop_room, display_room), concealable=True
    ),
    ViewerKind.PARTICIPANT: Reader(
        rooms=(workshop_room, people_room), member=True, concealable=True
    ),
    ViewerKind.REPORT: Reader(names_reporters=True, sees_tallies=True, sees_results=True),
    ViewerKind.BACKUP: Reader(
        sees_all=True, names_reporters=True, sees_tallies=True, sees_results=True
    ),
}


# -- the table of capabilities: who may do what to which card in which status -----

# A condition on the card beyond its kind and status, asked of a viewer.
Condition = Callable[["Viewer", dict[str, Any], Settings], bool]


def seen(viewer: Viewer, card: dict[str, Any], settings: Settings) -> bool:
    """The viewer sees the card (a participant: public, or their own)."""
    return viewer.sees(card.get("status", VISIBLE), _author_id(card), settings)


def own(viewer: Viewer, card: dict[str, Any], settings: Settings) -> bool:
    """The viewer wrote the card."""
    author_id = _author_id(card)
    return author_id is not None and viewer.owns(author_id)


def takes_causes(viewer: Viewer, card: dict[str, Any], settings: Settings) -> bool:
    """A bottleneck chosen for root causes, or a cause not yet as deep as allowed."""
    if card.get("kind") == BOTTLENECK:
        return bool(card.get("analysed"))
    return card.get("kind") == CAUSE and int(card.get("depth") or 0) < settings.cause_depth


@dataclass(frozen=True)
class Grant:
    """One cell of the table: the statuses a card must be in, and the conditions."""

    statuses: frozenset[str]
    when: tuple[Condition, ...] = ()


def allow(statuses: Iterable[str], *when: Condition) -> Grant:
    return Grant(frozenset(statuses), when)


@dataclass(frozen=True)
class Capability:
    """One row of the table: an action, the kinds of card it applies to, and for each
    kind of viewer that may take it, in which statuses and on what conditions."""

    action: str
    kinds: Collection[str]
    grants: Mapping[ViewerKind, Grant]


def can(action: str, kinds: Collection[str], **grants: Grant) -> Capability:
    """A row of the table; each keyword is a viewer kind (`steering=`, `participant=`)."""
    return Capability(action, kinds, {ViewerKind(kind): grant for kind, grant in grants.items()})


LIVE = (VISIBLE, PENDING, HIDDEN)  # neither deleted nor merged: steering works on it
OPEN = (VISIBLE, PENDING)  # on the board, or waiting for approval
SHOWN = (VISIBLE,)
ANY = (VISIBLE, PENDING, HIDDEN, DELETED, MERGED)
BOTTLENECKS, SOLUTIONS, CAUSES = (BOTTLENECK,), (SOLUTION,), (CAUSE,)

# What a viewer may do to a card, apart from what the phase opens, in the order
# the card's `actions` lists them: one row an action, the card kinds it applies
# to, then for each kind of viewer that may take it the statuses and conditions.
# The projector, a report and a backup take no action.
# fmt: off
CAPABILITIES: tuple[Capability, ...] = (
    # The status changes (core/cards.py TRANSITIONS): approve, hide, show, delete, restore.
    *(can(action, KINDS, steering=allow(sources)) for action, (sources, _) in TRANSITIONS.items()),
    can("unmerge", KINDS,       steering=allow([MERGED])),
    can("edit",    KINDS,       steering=allow(LIVE)),
    can("merge",   KINDS,       steering=allow(LIVE)),
    can("vote",    KINDS,       steering=allow(SHOWN), participant=allow(SHOWN, seen)),
    # Not on one's own card either (voting/support.py refuses it), a rule left out of
    # the table: there it would make every author's form of every card differ from
    # the public form, one more message an author for each card event and reveal.
    can("support", BOTTLENECKS + SOLUTIONS, participant=allow(SHOWN, seen)),
    can("move",    BOTTLENECKS, steering=allow(LIVE)),
    can("cluster", BOTTLENECKS, steering=allow(LIVE)),
    can("assess",  BOTTLENECKS, steering=allow(LIVE),  participant=allow(OPEN, seen)),
    can("analyse", BOTTLENECKS, steering=allow(LIVE)),
    can("plan",    SOLUTIONS,   steering=allow(LIVE),  participant=allow(ANY, own)),
    can("root",    CAUSES,      steering=allow(LIVE)),
    can("solve",   BOTTLENECKS, steering=allow(OPEN),  participant=allow(OPEN, seen)),
    can("cause",   BOTTLENECKS + CAUSES,
        steering=allow(OPEN, takes_causes), participant=allow(OPEN, seen, takes_causes)),
)
# fmt: on
def _granted() -> dict[tuple[ViewerKind, str, str], tuple[tuple[str, tuple[Condition, ...]], ...]]:
    """The table read by (viewer kind, card kind, status): the actions granted there,
    in the table's order, each with the conditions left to ask. Made once, so that
    shaping a card (five times a post) asks no row that cannot apply."""
    index: dict[tuple[ViewerKind, str, str], list[tuple[str, tuple[Condition, ...]]]] = {}
    for capability in CAPABILITIES:
        for viewer_kind, grant in capability.grants.items():
            for kind in capability.kinds:
                for status in grant.statuses:
                    cell = index.setdefault((viewer_kind, kind, status), [])
                    cell.append((capability.action, grant.when))
    return {key: tuple(cell) for key, cell in index.items()}


GRANTED = _granted()


# -- activities of the agenda (issue 28): what each viewer kind sees of their events

WHOLE: tuple[str, ...] = ("*",)  # every field of the event's data


@dataclass(frozen=True)
class ActivityForm:
    """One row of the activities' table: an event type, and for each viewer kind the
    fields of its data that reach it (a kind not named gets nothing). `owner`
    names the field holding the participant the data is about: that participant
    gets `own` fields too (their own signature entry, say), in a form of their own."""

    type: str
    fields: Mapping[ViewerKind, tuple[str, ...]]
    owner: str | None = None
    own: tuple[str, ...] = ()


# fmt: off
ACTIVITY_FORMS: Mapping[str, ActivityForm] = {row.type: row for row in (
    # attendance: steering sees who signed (the picture only over HTTP, never in
    # an event); the projector and phones the day's count; the signer their own entry.
    ActivityForm("attendance.signed", {
        ViewerKind.STEERING: WHOLE,
        ViewerKind.DISPLAY: ("day", "count"),
        ViewerKind.PARTICIPANT: ("day", "count"),
        ViewerKind.BACKUP: WHOLE,
    }, owner="participant_id", own=("id", "name", "agency", "position", "signed_at")),
    # pretest, posttest, evaluation (assessments/): a phone is never sent a right
    # answer while a test is open, nor anyone's score but its own; the bank whole
    # for steering only. Evaluations carry no participant: counts, then the recap.
    ActivityForm("pretest.bank", {
        ViewerKind.STEERING: WHOLE,
        ViewerKind.DISPLAY: ("count",),
        ViewerKind.PARTICIPANT: ("count",),
    }),
    *(ActivityForm(f"{stage}.questions", {  # the open test's, never a right answer
        ViewerKind.STEERING: WHOLE, ViewerKind.DISPLAY: WHOLE, ViewerKind.PARTICIPANT: WHOLE,
    }) for stage in ("pretest", "posttest")),
    *(ActivityForm(f"{stage}.answered", {
        ViewerKind.STEERING: ("stage", "participant_id", "answered", "phones"),
        ViewerKind.DISPLAY: ("stage", "phones"),
    }, owner="participant_id", own=("stage", "question_id", "choice", "answered"))
      for stage in ("pretest", "posttest")),
    ActivityForm("pretest.closed", {
        ViewerKind.STEERING: WHOLE,
        ViewerKind.DISPLAY: ("stage", "total", "average", "phones", "questions"),
        ViewerKind.PARTICIPANT: ("stage",),
    }),
    ActivityForm("posttest.closed", {  # the right answers and explanations, at last
        ViewerKind.STEERING: WHOLE,
        ViewerKind.DISPLAY: ("stage", "total", "average", "phones", "questions"),
        ViewerKind.PARTICIPANT: ("stage", "key"),
    }),
    *(ActivityForm(f"{stage}.score", {}, owner="participant_id",
                   own=("stage", "score", "total", "pre", "gain"))
      for stage in ("pretest", "posttest")),
    ActivityForm("evaluation.form", {
        ViewerKind.STEERING: WHOLE, ViewerKind.DISPLAY: WHOLE, ViewerKind.PARTICIPANT: WHOLE,
    }),
    ActivityForm("evaluation.submitted", {
        ViewerKind.STEERING: WHOLE, ViewerKind.DISPLAY: WHOLE,
    }),
    ActivityForm("evaluation.closed", {
        ViewerKind.STEERING: WHOLE,
        ViewerKind.DISPLAY: ("phase_id", "count"),
        ViewerKind.PARTICIPANT: ("phase_id",),
    }),
)}
# fmt: on
# The events an activity shapes: its ACTIVITY_FORMS rows, and the questions', each
# question shown by its own rule (`Viewer.question`: its status, author, anonymity);
# the polls' and word clouds' (`Viewer.poll`: their results once visible).
_ACTIVITY_EVENTS = frozenset(ACTIVITY_FORMS) | frozenset(QUESTION_EVENTS) | _POLL_EVENTS


def activity_form(viewer: Viewer, row: ActivityForm, data: dict[str, Any]) -> dict[str, Any] | None:
    """`data` as this viewer may see it under `row`, or None when it sees nothing."""
    fields = row.fields.get(viewer.kind)
    if fields == WHOLE:
        return data
    owner = data.get(row.owner) if row.owner else None
    mine = isinstance(owner, int) and viewer.owns(owner)
    if fields is None and not mine:
        return None
    shown = {name: data[name] for name in fields or () if name in data}
    if mine:
        shown.update({name: data[name] for name in row.own if name in data}, mine=True)
    return shown


# -- the viewer --------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    kind: ViewerKind
    # For PARTICIPANT: whose view; None is the form every participant in a room gets.
    participant_id: int | None = None

    @classmethod
    def of(cls, identity: Identity) -> Viewer:
        if identity.can_steer:
            return STEERING_VIEW
        if identity.is_staff:
            return DISPLAY_VIEW
        return participant_view(identity.participant_id)

    @cached_property
    def reader(self) -> Reader:
        """This kind of viewer's row in the table of viewer kinds."""
        return READERS[self.kind]

    @property
    def steering(self) -> bool:
        return self.reader.steering

    @property
    def sees_progress(self) -> bool:
        """Whether the room's progress (who has voted so far) reaches this viewer:
        the steering staff (facilitator, co-facilitator) only, as its audience says."""
        return self.receives(VOTING_PROGRESS_AUDIENCE)

    # -- connections -------------------------------------------------------------

    def rooms(self, workshop_id: int, key_id: int | None = None) -> list[str]:
        """The rooms a connection joins at once; a participant adds one board on sync."""
        rooms = [room(workshop_id) for room in self.reader.rooms]
        if self.reader.member:
            rooms.append(participant_room(workshop_id, self.participant_id or 0))
        if key_id is not None:
            rooms.append(key_room(key_id))
        return rooms

    def watches_one_board(self) -> bool:
        """Participants follow one sector board at a time; staff follow them all."""
        return self.reader.member

    # -- events --------------------------------------------------------------------

    def receives(self, audience: str) -> bool:
        return audience in self.audiences()

    def audiences(self) -> tuple[str, ...]:
        return self.reader.audiences

    def replay_filter(self, sector_id: int | None) -> list[ColumnElement[bool]]:
        """SQL conditions on the event log for the events a replay may send."""
        conditions: list[ColumnElement[bool]] = []
        if not self.steering:
            conditions.append(Event.audience.in_(self.audiences()))
        if sector_id is not None:
            conditions.append(or_(Event.sector_id.is_(None), Event.sector_id == sector_id))
        return conditions

    def event(
        self, message: dict[str, Any], audience: str, settings: Settings
    ) -> dict[str, Any] | None:
        """The stored event `message` as this viewer receives it, or None."""
        if not self.receives(audience):
            return None
        kind = message["type"]
        if kind == BOARD_SHOWN:
            return self.board(message)
        if kind in _ACTIVITY_EVENTS:
            return self.activity(message)
        if kind in _CARD_EVENTS:
            card = self.card(message["data"], settings)
            if card is not None:
                return {**message, "data": card}
            if kind == "card.created":
                return None
            # It may have been on this viewer's screen: take it off.
            return {**message, "type": "card.removed", "data": {"id": message["data"]["id"]}}
        if kind in TALLY_EVENTS and not self.shows_votes(settings):
            return None
        if kind == FOLLOW_UP_EVENT:
            item = self.follow_up_item(message["data"], settings)
            return None if item is None else {**message, "data": item}
        if kind == "proposal.updated" and not self.reads_proposal(message["data"]["active"]):
            return {**message, "type": "proposal.removed", "data": {"id": message["data"]["id"]}}
        return message

    def activity(self, message: dict[str, Any]) -> dict[str, Any] | None:
        """An activity's event as this viewer receives it (ACTIVITY_FORMS; a question by
        its own rule; a poll's or a word cloud's by `poll`, its results depending on
        the step), or None."""
        if message["type"] in QUESTION_EVENTS:
            return self.question_event(message)
        if message["type"] in _POLL_EVENTS:
            return {**message, "data": self.poll(message["data"])}
        shown = activity_form(self, ACTIVITY_FORMS[message["type"]], message["data"])
        return None if shown is None else {**message, "data": shown}

    def board(self, message: dict[str, Any]) -> dict[str, Any] | None:
        """A board's cards as this viewer now sees them, all of them (`complete`).

        Steering sees every card in every setting: a change of what others see
        changes nothing for it. The settings are the event's own (`data`), so
        a replay shapes the cards as they were shown then.
        """
        if self.steering:
            return None
        data = message["data"]
        settings = Settings(**data["settings"])
        shown = (self.card(card, settings) for card in data["cards"])
        cards = [card for card in shown if card is not None]
        form = {"sector_id": data["sector_id"], "cards": cards, "complete": True}
        return {**message, "data": form}

    # -- the follow-up of action plans ---------------------------------------------

    def follow_up_item(self, item: dict[str, Any], settings: Settings) -> dict[str, Any] | None:
        """A planned solution's follow-up as this viewer may see it, or None.

        Those who do not steer see the items of visible solutions only, and the
        name of who reported a status not at all in anonymous mode.
        """
        if self.reader.sees_all:
            return item
        if item.get("card_status") != VISIBLE:
            return None
        by = item.get("updated_by")
        if by and settings.anonymous and not self.reader.names_reporters:
            return {**item, "updated_by": {**by, "name": None}}
        return item

    def follows_up(self, item: dict[str, Any], agency_key: str, settings: Settings) -> bool:
        """Whether this viewer may report the status of `item`: steering any item; a
        participant (of the agency compared as `agency_key`, followup/services.py)
        one they see whose owner agency is theirs."""
        if self.steering:
            return True
        if not self.reader.member or self.follow_up_item(item, settings) is None:
            return False
        return bool(agency_key) and item.get("agency_key") == agency_key

    # -- cards ---------------------------------------------------------------------

    def sees(self, status: str, author_id: int | None, settings: Settings) -> bool:
        if self.reader.sees_all:
            return True
        hidden = self.reader.concealable and settings.concealed
        public = status == VISIBLE and not hidden
        return public or (self.owns(author_id) and status in OPEN)

    def shows_author(self, author_id: int | None, settings: Settings) -> bool:
        return self.reader.names_authors or not settings.anonymous or self.owns(author_id)

    @property
    def sees_spotlight(self) -> bool:
        """The spotlight is the projector's: shown there, steered by staff, not on phones
        (its audience: the snapshot asks this, broadcasts and replays the audience)."""
        return self.receives(SPOTLIGHT_AUDIENCE)

    def shows_votes(self, settings: Settings) -> bool:
        return self.reader.sees_tallies or settings.votes_revealed

    def card(self, data: dict[str, Any], settings: Settings) -> dict[str, Any] | None:
        """The card as this viewer may see it, with the actions it may take, or None."""
        author_id = _author_id(data)
        if not self.sees(data.get("status", VISIBLE), author_id, settings):
            return None
        shown = dict(data)
        if not self.shows_author(author_id, settings):
            shown["author"] = None
        scores: dict[str, Any] | None = shown.get("assessment")
        scorer = scores.get("changed_by") if scores else None
        if scores and scorer and not self.shows_author(scorer.get("id"), settings):
            # Anonymous mode: "changed by a member of the group", not who.
            shown["assessment"] = {**scores, "changed_by": {"id": None, "name": None}}
        if not self.shows_votes(settings):
            shown.pop("votes", None)
        shown["actions"] = self.actions(data, settings)
        return shown

    def actions(self, data: dict[str, Any], settings: Settings) -> list[str]:
        """What this viewer may do to the card, apart from what the phase opens."""
        key = (self.kind, str(data.get("kind")), str(data.get("status", VISIBLE)))
        held: dict[Condition, bool] = {}  # each condition asked once a card
        granted = []
        for action, when in GRANTED.get(key, ()):
            for condition in when:  # a plain loop: this runs five times a post
                if condition not in held:
                    held[condition] = condition(self, data, settings)
                if not held[condition]:
                    break
            else:
                granted.append(action)
        return granted

    def may(self, card: Any, action: str, settings: Settings) -> bool:
        """Whether this viewer may take `action` on a Card (services ask this)."""
        essentials = {
            "status": card.status,
            "kind": card.kind,
            "author": {"id": card.author_id},
            "analysed": card.analysed,
            "depth": card.depth,
        }
        return action in self.actions(essentials, settings)

    # -- speakers' questions (workshop/questions/) ----------------------------------

    def question(self, data: dict[str, Any]) -> dict[str, Any] | None:
        """A question as this viewer may see it, with the actions it may take, or None.

        Steering (and a backup) see every question; the projector, a report and the
        participants the approved ones, a participant also their own while it waits.
        The identity behind an anonymous question reaches nobody but its author: not
        the other participants, not the projector, not the facilitator, not a report
        or a backup (decided for issue 28: a critical question to an official is asked
        only if anonymity is real)."""
        status = data.get("status")
        author_id = _author_id(data)
        mine = self.owns(author_id)
        if not (self.reader.sees_all or status == VISIBLE or (mine and status == PENDING)):
            return None
        shown = dict(data)
        if data.get("anonymous") and not mine:
            shown["author"] = None
        shown["actions"] = self.question_actions(status, mine, bool(data.get("answered")))
        return shown

    def question_actions(self, status: object, mine: bool, answered: bool) -> list[str]:
        """What this viewer may do to a question: a participant upvotes another's
        approved, unanswered question; steering moderates, highlights and answers."""
        if self.steering:
            steer = {PENDING: ["approve", "hide"], VISIBLE: ["hide", "highlight", "answer"]}
            return steer.get(str(status), ["show"])
        if self.reader.member and status == VISIBLE and not mine and not answered:
            return ["upvote"]
        return []

    def question_event(self, message: dict[str, Any]) -> dict[str, Any] | None:
        shown = self.question(message["data"])
        if shown is not None:
            return {**message, "data": shown}
        if message["type"] == QUESTION_EVENTS[0]:
            return None  # a new question this viewer may not see: nothing at all
        return {**message, "type": QUESTION_REMOVED, "data": {"id": message["data"]["id"]}}

    # -- polls and word clouds -----------------------------------------------------

    def poll(self, data: dict[str, Any]) -> dict[str, Any]:
        """A poll or word cloud (its state, or a count) as this viewer may see it.

        Its results (`counts`, `terms`) only once `visible` (live results, or
        revealed) unless the viewer sees results anyway (steering, a report);
        the terms the facilitator hid and the entries held back by the
        profanity filter only to those who see everything (steering, a backup).
        """
        shown = dict(data)
        if not self.reader.sees_all:
            for key in _POLL_MODERATION:
                shown.pop(key, None)
            if "terms" in shown:
                shown["terms"] = [term for term in shown["terms"] if not term.get("hidden")]
        if not (self.reader.sees_results or data.get("visible")):
            for key in _POLL_RESULTS:
                shown.pop(key, None)
        return shown

    # -- proposals -----------------------------------------------------------------

    def reads_proposal(self, active: bool) -> bool:
        """A proposal being drafted is the workshop's shared work: every viewer reads it,
        a participant of any sector too (as they may open any board); one the
        facilitator withdrew is seen by steering (and kept in backups) only."""
        return active or self.reader.sees_all

    def edits_proposal(self, active: bool, sector_id: int, own_sector_id: int | None) -> bool:
        """Steering edits every proposal being drafted; a participant only those of
        their own sector's group (`own_sector_id`); nobody else, and none withdrawn."""
        if not active:
            return False
        if self.steering:
            return True
        return self.reader.member and own_sector_id is not None and own_sector_id == sector_id

    def owns(self, author_id: int | None) -> bool:
        """Whether `author_id` is this viewer's: a participant's own card or score."""
        return self.participant_id is not None and author_id == self.participant_id


def _author_id(data: dict[str, Any]) -> int | None:
    author = data.get("author") or {}
    value = author.get("id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


STEERING_VIEW = Viewer(ViewerKind.STEERING)
DISPLAY_VIEW = Viewer(ViewerKind.DISPLAY)
PUBLIC_VIEW = Viewer(ViewerKind.PARTICIPANT)
REPORT_VIEW = Viewer(ViewerKind.REPORT)
BACKUP_VIEW = Viewer(ViewerKind.BACKUP)


def participant_view(participant_id: int | None) -> Viewer:
    return Viewer(ViewerKind.PARTICIPANT, participant_id)


def deliveries_of(
    workshop_id: int, message: dict[str, Any], audience: str, settings: Settings
) -> list[tuple[list[str], dict[str, Any]]]:
    """Every (rooms, form) a broadcast goes out as, in the order they are sent.

    Staff get it whole. A card goes to the projector and to the participants in
    their own forms (they differ in the actions offered), the author's own form
    last and only where it differs, so that on the author's screen their own
    view is what stays. Other events reach the projector and participants as one.
    """
    if message["type"] == BOARD_SHOWN:
        return _board_deliveries(workshop_id, message)
    if message["type"] in ACTIVITY_FORMS:
        return _activity_deliveries(workshop_id, message, audience, settings)
    out = _delivery([steering_room(workshop_id)], STEERING_VIEW.event(message, audience, settings))
    if audience == STEERING:
        return out
    if audience == DISPLAY or message["type"] in _SHAPED_EVENTS:
        shown = DISPLAY_VIEW.event(message, audience, settings)
        out += _delivery([display_room(workshop_id)], shown)
        if audience != DISPLAY:
            out += _card_deliveries(workshop_id, message, audience, settings)
        return out
    sector_id = message["sector_id"]
    rooms = (
        [workshop_room(workshop_id)]
        if sector_id is None
        else [sector_room(workshop_id, sector_id), display_room(workshop_id)]
    )
    return out + _delivery(rooms, PUBLIC_VIEW.event(message, audience, settings))


def _delivery(
    rooms: list[str], form: dict[str, Any] | None
) -> list[tuple[list[str], dict[str, Any]]]:
    """The one delivery of `form` to `rooms`, or none when the viewer gets nothing."""
    return [] if form is None else [(rooms, form)]


def _card_deliveries(
    workshop_id: int, message: dict[str, Any], audience: str, settings: Settings
) -> list[tuple[list[str], dict[str, Any]]]:
    """A card event to the participants: the public form to the board's watchers
    (or to every participant, for a card between boards), then the author's own."""
    sector_id = message["sector_id"]
    public = PUBLIC_VIEW.event(message, audience, settings)
    people = people_room(workshop_id) if sector_id is None else sector_room(workshop_id, sector_id)
    out = _delivery([people], public)
    author = _author_id(message["data"])
    if author is not None:
        own = participant_view(author).event(message, audience, settings)
        if own != public:
            out += _delivery([participant_room(workshop_id, author)], own)
    return out


def _board_deliveries(
    workshop_id: int, message: dict[str, Any]
) -> list[tuple[list[str], dict[str, Any]]]:
    """A `board.shown`: the projector's form, the public form to the board's
    watchers, then to each author the own cards that look different to them
    (`complete: false`, after the public form, so that theirs is what stays)."""
    data = message["data"]
    sector_id = data["sector_id"]
    settings = Settings(**data["settings"])
    public = {card["id"]: PUBLIC_VIEW.card(card, settings) for card in data["cards"]}

    def form(cards: list[dict[str, Any]], complete: bool) -> dict[str, Any]:
        return {**message, "data": {"sector_id": sector_id, "cards": cards, "complete": complete}}

    out = []
    shown = DISPLAY_VIEW.board(message)
    if shown is not None:
        out.append(([display_room(workshop_id)], shown))
    everyone = [card for card in public.values() if card is not None]
    out.append(([sector_room(workshop_id, sector_id)], form(everyone, True)))
    own: dict[int, list[dict[str, Any]]] = {}
    for card in data["cards"]:
        author = _author_id(card)
        if author is None:
            continue
        theirs = participant_view(author).card(card, settings)
        if theirs is not None and theirs != public[card["id"]]:
            own.setdefault(author, []).append(theirs)
    for author, cards in own.items():
        out.append(([participant_room(workshop_id, author)], form(cards, False)))
    return out


def _activity_deliveries(
    workshop_id: int, message: dict[str, Any], audience: str, settings: Settings
) -> list[tuple[list[str], dict[str, Any]]]:
    """An activity's event: steering's form, the projector's, the participants'
    (whoever's it is not), then its owner's own form where it differs."""
    out = _delivery([steering_room(workshop_id)], STEERING_VIEW.event(message, audience, settings))
    out += _delivery([display_room(workshop_id)], DISPLAY_VIEW.event(message, audience, settings))
    public = PUBLIC_VIEW.event(message, audience, settings)
    out += _delivery([people_room(workshop_id)], public)
    row = ACTIVITY_FORMS[message["type"]]
    owner = message["data"].get(row.owner) if row.owner else None
    if isinstance(owner, int) and not isinstance(owner, bool):
        own = participant_view(owner).event(message, audience, settings)
        if own != public:
            out += _delivery([participant_room(workshop_id, owner)], own)
    return out
