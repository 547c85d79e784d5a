"""The follow-up of the action plans: each planned solution's status, reported by
its owner agency's people or by the facilitator, and the progress per agency."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..core.access import Identity
from ..core.cards import (
    DONE,
    FOLLOW_UP_STATUSES,
    NOT_STARTED,
    NOTE_MAX,
    SOLUTION,
    UNDER_WAY,
    ActionPlan,
    Card,
    PlanUpdate,
)
from ..core.errors import forbidden, invalid, not_found
from ..core.lifecycle import FOLLOW_UP
from ..core.lookup import card_in
from ..core.models import Participant, Workshop
from ..core.timeutil import utcnow
from ..core.validation import clean_text
from ..extensions import db
from ..realtime.broadcast import stamp
from ..realtime.models import STEERING
from ..realtime.policy import FOLLOW_UP_EVENT, PROGRESS_EVENT, Settings, Viewer

# How people write agency names in the field, word for word: the long form each
# abbreviation stands for (compared after case and punctuation are folded).
_ABBREVIATIONS = {
    "dinkes": "dinas kesehatan",
    "disdik": "dinas pendidikan",
    "diknas": "dinas pendidikan",
    "dukcapil": "dinas kependudukan dan pencatatan sipil",
    "disdukcapil": "dinas kependudukan dan pencatatan sipil",
    "dlh": "dinas lingkungan hidup",
    "dpmd": "dinas pemberdayaan masyarakat dan desa",
    "dispmd": "dinas pemberdayaan masyarakat dan desa",
    "diskop": "dinas koperasi",
    "diskopukm": "dinas koperasi",
    "dinsos": "dinas sosial",
    "pkm": "puskesmas",
    "kab": "kabupaten",
    "kec": "kecamatan",
    "prov": "provinsi",
}
# Words that say nothing about which agency: "UPT Puskesmas X" is "Puskesmas X",
# "Dinas Koperasi dan UKM" is "Dinas Koperasi".
_FILLER = re.compile(
    r"^(?:upt|uptd) |(?<=koperasi)(?: usaha(?: mikro)?(?: kecil)?(?: menengah)?| ukm| umkm)+\b"
    r"|(?<=puskesmas) kecamatan\b"
)
# Where a region starts ("Dinas Kesehatan Kabupaten Maros"): a workshop is held
# in one, so an agency is the same with or without it.
_REGION = re.compile(r" (?:kabupaten|kota|provinsi)(?: |$).*")


def status_labels() -> dict[str, str]:
    """The follow-up's statuses in words: the one vocabulary of the follow-up page,
    the cockpit, the matrix and every export (belum, berjalan, selesai)."""
    return {NOT_STARTED: _("Not started"), UNDER_WAY: _("In progress"), DONE: _("Done")}


def agency_key(name: str | None) -> str:
    """An agency's name as compared: "Dinkes Kab. Maros", "DINAS KESEHATAN" and
    "Dinas  Kesehatan" are all "dinas kesehatan".

    Case, accents and punctuation are folded, abbreviations written out (Dinkes,
    Disdik, Dukcapil, DLH, DPMD, Diskop, PKM, Kab., Kec., Prov.), "dan" and the
    region after the agency's name dropped; a name that is a region alone
    ("Kabupaten Maros") stays whole. "" for no name.
    """
    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    words = re.sub(r"[^0-9a-z]+", " ", plain.casefold()).split()
    text = " ".join(_ABBREVIATIONS.get(word, word) for word in words)
    text = " ".join(word for word in text.split() if word != "dan")
    text = _FILLER.sub("", text)
    return _REGION.sub("", text).strip()


def known_agencies(workshop: Workshop) -> list[str]:
    """The agencies named in this workshop, one spelling each (a plan's owner
    agency's first, then the participants' most common), in alphabetical order:
    the join form offers them so that the follow-up finds its people."""
    owners = db.session.scalars(
        select(ActionPlan.agency)
        .join(Card, Card.id == ActionPlan.card_id)
        .where(Card.workshop_id == workshop.id, ActionPlan.agency.is_not(None))
        .order_by(ActionPlan.card_id)
    )
    given = db.session.execute(
        select(Participant.agency, func.count(Participant.id))
        .where(Participant.workshop_id == workshop.id)
        .group_by(Participant.agency)
        .order_by(func.count(Participant.id).desc(), Participant.agency)
    )
    spelling: dict[str, str] = {}
    for name in [*owners, *(row[0] for row in given)]:
        clean = " ".join((name or "").split())
        spelling.setdefault(agency_key(clean), clean)
    spelling.pop("", None)
    return sorted(spelling.values(), key=str.casefold)


def item(card: Card, today: dt.date) -> dict[str, Any]:
    """One follow-up item, whole (as staff see it): a planned solution and its status;
    `overdue` is whether it was past its deadline, not done, on `today`."""
    plan = card.plan
    assert plan is not None
    parent = db.session.get(Card, card.parent_id) if card.parent_id else None
    by = plan.status_by
    return {
        "card_id": card.id,
        "sector_id": card.sector_id,
        "card_status": card.status,
        "solution": card.text,
        "bottleneck": parent.text if parent else None,
        "agency": plan.agency,
        "agency_key": agency_key(plan.agency),
        "responsible": plan.responsible,
        "indicator": plan.indicator,
        "deadline": plan.deadline.isoformat() if plan.deadline else None,
        "status": plan.progress,
        "overdue": plan.overdue(today),
        "note": plan.status_note,
        "updated_at": plan.status_at.isoformat() + "Z" if plan.status_at else None,
        "updated_by": (
            None
            if plan.status_at is None
            else {"staff": plan.status_by_staff, "name": by.name if by else None}
        ),
    }


def planned(workshop: Workshop) -> list[Card]:
    """Every solution with an action plan, of any status, oldest first."""
    return list(
        db.session.scalars(
            select(Card)
            .join(ActionPlan, ActionPlan.card_id == Card.id)
            .where(Card.workshop_id == workshop.id, Card.kind == SOLUTION)
            .options(selectinload(Card.plan))
            .order_by(Card.id)
        )
    )


def progress(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per owner agency: how many items are at each status, and how many are overdue
    (past their deadline, not done). Agencies in alphabetical order, none last."""
    rows: dict[str, dict[str, Any]] = {}
    for entry in items:
        key = entry["agency_key"]
        row = rows.setdefault(
            key,
            {
                "agency": entry["agency"] or "",
                "agency_key": key,
                "total": 0,
                "overdue": 0,
                **{status: 0 for status in FOLLOW_UP_STATUSES},
            },
        )
        row["total"] += 1
        row[entry["status"]] += 1
        row["overdue"] += 1 if entry["overdue"] else 0
    return sorted(rows.values(), key=lambda r: (r["agency_key"] == "", r["agency_key"]))


def state_for(workshop: Workshop, identity: Identity, today: dt.date) -> dict[str, Any]:
    """What the follow-up holds for this caller: the items it may see (a participant:
    their own agency's) and, for steering, the progress per agency."""
    viewer = Viewer.of(identity)
    settings = Settings.of(workshop)
    whole = [item(card, today) for card in planned(workshop)]
    state: dict[str, Any] = {"today": today.isoformat()}
    if viewer.steering:
        state["items"] = whole
        state["progress"] = progress(whole)
        return state
    mine = _agency_key_of(identity)
    shown = (viewer.follow_up_item(entry, settings) for entry in whole)
    state["items"] = [
        entry for entry in shown if entry is not None and mine and entry["agency_key"] == mine
    ]
    return state


def _agency_key_of(identity: Identity) -> str:
    person = db.session.get(Participant, identity.participant_id or 0)
    return agency_key(person.agency) if person is not None else ""


def update_status(
    workshop: Workshop, identity: Identity, payload: dict[str, Any], today: dt.date
) -> dict[str, Any]:
    """Report a planned solution's status (belum, berjalan, selesai) with a note.

    The facilitator may update any item; a participant only their own agency's,
    and only while the workshop is reopened for its follow-up meeting.
    """
    unknown = set(payload) - {"card_id", "status", "note"}
    if unknown:
        # The reporter is who this connection is, never a field of the message.
        raise invalid(_("Invalid value."), **{name: _("Invalid.") for name in sorted(unknown)})
    card = card_in(workshop, payload.get("card_id"), kind=SOLUTION)
    if card.plan is None:
        raise not_found(_("This solution has no action plan to follow up."))
    viewer = Viewer.of(identity)
    if not viewer.steering:
        if identity.participant_id is None:
            raise forbidden(_("Only the facilitator or the owner agency can update this."))
        if workshop.state != FOLLOW_UP:
            raise forbidden(
                _("Status updates open when the facilitator reopens the workshop for follow-up.")
            )
    whole = item(card, today)
    settings = Settings.of(workshop)
    if viewer.follow_up_item(whole, settings) is None:
        # A hidden or deleted solution: as if absent, for those who may not see it.
        raise not_found(_("This card does not exist in this workshop."))
    if not viewer.follows_up(whole, _agency_key_of(identity), settings):
        raise forbidden(_("Only the owner agency's people can update this item."))
    status = payload.get("status")
    if status not in FOLLOW_UP_STATUSES:
        raise invalid(_("Choose a status."), status=_("Invalid."))
    note = clean_text(
        payload.get("note"), "note", max_length=NOTE_MAX, required=False, multiline=True
    )
    plan = card.plan
    participant_id = None if viewer.steering else identity.participant_id
    plan.status = str(status)
    plan.status_note = note
    plan.status_at = utcnow()
    plan.status_by_id = participant_id
    plan.status_by_staff = viewer.steering
    _record(workshop, card, participant_id, viewer.steering, note)
    db.session.flush()
    db.session.expire(plan, ["status_by"])
    return announce_item(workshop, card, today)


# How long a reporter may go on with one report: a tap on a status, then the
# note typed and saved, is one report, not two.
SAME_REPORT = dt.timedelta(minutes=15)


def _record(
    workshop: Workshop, card: Card, participant_id: int | None, staff: bool, note: str | None
) -> None:
    """Keep the report in the plan's history, once: the same reporter saying the
    same status again soon after (with a note, say) amends their last report."""
    plan = card.plan
    assert plan is not None and plan.status is not None and plan.status_at is not None
    last = db.session.scalars(
        select(PlanUpdate)
        .where(PlanUpdate.workshop_id == workshop.id, PlanUpdate.card_id == card.id)
        .order_by(PlanUpdate.id.desc())
        .limit(1)
    ).first()
    if (
        last is not None
        and last.status == plan.status
        and last.participant_id == participant_id
        and last.by_staff == staff
        and plan.status_at - last.created_at <= SAME_REPORT
    ):
        last.note = note
        last.created_at = plan.status_at
        return
    db.session.add(
        PlanUpdate(
            workshop_id=workshop.id,
            card_id=card.id,
            status=plan.status,
            note=note,
            participant_id=participant_id,
            by_staff=staff,
            created_at=plan.status_at,
        )
    )


def announce_item(workshop: Workshop, card: Card, today: dt.date) -> dict[str, Any]:
    """Stamp a follow-up item's change, and the progress per agency for steering."""
    data = item(card, today)
    stamp(workshop, FOLLOW_UP_EVENT, data)
    whole = [item(c, today) for c in planned(workshop)]
    stamp(workshop, PROGRESS_EVENT, {"agencies": progress(whole)}, audience=STEERING)
    return data


def history(workshop: Workshop, card_id: int) -> list[PlanUpdate]:
    """Every status report on one plan, oldest first."""
    return list(
        db.session.scalars(
            select(PlanUpdate)
            .where(PlanUpdate.workshop_id == workshop.id, PlanUpdate.card_id == card_id)
            .order_by(PlanUpdate.id)
        )
    )
