"""Who sees what: the one visibility policy.

A `Viewer` is a kind of reader (the steering staff, the projector, a
participant, a filed report, a backup) and answers every question about what
reaches it: which rooms its connection joins, whether an event reaches it and
in what form, which stored events a replay may send it, whether it sees a card
and in what shape (with the actions it may take on it), and what an export
may contain. Broadcast, replay, ticks, the snapshot, acknowledgements and the
exports all ask it, so a new kind of card is made visible here, once.

Steering staff see everything. The projector and participants see visible
cards while the boards are not concealed, without their authors in anonymous
mode, and vote tallies once revealed; a participant also sees their own cards
while the boards are concealed or a card waits for approval. Proposals being
drafted are read by everyone and edited by steering and their sector's group. A filed report
holds the visible cards only (concealment is a matter of the live room), and
neither a report nor a backup names authors in anonymous mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_

from ..core.access import Identity
from ..core.cards import (
    BOTTLENECK,
    CAUSE,
    DELETED,
    MERGED,
    PENDING,
    SOLUTION,
    TRANSITIONS,
    VISIBLE,
    agency_key,
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

STEER = "steering"
PROJECTOR = "display"
PARTICIPANT = "participant"
REPORT = "report"
BACKUP = "backup"

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
# How many participants have voted: the room's progress, for those who steer only
# (a participant must not watch who is done; the projector does not need it).
VOTING_PROGRESS_EVENT = "voting.progress"
# A card's tally; a board's tallies batched in a vote storm (voting/tallies.py).
TALLY_EVENT = "votes.updated"
TALLIES_EVENT = "votes.tallied"
TALLY_EVENTS = (TALLY_EVENT, TALLIES_EVENT)
VOTING_PROGRESS_AUDIENCE = STEERING


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


@dataclass(frozen=True)
class Viewer:
    kind: str
    # For PARTICIPANT: whose view; None is the form every participant in a room gets.
    participant_id: int | None = None

    @classmethod
    def of(cls, identity: Identity) -> Viewer:
        if identity.can_steer:
            return STEERING_VIEW
        if identity.is_staff:
            return DISPLAY_VIEW
        return cls(PARTICIPANT, identity.participant_id)

    @property
    def steering(self) -> bool:
        return self.kind == STEER

    @property
    def sees_progress(self) -> bool:
        """Whether the room's progress (who has voted so far) reaches this viewer:
        the steering staff (facilitator, co-facilitator) only, as its audience says."""
        return self.receives(VOTING_PROGRESS_AUDIENCE)

    # -- connections -------------------------------------------------------------

    def rooms(self, workshop_id: int, key_id: int | None = None) -> list[str]:
        """The rooms a connection joins at once; a participant adds one board on sync."""
        if self.kind == STEER:
            rooms = [steering_room(workshop_id)]
        elif self.kind == PROJECTOR:
            rooms = [workshop_room(workshop_id), display_room(workshop_id)]
        else:
            rooms = [
                workshop_room(workshop_id),
                people_room(workshop_id),
                participant_room(workshop_id, self.who),
            ]
        if key_id is not None:
            rooms.append(key_room(key_id))
        return rooms

    @property
    def who(self) -> int:
        return self.participant_id or 0

    def watches_one_board(self) -> bool:
        """Participants follow one sector board at a time; staff follow them all."""
        return self.kind == PARTICIPANT

    # -- events --------------------------------------------------------------------

    def receives(self, audience: str) -> bool:
        return audience in self.audiences()

    def audiences(self) -> tuple[str, ...]:
        if self.kind == STEER:
            return (EVERYONE, DISPLAY, STEERING)
        if self.kind == PROJECTOR:
            return (EVERYONE, DISPLAY)
        return (EVERYONE,)

    def replay_filter(self, sector_id: int | None) -> list[ColumnElement[bool]]:
        """SQL conditions on the event log for the events a replay may send."""
        conditions: list[ColumnElement[bool]] = []
        if self.kind != STEER:
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

    def board(self, message: dict[str, Any]) -> dict[str, Any] | None:
        """A board's cards as this viewer now sees them, all of them (`complete`).

        Steering sees every card in every setting: a change of what others see
        changes nothing for it. The settings are the event's own (`data`), so
        a replay shapes the cards as they were shown then.
        """
        if self.kind == STEER:
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
        if self.kind in (STEER, BACKUP):
            return item
        if item.get("card_status") != VISIBLE:
            return None
        by = item.get("updated_by")
        if by and settings.anonymous and self.kind != REPORT:
            return {**item, "updated_by": {**by, "name": None}}
        return item

    def follows_up(self, item: dict[str, Any], agency: str | None, settings: Settings) -> bool:
        """Whether this viewer may report the status of `item`: steering any item; a
        participant (of `agency`) one they see whose owner agency is theirs."""
        if self.kind == STEER:
            return True
        if self.kind != PARTICIPANT or self.follow_up_item(item, settings) is None:
            return False
        mine = agency_key(agency)
        return bool(mine) and item.get("agency_key") == mine

    # -- cards ---------------------------------------------------------------------

    def sees(self, status: str, author_id: int | None, settings: Settings) -> bool:
        if self.kind in (STEER, BACKUP):
            return True
        if self.kind == REPORT:
            return status == VISIBLE
        own = self._owns(author_id)
        public = status == VISIBLE and not settings.concealed
        return public or (own and status in (VISIBLE, PENDING))

    def shows_author(self, author_id: int | None, settings: Settings) -> bool:
        return self.kind == STEER or not settings.anonymous or self._owns(author_id)

    @property
    def sees_spotlight(self) -> bool:
        """The spotlight is the projector's: shown there, steered by staff, not on phones
        (its audience: the snapshot asks this, broadcasts and replays the audience)."""
        return self.receives(SPOTLIGHT_AUDIENCE)

    def shows_votes(self, settings: Settings) -> bool:
        return self.kind in (STEER, REPORT, BACKUP) or settings.votes_revealed

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
        status, kind = data.get("status", VISIBLE), data.get("kind")
        if self.kind == STEER:
            done = [a for a, (sources, _to) in TRANSITIONS.items() if status in sources]
            if status == MERGED:
                return [*done, "unmerge"]
            if status == DELETED:
                return done  # restore it first
            done += ["edit", "merge"]
            if status == VISIBLE:
                done.append("vote")
            if kind == BOTTLENECK:
                done += ["move", "cluster", "assess", "analyse"]
            if kind == SOLUTION:
                done.append("plan")
            if kind == CAUSE:
                done.append("root")
            if status in (VISIBLE, PENDING):
                if kind == BOTTLENECK:
                    done.append("solve")
                if _takes_causes(data, settings):
                    done.append("cause")
            return done
        if self.kind != PARTICIPANT:
            return []
        author_id = _author_id(data)
        seen = self.sees(status, author_id, settings)
        done = []
        if seen and status == VISIBLE:
            done.append("vote")
        if seen and kind == BOTTLENECK:
            done += ["assess", "solve"]
        if seen and _takes_causes(data, settings):
            done.append("cause")
        if kind == SOLUTION and author_id is not None and self._owns(author_id):
            done.append("plan")
        return done

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

    # -- proposals -----------------------------------------------------------------

    def reads_proposal(self, active: bool) -> bool:
        """A proposal being drafted is the workshop's shared work: every viewer reads it,
        a participant of any sector too (as they may open any board); one the
        facilitator withdrew is seen by steering (and kept in backups) only."""
        return active or self.kind in (STEER, BACKUP)

    def edits_proposal(self, active: bool, sector_id: int, own_sector_id: int | None) -> bool:
        """Steering edits every proposal being drafted; a participant only those of
        their own sector's group (`own_sector_id`); nobody else, and none withdrawn."""
        if not active:
            return False
        if self.kind == STEER:
            return True
        return self.kind == PARTICIPANT and own_sector_id is not None and own_sector_id == sector_id

    def _owns(self, author_id: int | None) -> bool:
        return self.participant_id is not None and author_id == self.participant_id


def _takes_causes(data: dict[str, Any], settings: Settings) -> bool:
    """A bottleneck chosen for root causes, or a cause not yet as deep as allowed."""
    if data.get("kind") == BOTTLENECK:
        return bool(data.get("analysed"))
    return data.get("kind") == CAUSE and int(data.get("depth") or 0) < settings.cause_depth


def _author_id(data: dict[str, Any]) -> int | None:
    author = data.get("author") or {}
    value = author.get("id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


STEERING_VIEW = Viewer(STEER)
DISPLAY_VIEW = Viewer(PROJECTOR)
PUBLIC_VIEW = Viewer(PARTICIPANT)
REPORT_VIEW = Viewer(REPORT)
BACKUP_VIEW = Viewer(BACKUP)


def participant_view(participant_id: int | None) -> Viewer:
    return Viewer(PARTICIPANT, participant_id)


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
    out = []
    whole = STEERING_VIEW.event(message, audience, settings)
    if whole is not None:
        out.append(([steering_room(workshop_id)], whole))
    if audience == STEERING:
        return out
    sector_id = message["sector_id"]
    if audience == DISPLAY or message["type"] in _CARD_EVENTS:
        shown = DISPLAY_VIEW.event(message, audience, settings)
        if shown is not None:
            out.append(([display_room(workshop_id)], shown))
        if audience == DISPLAY:
            return out
        public = PUBLIC_VIEW.event(message, audience, settings)
        people = (
            people_room(workshop_id) if sector_id is None else sector_room(workshop_id, sector_id)
        )
        if public is not None:
            out.append(([people], public))
        author = _author_id(message["data"])
        if author is not None:
            own = participant_view(author).event(message, audience, settings)
            if own is not None and own != public:
                out.append(([participant_room(workshop_id, author)], own))
        return out
    public = PUBLIC_VIEW.event(message, audience, settings)
    if public is not None:
        rooms = (
            [workshop_room(workshop_id)]
            if sector_id is None
            else [sector_room(workshop_id, sector_id), display_room(workshop_id)]
        )
        out.append((rooms, public))
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
