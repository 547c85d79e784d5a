"""The fast path: the statements of the busiest events, built once, in one place.

A post, a vote and a phone's connect come by the thousand a minute in a full
room (bench/RESULTS.md). For them, two things the ORM does on every call cost
a measurable part of the server's CPU: building a statement and its cache key
(`session.get`, a `select(...)` written inline), and flushing a new row
through the unit of work (for a card, three relationships sorted out each
time). So their statements are built here once, at import, and run through
the small functions below; services call these and build none of their own.

What a reader should know when changing one of them:
- A statement run on the session's connection (`card_by_client_id`,
  `insert_card`) skips the ORM's autoflush, which `session.execute` does:
  those functions flush the session's pending changes first themselves
  (commit 28ce39b: a card posted for a participant not yet written lost its
  author; 2916ca9: the same for the seq in realtime/broadcast.py).
- `insert_card` writes a card with one INSERT and keeps the object in the
  session as if loaded: every column is set on the object, defaults too, so
  that nothing is read back to broadcast it (tests/boards/test_services.py
  counts a post's statements).
- The workshop's sequence number and its event log are written by
  `realtime/broadcast.py` (the one broadcast helper), with statements of its
  own built the same way.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Column, Row, Table, bindparam, delete, func, insert, inspect, select
from sqlalchemy.orm import joinedload, make_transient_to_detached
from sqlalchemy.schema import ColumnDefault

from ..extensions import db
from .cards import Card
from .models import Participant, Workshop
from .votes import Vote

# -- every socket event: the workshop, with its current phase in the same row --

_WORKSHOP_BY_ID = (
    select(Workshop).options(joinedload(Workshop.phase)).where(Workshop.id == bindparam("id"))
)


def workshop_by_id(workshop_id: int) -> Workshop | None:
    """The workshop with this id and its current phase (posts and votes ask it), or None."""
    return db.session.execute(_WORKSHOP_BY_ID, {"id": workshop_id}).scalar_one_or_none()


# -- a connect: ids only (a thousand phones may come back at once) -------------

_WORKSHOP_ID_BY_CODE = select(Workshop.id).where(Workshop.code == bindparam("code"))
_PARTICIPANT_IN = select(Participant.id).where(
    Participant.id == bindparam("id"), Participant.workshop_id == bindparam("workshop_id")
)


def workshop_id_by_code(code: str) -> int | None:
    """The id of the workshop with this (normalised) join code, or None."""
    return db.session.execute(_WORKSHOP_ID_BY_CODE, {"code": code}).scalar()


def participant_id_in(workshop_id: int, participant_id: int) -> int | None:
    """`participant_id` if that participant is still in this workshop, else None."""
    found = db.session.execute(_PARTICIPANT_IN, {"id": participant_id, "workshop_id": workshop_id})
    return found.scalar()


# -- a post -------------------------------------------------------------------

_PARTICIPANT_BY_ID = select(Participant).where(Participant.id == bindparam("id"))
_CARDS = cast(Table, Card.__table__)
# A retry is found by its client id: almost every answer is "none", so only the
# id is read, and the card loaded only when there is one.
_CARD_BY_CLIENT_ID = select(_CARDS.c.id).where(
    _CARDS.c.workshop_id == bindparam("workshop_id"), _CARDS.c.client_id == bindparam("client_id")
)
_ADD_CARD = insert(_CARDS).returning(_CARDS.c.id)
# Every column but the id, by the attribute that holds it.
_CARD_COLUMNS = [
    (Card.__mapper__.get_property_by_column(column).key, column)
    for column in _CARDS.columns
    if not column.primary_key
]


def participant_by_id(participant_id: int) -> Participant | None:
    """The participant with this id, or None (the author of every post)."""
    return db.session.execute(_PARTICIPANT_BY_ID, {"id": participant_id}).scalar_one_or_none()


def card_by_client_id(workshop_id: int, client_id: str) -> Card | None:
    """The card a phone already posted with this id (a retry), or None."""
    db.session.flush()  # a card added in this transaction counts too
    found = db.session.connection().execute(
        _CARD_BY_CLIENT_ID, {"workshop_id": workshop_id, "client_id": client_id}
    )
    card_id = found.scalar()
    return db.session.get(Card, card_id) if card_id is not None else None


def insert_card(card: Card) -> None:
    """INSERT a new card and keep it in the session as if loaded: no flush follows.

    Its relationships must be set as objects or None (the author as well as
    `author_id`, the assessment and the plan as None): what the object holds
    is what as_dict() and later changes see.
    """
    db.session.flush()  # its author may be new in this transaction: written first
    if card.author is not None:
        card.author_id = card.author.id  # as the flush would have set it
    values: dict[str, Any] = {}
    held = inspect(card).dict  # what was set (reading an unset attribute costs a loader call)
    for attribute, column in _CARD_COLUMNS:
        value = held.get(attribute)
        if value is None:
            # The column's Python-side default, as the flush would have used;
            # set even when None: an unset attribute would be "expired" (a SELECT).
            value = _python_default(column)
            setattr(card, attribute, value)
        values[column.key] = value
    card.id = db.session.connection().execute(_ADD_CARD, values).scalar_one()
    make_transient_to_detached(card)
    db.session.add(card)


def _python_default(column: Column[Any]) -> Any:
    default = column.default
    if not isinstance(default, ColumnDefault) or default.is_clause_element:
        return None
    return default.arg(None) if default.is_callable else default.arg


# -- a vote -------------------------------------------------------------------

# The card's columns that a vote and the policy's `may` read: one light query,
# not the whole Card with its assessment and plan.
_VOTABLE = select(
    Card.id,
    Card.workshop_id,
    Card.sector_id,
    Card.kind,
    Card.status,
    Card.author_id,
    Card.analysed,
    Card.depth,
).where(Card.id == bindparam("card_id"))
_DOTS = (
    select(Vote.card_id, Vote.kind, func.count(Vote.id))
    .where(Vote.workshop_id == bindparam("workshop_id"), Vote.participant_id == bindparam("voter"))
    .group_by(Vote.card_id, Vote.kind)
)
_ADD_DOT = insert(Vote)
_LAST_DOT = (
    select(Vote.id)
    .where(Vote.participant_id == bindparam("voter"), Vote.card_id == bindparam("card_id"))
    .order_by(Vote.id.desc())
    .limit(1)
)
_TAKE_DOT = delete(Vote).where(Vote.id == bindparam("vote_id"))


def votable(card_id: int) -> Row[int, int, int, str, str, int | None, bool, int] | None:
    """What a vote needs of a card (id, workshop, sector, kind, status, author,
    analysed, depth), or None."""
    return db.session.execute(_VOTABLE, {"card_id": card_id}).one_or_none()


def dots_of(workshop_id: int, voter_id: int) -> list[tuple[int, str, int]]:
    """(card id, kind, dots) of one participant's votes."""
    rows = db.session.execute(_DOTS, {"workshop_id": workshop_id, "voter": voter_id}).all()
    return [(int(card), str(kind), int(n)) for card, kind, n in rows]


def add_dot(
    workshop_id: int, card_id: int, kind: str, voter_id: int, *, by_facilitator: bool
) -> None:
    """Place one dot: a plain INSERT (the ORM's unit of work cost a tenth of a vote)."""
    values = {
        "workshop_id": workshop_id,
        "card_id": card_id,
        "participant_id": voter_id,
        "kind": kind,
        "entered_by_facilitator": by_facilitator,
    }
    db.session.execute(_ADD_DOT, values)


def take_last_dot(voter_id: int, card_id: int) -> bool:
    """Take back the voter's latest dot on a card; False when they have none there."""
    vote_id = db.session.scalar(_LAST_DOT, {"voter": voter_id, "card_id": card_id})
    if vote_id is None:
        return False
    db.session.execute(_TAKE_DOT, {"vote_id": vote_id})
    return True
