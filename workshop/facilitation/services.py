"""Steering rules: phases, the phase timer, locks, reveal, anonymity, vote settings.

Every change here is announced as one `workshop.updated` event carrying the
whole workshop state, so every screen shows the same phase, timer and locks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from flask_babel import gettext as _

from ..core.errors import invalid, not_found
from ..core.lookup import sector_in
from ..core.models import (
    CAUSE_DEPTH_RANGE,
    DAYS_RANGE,
    FLAG_SETTINGS,
    MAX_TIMER,
    PHASE_FLAGS,
    PHASE_KINDS,
    PHASE_NAME_MAX,
    PROMPT_MAX,
    RESHOWN_SETTINGS,
    SETTINGS,
    VOTE_ON,
    VOTE_RANGE,
    Phase,
    Workshop,
)
from ..core.timeutil import utcnow
from ..core.validation import clean_text, optional_int, required_flag
from ..extensions import db
from ..presenter.services import end_with_phase
from ..realtime.broadcast import announce, stamp
from ..realtime.policy import BOARD_SHOWN, Settings
from ..voting.services import cards_of
from .phases import ACTIVITY_KINDS, ACTIVITY_PHASES, DEFAULT_PHASES, PLAIN_KIND

# A day or more of agenda, its activities included (issue 28).
MAX_PHASES = 40


def add_default_phases(workshop: Workshop) -> None:
    """Give a new workshop the usual Bimtek phases and start in the first."""
    english = workshop.language == "en"
    for position, template in enumerate(DEFAULT_PHASES):
        workshop.phases.append(
            Phase(
                kind=template.kind,
                name=template.name_en if english else template.name_id,
                prompt=template.prompt_en if english else template.prompt_id,
                position=position,
                allow_bottlenecks=template.allow_bottlenecks,
                allow_solutions=template.allow_solutions,
                vote_on=template.vote_on,
                allow_scoring=template.allow_scoring,
                allow_causes=template.allow_causes,
            )
        )
    db.session.flush()
    workshop.phase_id = workshop.phases[0].id


# -- phases --------------------------------------------------------------------


def set_phase(workshop: Workshop, phase_id: object) -> Phase:
    """Make a phase current; its timer starts stopped, and what the projector showed
    large (the spotlight, the focus) ends with the phase unless pinned."""
    phase = _phase(workshop, phase_id)
    if phase.id != workshop.phase_id:
        end_with_phase(workshop)
    workshop.phase_id = phase.id
    _clear_timer(workshop)
    announce(workshop)
    return phase


def step_phase(workshop: Workshop, direction: object) -> Phase:
    """Go to the next (+1) or previous (-1) phase."""
    step = _direction(direction)
    phases = workshop.phases
    current = workshop.phase
    index = phases.index(current) if current in phases else -1
    target = min(max(index + step, 0), len(phases) - 1)
    return set_phase(workshop, phases[target].id)


def save_phase(workshop: Workshop, payload: dict[str, Any]) -> Phase:
    """Add a phase (no `id`) or change one: name, prompt, day and what it allows.

    A new phase may be an activity (`kind` of ACTIVITY_PHASES): its name and
    prompt default to the activity's; it goes at the end of its day."""
    phase_id = optional_int(payload.get("id"), "id")
    if phase_id is None:
        payload = _as_activity(workshop, payload)
        phase = _new_phase(workshop)
    else:
        phase = _phase(workshop, phase_id)
    kind = payload.get("kind", phase.kind)
    if kind not in PHASE_KINDS and kind not in ACTIVITY_KINDS:
        raise invalid(_("Invalid value."), kind=_("Invalid."))
    phase.kind = str(kind)
    phase.name = str(clean_text(payload.get("name", phase.name), "name", max_length=PHASE_NAME_MAX))
    phase.prompt = clean_text(
        payload.get("prompt", phase.prompt), "prompt", max_length=PROMPT_MAX, required=False
    )
    _set_options(phase, payload)
    if "day" in payload:
        day = _day(workshop, payload["day"])
        if day != phase.day:
            phase.day = day
            phase.position = len(workshop.phases) + 1  # the end of its new day
    _order_by_day(workshop)
    db.session.flush()
    announce(workshop)
    return phase


def _set_options(phase: Phase, payload: dict[str, Any]) -> None:
    """What the phase lets participants do: its flags, and what takes votes."""
    for flag in PHASE_FLAGS:
        if flag in payload:
            setattr(phase, flag, required_flag(payload[flag], flag))
    if "vote_on" in payload:
        if payload["vote_on"] not in VOTE_ON:
            raise invalid(_("Invalid value."), vote_on=_("Invalid."))
        phase.vote_on = payload["vote_on"]


def _as_activity(workshop: Workshop, payload: dict[str, Any]) -> dict[str, Any]:
    """A new activity step is named and prompted after its activity unless named."""
    template = next((t for t in ACTIVITY_PHASES if t.kind == payload.get("kind")), None)
    if template is None or str(payload.get("name") or "").strip():
        return payload
    english = workshop.language == "en"
    return {
        "prompt": template.prompt_en if english else template.prompt_id,
        **payload,
        "name": template.name_en if english else template.name_id,
    }


def _new_phase(workshop: Workshop) -> Phase:
    """A new plain step at the end of the agenda, on its last day."""
    if len(workshop.phases) >= MAX_PHASES:
        raise invalid(_("A workshop has at most %(n)d phases.", n=MAX_PHASES))
    last_day = workshop.phases[-1].day if workshop.phases else 1
    phase = Phase(kind=PLAIN_KIND, name="", position=len(workshop.phases), day=last_day)
    workshop.phases.append(phase)
    return phase


def _day(workshop: Workshop, value: object) -> int:
    day = optional_int(value, "day")
    if day is None or not 1 <= day <= workshop.days:
        raise invalid(
            _("Choose a day between %(low)d and %(high)d.", low=1, high=workshop.days),
            day=_("Invalid."),
        )
    return day


def _order_by_day(workshop: Workshop) -> None:
    """Keep the steps in the order of their days (each day's in its own order)."""
    ordered = sorted(workshop.phases, key=lambda p: (p.day, p.position))
    for position, item in enumerate(ordered):
        item.position = position


def set_days(workshop: Workshop, days: object) -> None:
    """How many days the workshop spans; a day that still has steps stays."""
    count = optional_int(days, "days")
    low, high = DAYS_RANGE
    if count is None or not low <= count <= high:
        raise invalid(
            _("Choose between %(low)d and %(high)d.", low=low, high=high), days=_("Invalid.")
        )
    used = max((p.day for p in workshop.phases), default=1)
    if count < used:
        raise invalid(
            _("Day %(n)d still has steps: move or remove them first.", n=used),
            days=_("Invalid."),
        )
    workshop.days = count
    announce(workshop)


def remove_phase(workshop: Workshop, phase_id: object) -> None:
    """Remove a phase that is not the current one."""
    phase = _phase(workshop, phase_id)
    if phase.id == workshop.phase_id:
        raise invalid(_("The current phase cannot be removed; move to another phase first."))
    workshop.phases.remove(phase)
    for position, item in enumerate(workshop.phases):
        item.position = position
    announce(workshop)


def move_phase(workshop: Workshop, phase_id: object, direction: object) -> None:
    """Move a phase one place earlier (-1) or later (+1); the first or last step of
    a day moves to the day before or after, there last or first."""
    phase = _phase(workshop, phase_id)
    step = _direction(direction)
    phases = list(workshop.phases)
    index = phases.index(phase)
    target = index + step
    if 0 <= target < len(phases):
        if phases[target].day != phase.day:
            phase.day = phases[target].day
        else:
            phases[index], phases[target] = phases[target], phases[index]
        for position, item in enumerate(phases):
            item.position = position
    elif step > 0 and phase.day < workshop.days:
        phase.day += 1  # the last step goes on to the next day
    elif step < 0 and phase.day > 1:
        phase.day -= 1
    announce(workshop)


def _direction(value: object) -> int:
    if isinstance(value, bool) or value not in (1, -1):
        raise invalid(_("Invalid value."), direction=_("Must be 1 or -1."))
    return int(value)


def _phase(workshop: Workshop, phase_id: object) -> Phase:
    pid = optional_int(phase_id, "phase_id")
    phase = next((p for p in workshop.phases if p.id == pid), None)
    if phase is None:
        raise not_found(_("This phase does not exist in this workshop."))
    return phase


# -- the timer -----------------------------------------------------------------


def start_timer(workshop: Workshop, seconds: object, lock: object = False) -> None:
    """Start the phase timer for `seconds`; with `lock`, posting closes when it ends."""
    duration = _seconds(seconds, "seconds", minimum=1)
    workshop.timer_seconds = duration
    workshop.timer_ends_at = utcnow() + dt.timedelta(seconds=duration)
    workshop.timer_left = None
    workshop.timer_lock = required_flag(lock, "lock")
    announce(workshop)


def pause_timer(workshop: Workshop) -> None:
    """Freeze the timer with the seconds it has left."""
    if workshop.timer_ends_at is None:
        raise invalid(_("The timer is not running."))
    workshop.timer_left = workshop.timer_remaining(utcnow())
    workshop.timer_ends_at = None
    announce(workshop)


def resume_timer(workshop: Workshop) -> None:
    """Run a paused timer again from where it stopped."""
    if workshop.timer_ends_at is not None or workshop.timer_left is None:
        raise invalid(_("The timer is not paused."))
    workshop.timer_ends_at = utcnow() + dt.timedelta(seconds=workshop.timer_left)
    workshop.timer_left = None
    announce(workshop)


def add_time(workshop: Workshop, seconds: object) -> None:
    """Give the running or paused timer more (or, negative, less) time."""
    extra = optional_int(seconds, "seconds")
    if extra is None or abs(extra) > MAX_TIMER:
        raise invalid(_("Invalid value."), seconds=_("Invalid."))
    now = utcnow()
    if workshop.timer_ends_at is not None:
        ends = max(now, workshop.timer_ends_at)  # a timer that ran out gets the time from now
        workshop.timer_ends_at = max(now, ends + dt.timedelta(seconds=extra))
    elif workshop.timer_left is not None:
        workshop.timer_left = max(0, workshop.timer_left + extra)
    else:
        raise invalid(_("Start the timer first."))
    workshop.timer_seconds = (workshop.timer_seconds or 0) + extra
    announce(workshop)


def stop_timer(workshop: Workshop) -> None:
    """Clear the timer; a lock it held on posting is lifted."""
    _clear_timer(workshop)
    announce(workshop)


def _clear_timer(workshop: Workshop) -> None:
    workshop.timer_seconds = None
    workshop.timer_ends_at = None
    workshop.timer_left = None
    workshop.timer_lock = False


def _seconds(value: object, field: str, minimum: int) -> int:
    seconds = optional_int(value, field)
    if seconds is None or not minimum <= seconds <= MAX_TIMER:
        raise invalid(
            _("Choose between %(low)d and %(high)d seconds.", low=minimum, high=MAX_TIMER),
            **{field: _("Invalid.")},
        )
    return seconds


# -- locks and display settings ---------------------------------------------------


def update_settings(workshop: Workshop, payload: dict[str, Any]) -> None:
    """Change any of the workshop's SETTINGS: the flags, the vote budget and cap."""
    unknown = set(payload) - set(SETTINGS)
    if unknown or not payload:
        raise invalid(_("Invalid value."), settings=", ".join(sorted(unknown)) or _("Required."))
    before = workshop.settings()
    for name in FLAG_SETTINGS:
        if name in payload:
            setattr(workshop, name, required_flag(payload[name], name))
    if "vote_budget" in payload:
        workshop.vote_budget = _votes(payload["vote_budget"], "vote_budget", required=True)
    if "vote_cap" in payload:
        workshop.vote_cap = _votes(payload["vote_cap"], "vote_cap", required=False)
    if "cause_depth" in payload:
        depth = optional_int(payload["cause_depth"], "cause_depth")
        low, high = CAUSE_DEPTH_RANGE
        if depth is None or not low <= depth <= high:
            raise invalid(
                _("Choose between %(low)d and %(high)d.", low=low, high=high),
                cause_depth=_("Invalid."),
            )
        workshop.cause_depth = depth
    if workshop.settings() != before:  # nothing changed: no sequence number, no broadcast
        announce(workshop)
        if any(workshop.settings()[name] != before[name] for name in RESHOWN_SETTINGS):
            show_boards(workshop)


def show_boards(workshop: Workshop) -> None:
    """Send each board's cards, for every screen to reshape as it may now see them
    (policy.Viewer.board): six messages built once, instead of a snapshot per phone."""
    settings = asdict(Settings.of(workshop))
    sectors = workshop.active_sectors
    boards: dict[int, list[dict[str, Any]]] = {sector.id: [] for sector in sectors}
    for card in cards_of(workshop, list(boards)):
        boards[card["sector_id"]].append(card)
    for sector in sectors:
        data = {"sector_id": sector.id, "settings": settings, "cards": boards[sector.id]}
        stamp(workshop, BOARD_SHOWN, data, sector_id=sector.id)


def _votes(value: object, field: str, *, required: bool) -> Any:
    number = optional_int(value, field)
    low, high = VOTE_RANGE
    if (number is None and required) or (number is not None and not low <= number <= high):
        raise invalid(
            _("Choose between %(low)d and %(high)d.", low=low, high=high), **{field: _("Invalid.")}
        )
    return number


def lock_sector(workshop: Workshop, sector_id: object, locked: object) -> None:
    """Lock or unlock posting on one sector board."""
    sector = sector_in(workshop, sector_id)
    sector.locked = required_flag(locked, "locked")
    announce(workshop)
