"""The similarity indexes of this process: one per workshop board and kind of card.

Each index is caught up from the database when the workshop's sequence number
has moved since it was last read, so every server process keeps its own and
they all agree with the database. Kept by one manager object on the app
(`app.extensions`), never in a module-level variable; the least recently used
boards are dropped past `MAX_BOARDS`. The matcher reads the shipped synonyms
file and, when there is one, `synonyms.txt` in the instance folder: the
facilitator's own abbreviations, one group of equivalent terms a line; and
the shipped corpus of related.txt with, when there is one, `related.txt` in
the instance folder: the facilitator's own paragraphs of cards; and the
shipped kinds of problem of facets.txt with, when there is one, `facets.txt`
in the instance folder: the facilitator's own ways of naming them.

Where the matching runs: in a child process by default (worker.py), so that
stemming and scoring never hold up a post's broadcast in this process;
`SIMILAR_WORKER = False` keeps it here. Either way this module reads the
database and the child never does.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import or_, select

from ..core.cards import PENDING, VISIBLE, Card
from ..core.models import Workshop
from ..extensions import db
from ..realtime.models import Event
from .facets import DEFAULT_FACETS_PATH
from .matcher import CardIndex, Matcher
from .related import DEFAULT_CORPUS_PATH
from .text import DEFAULT_SYNONYMS_PATH
from .worker import RemoteIndex, Worker, child_args, matcher_of

MAX_BOARDS = 256
CATCH_UP_LIMIT = 500  # more changes than this since the last read: read the whole board
INDEXED = (VISIBLE, PENDING)  # statuses some viewer may see
_KEY = "urai_similar"


@dataclass
class Board:
    """One board's index and what it was built from: id -> (text, status, author)."""

    index: CardIndex[int] | RemoteIndex
    seq: int = -1
    cards: dict[int, tuple[str, str, int | None]] = field(default_factory=dict)


class BoardIndexes:
    def __init__(
        self,
        synonyms: list[Path],
        max_boards: int = MAX_BOARDS,
        in_child: bool = True,
        corpus: list[Path] | None = None,
        facets: list[Path] | None = None,
    ) -> None:
        self.synonyms = synonyms
        self.corpus = corpus  # None: the shipped related.txt
        self.facets = facets  # None: the shipped facets.txt
        self.max_boards = max_boards
        self.worker = Worker(synonyms, corpus, facets) if in_child else None
        self._matcher: Matcher | None = None  # built on first use (about 0.1 s)
        self._boards: OrderedDict[tuple[int, int, str], Board] = OrderedDict()
        self._lock = threading.RLock()  # board() -> _new_board() -> matcher

    def start(self) -> None:
        """Start the child process now, when the server starts, not at the first query."""
        if self.worker is not None:
            self.worker.start()

    def close(self) -> None:
        """Stop the child process, if one runs (the next query would start another)."""
        if self.worker is not None:
            self.worker.stop()

    @property
    def matcher(self) -> Matcher:
        with self._lock:
            if self._matcher is None:
                self._matcher = matcher_of(child_args(self.synonyms, self.corpus, self.facets))
            return self._matcher

    def board(self, workshop: Workshop, sector_id: int, kind: str) -> Board:
        """The board's index, caught up with the database (cards any viewer may see)."""
        key = (workshop.id, sector_id, kind)
        with self._lock:
            board = self._boards.pop(key, None) or self._new_board(key)
            self._boards[key] = board
            while len(self._boards) > self.max_boards:
                self._boards.popitem(last=False)
        if board.seq != workshop.seq:
            self._catch_up(board, workshop, sector_id, kind)
        return board

    def _new_board(self, key: tuple[int, int, str]) -> Board:
        if self.worker is None:
            return Board(self.matcher.index())
        remote = RemoteIndex(self.worker, key)
        board = Board(remote)
        remote.texts = lambda: texts_of(board)  # a reset sends the whole board
        return board

    @staticmethod
    def _catch_up(board: Board, workshop: Workshop, sector_id: int, kind: str) -> None:
        """Read what changed since the board was last read from the event log (a few
        rows), or the whole board when it was never read or too much changed."""
        seq = workshop.seq
        changes = None
        if board.seq >= 0:
            changes = db.session.scalars(
                select(Event.data)
                .where(
                    Event.workshop_id == workshop.id,
                    Event.seq > board.seq,
                    Event.type.in_(("card.created", "card.updated")),
                    or_(Event.sector_id == sector_id, Event.sector_id.is_(None)),
                )
                .order_by(Event.seq)
                .limit(CATCH_UP_LIMIT + 1)
            ).all()
        if changes is None or len(changes) > CATCH_UP_LIMIT:
            rows = db.session.execute(
                select(Card.id, Card.text, Card.status, Card.author_id).where(
                    Card.workshop_id == workshop.id,
                    Card.sector_id == sector_id,
                    Card.kind == kind,
                    Card.status.in_(INDEXED),
                )
            ).all()
            fresh = {row.id: (row.text, row.status, row.author_id) for row in rows}
        else:
            fresh = dict(board.cards)
            for data in changes:
                author = (data.get("author") or {}).get("id")
                if (
                    data.get("kind") == kind
                    and data.get("sector_id") == sector_id
                    and data.get("status") in INDEXED
                ):
                    fresh[data["id"]] = (data["text"], data["status"], author)
                else:
                    fresh.pop(data["id"], None)
        for card_id in set(board.cards) - set(fresh):
            board.index.remove(card_id)
        for card_id, entry in fresh.items():
            if board.cards.get(card_id, ("",))[0] != entry[0]:
                board.index.update(card_id, entry[0])
        board.cards = fresh
        board.seq = seq


def texts_of(board: Board) -> dict[int, str]:
    return {card_id: entry[0] for card_id, entry in board.cards.items()}


def init_app(app: Flask) -> None:
    own = Path(app.instance_path) / "synonyms.txt"
    corpus = [DEFAULT_CORPUS_PATH, Path(app.instance_path) / "related.txt"]
    facets = [DEFAULT_FACETS_PATH, Path(app.instance_path) / "facets.txt"]
    in_child = bool(app.config.get("SIMILAR_WORKER", True))
    app.extensions[_KEY] = BoardIndexes(
        [DEFAULT_SYNONYMS_PATH, own], in_child=in_child, corpus=corpus, facets=facets
    )


def indexes() -> BoardIndexes:
    value: BoardIndexes = current_app.extensions[_KEY]
    return value
