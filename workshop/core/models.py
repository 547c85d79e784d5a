"""A workshop, its sector boards, its phases, the people in it, and its secret links."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Base, db
from . import gates
from .errors import DomainError
from .kinds import CAUSE as CAUSE_KIND
from .lifecycle import ARCHIVED, RUNNING, archived_refusal
from .timeutil import DEFAULT_ZONE, utcnow

# The workshop's on/off settings, in the order the facilitator's page lists them.
FLAG_SETTINGS = (
    "locked",
    "concealed",
    "anonymous",
    "approval_required",
    "causes_skip_approval",
    "votes_revealed",
    "causes_open",
)
# Every setting: the flags, the vote budget and cap, how deep "why?" may go.
SETTINGS = (*FLAG_SETTINGS, "vote_budget", "vote_cap", "cause_depth")
# The settings that decide what those who do not steer may see or do
# (realtime/policy.py).
VIEW_SETTINGS = ("concealed", "anonymous", "votes_revealed", "cause_depth")
# Of those, the ones that change only the cards' forms: a change sends each
# board's cards once, as each screen may see them ("board.shown"), so that a
# reveal does not make every phone fetch a snapshot at the same instant.
RESHOWN_SETTINGS = ("concealed", "anonymous", "votes_revealed")
# The rest change the actions on every card: a change of one sends every
# screen a fresh snapshot.
SNAPSHOT_SETTINGS = tuple(s for s in VIEW_SETTINGS if s not in RESHOWN_SETTINGS)

# Why posting is closed on a board, apart from the clock (the page decides "time is up").
CLOSED_ALL = "locked_all"  # the facilitator closed every board
CLOSED_BOARD = "locked_board"  # the facilitator closed this board
CLOSED_PHASE = "phase"  # the current phase does not collect this kind of card

PHASE_KINDS = (
    "lobby",
    "identify",
    "group",
    "vote",
    "causes",
    "solve",
    "prioritise",
    "close",
    "custom",
)
# The phase kind that ranks the bottlenecks, and the one that closes the day.
RANKING_KIND = "prioritise"
CLOSING_KIND = "close"
PHASE_FLAGS = ("allow_bottlenecks", "allow_solutions", "allow_causes", "allow_scoring")
VOTE_ON = (None, "bottleneck", "solution", "cause")
# Which flag of a phase lets participants post each kind of card.
COLLECTS = {
    "bottleneck": "allow_bottlenecks",
    "solution": "allow_solutions",
    "cause": "allow_causes",
}

TITLE_MAX = 200
FIELD_MAX = 200
SPEAKERS_MAX = 2000
NIP_MAX = 30  # a civil servant's NIP: 18 digits, often written in groups
SECTOR_NAME_MAX = 120
PHASE_NAME_MAX = 80
PROMPT_MAX = 300
NAME_MAX = 80
AGENCY_MAX = 120
POSITION_MAX = 80
VOTE_RANGE = (1, 50)
MAX_TIMER = 4 * 60 * 60
CAUSE_DEPTH_RANGE = (1, 5)  # how many "why?" levels under a bottleneck
BONE_NAME_MAX = 40
MAX_BONES = 8
MAX_CHOSEN = 5  # bottlenecks per board the facilitator may choose at once for analysis
DAYS_RANGE = (1, 10)  # how many days a workshop (a Bimtek) may span

# The fishbone's default categories (Ishikawa's 6M as taught in Diklat PIM):
# key, name in an Indonesian-language workshop, name in an English one.
DEFAULT_BONES: tuple[tuple[str, str, str], ...] = (
    ("man", "Manusia", "People"),
    ("method", "Metode", "Method"),
    ("material", "Material/Bahan", "Materials"),
    ("machine", "Mesin/Sarana", "Machines/Facilities"),
    ("money", "Anggaran/Uang", "Money/Budget"),
    ("environment", "Lingkungan", "Environment"),
)


class Workshop(Base):
    __tablename__ = "workshop"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    organiser: Mapped[str | None] = mapped_column(String(200))
    # Speakers (narasumber), one per line, named in the activity report.
    speakers: Mapped[str | None] = mapped_column(Text)
    # The activity report's signature block: who signs (jabatan, nama, NIP), and
    # where and when (empty: the workshop's place and date).
    report_place: Mapped[str | None] = mapped_column(String(200))
    report_date: Mapped[dt.date | None] = mapped_column(Date)
    signer_position: Mapped[str | None] = mapped_column(String(200))
    signer_name: Mapped[str | None] = mapped_column(String(200))
    signer_nip: Mapped[str | None] = mapped_column(String(NIP_MAX))
    language: Mapped[str] = mapped_column(String(8), default="id")
    # The documents' times are in this zone (an IANA name: Asia/Jakarta, Asia/
    # Makassar or Asia/Jayapura), printed as WIB, WITA or WIT (core/timeutil.py).
    time_zone: Mapped[str] = mapped_column(
        String(40), default=DEFAULT_ZONE, server_default=DEFAULT_ZONE
    )
    # How many days it spans from `date`; each phase is a step of one day (Phase.day).
    days: Mapped[int] = mapped_column(default=1, server_default="1")
    # Last sequence number handed to a broadcast; grows by one per change.
    seq: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    # Facilitation state, steered from the facilitator's page.
    # The current phase's id; a plain integer, since phases point back here.
    phase_id: Mapped[int | None]
    locked: Mapped[bool] = mapped_column(default=False)  # no posting on any board
    concealed: Mapped[bool] = mapped_column(default=False)  # cards hidden until reveal
    anonymous: Mapped[bool] = mapped_column(default=False)  # authors hidden from others
    approval_required: Mapped[bool] = mapped_column(default=False)  # queue before projector
    # With approval on, causes and their "why?"s from phones still appear at once
    # (holds_for_approval): the facilitator approves bottlenecks and solutions only.
    causes_skip_approval: Mapped[bool] = mapped_column(default=False)
    votes_revealed: Mapped[bool] = mapped_column(default=True)  # tallies shown to all
    vote_budget: Mapped[int] = mapped_column(default=3)  # dots per participant per kind
    vote_cap: Mapped[int | None]  # most dots one participant may put on one card
    # Timer of the current phase: running until timer_ends_at, or paused with
    # timer_left seconds; timer_lock locks posting when it runs out.
    timer_seconds: Mapped[int | None]
    timer_ends_at: Mapped[dt.datetime | None]
    timer_left: Mapped[int | None]
    timer_lock: Mapped[bool] = mapped_column(default=False)
    # Root causes: the fishbone's categories ([{key, name}]; None: DEFAULT_BONES),
    # how many "why?" levels a problem tree may have, and whether participants
    # may add causes on other sectors' boards.
    cause_bones: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    cause_depth: Mapped[int] = mapped_column(default=3)
    causes_open: Mapped[bool] = mapped_column(default=False)
    # The card the projector shows large (a bottleneck's fishbone, say); a plain
    # integer like phase_id, since cards point back here.
    focus_card_id: Mapped[int | None]
    # The one card the facilitator puts large in the middle of the projector
    # (presenter/services.py); not in summary(): only staff screens hear of it.
    spotlight_card_id: Mapped[int | None]
    # Pinned, the spotlight or the focus stays on the projector into the next
    # phase; otherwise a change of phase takes it off (facilitation/services.py).
    spotlight_pinned: Mapped[bool] = mapped_column(default=False)
    focus_pinned: Mapped[bool] = mapped_column(default=False)
    # The phase during which the facilitator put the join QR large on the
    # projector ("Tampilkan QR", presenter/services.py); the next phase folds it.
    join_shown_in: Mapped[int | None]
    # Its life (core/lifecycle.py): running, ended, follow_up or archived.
    state: Mapped[str] = mapped_column(String(12), default=RUNNING, server_default=RUNNING)

    @property
    def read_only(self) -> bool:
        return self.state == ARCHIVED

    @property
    def open_phase(self) -> Phase | None:
        """The phase whose gates participants act under: none once the day is over."""
        return self.phase if self.state == RUNNING else None

    def write_refusal(self) -> DomainError | None:
        """Why nothing may change in this workshop now (it is archived), or None."""
        return archived_refusal() if self.read_only else None

    sectors: Mapped[list[Sector]] = relationship(
        back_populates="workshop", order_by="Sector.position", cascade="all, delete-orphan"
    )
    phases: Mapped[list[Phase]] = relationship(
        order_by="Phase.position", cascade="all, delete-orphan"
    )
    # The current phase, read through `phase_id` (changed by setting that; see
    # _phase_follows_its_id). Socket events load it joined to the workshop's
    # row (core/fastpath.py); elsewhere it comes from the session's identity
    # map when the phases are loaded, else from one query by its key.
    phase: Mapped[Phase | None] = relationship(
        primaryjoin="foreign(Workshop.phase_id) == Phase.id", viewonly=True
    )

    def timer_remaining(self, now: dt.datetime) -> int | None:
        """Whole seconds left on the phase timer, or None when no timer is set."""
        if self.timer_ends_at is not None:
            return max(0, round((self.timer_ends_at - now).total_seconds()))
        return self.timer_left

    def timer_expired(self, now: dt.datetime) -> bool:
        """The timer has run out: running past its end, or paused with no time left
        (paused after running out, or brought to zero by taking time off)."""
        if self.timer_ends_at is not None:
            return now >= self.timer_ends_at
        return self.timer_left is not None and self.timer_left <= 0

    @property
    def active_sectors(self) -> list[Sector]:
        return [s for s in self.sectors if not s.archived]

    def sector(self, sector_id: int) -> Sector | None:
        """The active sector with this id, if it belongs to this workshop."""
        if "sectors" not in inspect(self).dict:
            # One row by its key, not the whole list (a post asks this).
            found = db.session.get(Sector, sector_id)
            if found is None or found.workshop_id != self.id or found.archived:
                return None
            return found
        return next((s for s in self.active_sectors if s.id == sector_id), None)

    def bones(self) -> list[dict[str, str]]:
        """The fishbone's categories, in order: [{key, name}]."""
        if self.cause_bones:
            return [dict(bone) for bone in self.cause_bones]
        column = 2 if self.language == "en" else 1
        return [{"key": row[0], "name": row[column]} for row in DEFAULT_BONES]

    def date_of(self, day: int) -> dt.date | None:
        """The calendar date of the workshop's `day` (1: its first), if its date is set."""
        return self.date + dt.timedelta(days=day - 1) if self.date else None

    @property
    def current_day(self) -> int:
        """The day of the current step (1 before any)."""
        return self.phase.day if self.phase is not None else 1

    def holds_for_approval(self, kind: str) -> bool:
        """Whether a card of `kind` posted from a phone waits in the approval queue."""
        if not self.approval_required:
            return False
        return not (kind == CAUSE_KIND and self.causes_skip_approval)

    def settings(self) -> dict[str, object]:
        """Every setting by name (the one list: SETTINGS)."""
        return {name: getattr(self, name) for name in SETTINGS}

    def closed_for(self, sector: Sector, kind: str) -> str | None:
        """Why participants may not post `kind` on `sector`, apart from the clock, or None."""
        if self.locked or self.state != RUNNING:
            return CLOSED_ALL
        if sector.locked:
            return CLOSED_BOARD
        phase = self.phase
        if phase is not None and not phase.collects(kind):
            return CLOSED_PHASE
        return None

    def open_now(self) -> dict[str, object]:
        """What the phase and the locks let participants do (the clock aside)."""
        phase = self.open_phase
        return {
            "posting": {
                str(s.id): {kind: self.closed_for(s, kind) for kind in COLLECTS}
                for s in self.active_sectors
            },
            "voting": phase.vote_on if phase else None,
            "scoring": bool(phase and phase.allow_scoring),
            "causes": bool(phase and phase.allow_causes),
            # What the phase lets a participant do to a card, on top of its actions.
            "gates": gates.told(self),
        }

    def shows_results(self, phase: Phase) -> bool:
        """Whether the projector's results view comes of itself in `phase`: one that
        ranks the bottlenecks, the closing, or the last of several phases."""
        last = len(self.phases) > 1 and phase is self.phases[-1]
        return phase.ranks or phase.kind == CLOSING_KIND or last

    def summary(self) -> dict[str, object]:
        """Everything every screen shows about the workshop, for broadcasts and snapshots."""
        now = utcnow()
        return {
            "code": self.code,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "days": self.days,
            "place": self.place,
            "organiser": self.organiser,
            "sectors": [s.as_dict() for s in self.active_sectors],
            "phases": [
                {**p.as_dict(), "ranks": p.ranks, "results": self.shows_results(p)}
                for p in self.phases
            ],
            "phase_id": self.phase_id,
            "state": self.state,
            "focus_card_id": self.focus_card_id,
            "focus_pinned": self.focus_pinned,
            "settings": self.settings(),
            "bones": self.bones(),
            "open": self.open_now(),
            "timer": {
                "seconds": self.timer_seconds,
                "running": self.timer_ends_at is not None,
                "remaining": self.timer_remaining(now),
                "lock": self.timer_lock,
            },
            "server_time": now.isoformat() + "Z",
        }

    @staticmethod
    def by_code(code: str) -> Workshop | None:
        return db.session.scalar(select(Workshop).where(Workshop.code == code))


class Sector(Base):
    __tablename__ = "sector"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    key: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    # A removed sector is archived, never deleted, so nothing that points at it dangles.
    archived: Mapped[bool] = mapped_column(default=False)

    workshop: Mapped[Workshop] = relationship(back_populates="sectors")

    locked: Mapped[bool] = mapped_column(default=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "position": self.position,
            "locked": self.locked,
        }


class Phase(Base):
    """A step of the session; what participants may do while it is current."""

    __tablename__ = "phase"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))
    prompt: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)
    allow_bottlenecks: Mapped[bool] = mapped_column(default=False)
    allow_solutions: Mapped[bool] = mapped_column(default=False)
    # None, "bottleneck" or "solution": which cards take dot votes in this phase.
    vote_on: Mapped[str | None] = mapped_column(String(20))
    allow_scoring: Mapped[bool] = mapped_column(default=False)
    allow_causes: Mapped[bool] = mapped_column(default=False)
    # The day of the workshop this step belongs to (1 to Workshop.days); the
    # steps are ordered by day, then by position.
    day: Mapped[int] = mapped_column(default=1, server_default="1")

    @property
    def ranks(self) -> bool:
        """The sector groups' bottlenecks are ranked (USG) in this phase."""
        return self.allow_scoring or self.kind == RANKING_KIND

    def collects(self, kind: str) -> bool:
        """Whether participants post cards of `kind` in this phase."""
        return bool(getattr(self, COLLECTS[kind]))

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "prompt": self.prompt,
            "position": self.position,
            "allow_bottlenecks": self.allow_bottlenecks,
            "allow_solutions": self.allow_solutions,
            "vote_on": self.vote_on,
            "allow_scoring": self.allow_scoring,
            "allow_causes": self.allow_causes,
            "day": self.day,
        }


class Participant(Base):
    """One person on one phone in one workshop."""

    __tablename__ = "participant"
    # One id per rendering of the join form: a double-tapped "Join" finds the
    # participant the first tap made instead of making a second one.
    __table_args__ = (UniqueConstraint("workshop_id", "join_token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    agency: Mapped[str] = mapped_column(String(120))
    position: Mapped[str | None] = mapped_column(String(80))
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sector.id"))
    join_token: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @property
    def group_sector(self) -> int | None:
        """The board whose group this participant is in (their own sector's): the
        group scores its bottlenecks and adds its causes."""
        return self.sector_id

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "agency": self.agency,
            "position": self.position,
            "sector_id": self.sector_id,
        }


class AccessKey(Base):
    """A secret link that makes whoever opens it facilitator or presenter."""

    __tablename__ = "access_key"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    # Only a SHA-256 of the token is kept: a copied database opens nothing.
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]

    workshop: Mapped[Workshop] = relationship()

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@event.listens_for(Workshop.phase_id, "set")
def _phase_follows_its_id(workshop: Workshop, value: object, previous: object, _: object) -> None:
    """A view-only relationship is not refreshed when its key changes: a phase
    loaded before is dropped, and read again (without a query when the session
    holds it) the next time `workshop.phase` is asked."""
    state = inspect(workshop)
    if value != previous and state.persistent and "phase" in state.dict:
        state.session.expire(workshop, ["phase"])  # type: ignore[union-attr]
