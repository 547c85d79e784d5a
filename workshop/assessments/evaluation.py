"""Anonymous evaluations: the speakers' (evaluasi narasumber) and the organisation's
(evaluasi penyelenggaraan), as government training forms ask them, on a 1-4 or
1-5 scale the facilitator chooses, with comments.

Anonymous for everyone, the facilitator included: the answers are kept in rows
with no participant, no time and a random id (models.EvaluationResponse); a
separate receipt says that a phone has sent the step's form, so that a phone
sends it once (a unique constraint on step and phone), and nothing else. The
cockpit hears only how many have sent it while the step is open, and sees the
recap (means per item and per speaker, comments in alphabetical order) once
the facilitator closes it, so that no change on screen follows one phone's
sending. Exports carry the same recap and nothing per phone.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..core.errors import forbidden, invalid, not_found
from ..core.lifecycle import RUNNING
from ..core.models import Participant, Phase, Workshop
from ..core.timeutil import utcnow
from ..core.validation import clean_text, optional_int, required_flag
from ..extensions import db
from ..realtime.broadcast import stamp
from ..realtime.policy import Viewer
from .models import EVALUATION, EvaluationForm, EvaluationReceipt, EvaluationResponse

SCALES = (4, 5)
MAX_SPEAKERS = 6  # with the organisation, a full form stays within MAX_EVENT_PAYLOAD
SPEAKER_MAX = 80
COMMENT_MAX = 300
ORGANISATION = "organisation"
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

FORM = "evaluation.form"
SUBMITTED = "evaluation.submitted"
CLOSED = "evaluation.closed"

# The items of the two forms (key, Indonesian, English), as the evaluasi
# narasumber and evaluasi penyelenggaraan of government training list them.
SPEAKER_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("mastery", "Penguasaan materi", "Mastery of the material"),
    ("time", "Ketepatan waktu", "Punctuality"),
    ("system", "Sistematika penyajian", "Systematic delivery"),
    ("method", "Penggunaan metode dan alat bantu", "Use of methods and teaching aids"),
    ("answers", "Kemampuan menjawab pertanyaan", "Answering questions"),
    ("language", "Penggunaan bahasa", "Use of language"),
    ("motivation", "Pemberian motivasi kepada peserta", "Motivating the participants"),
    ("attitude", "Sikap dan perilaku", "Attitude and conduct"),
)
ORGANISATION_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("facilities", "Kesiapan fasilitas dan sarana", "Facilities and equipment"),
    ("schedule", "Ketepatan jadwal", "Keeping to the schedule"),
    ("materials", "Ketersediaan materi dan bahan", "Materials and handouts"),
    ("service", "Pelayanan panitia", "The committee's service"),
    ("administration", "Administrasi kegiatan", "Administration"),
    ("room", "Kebersihan dan kenyamanan ruangan", "Cleanliness and comfort of the room"),
    ("meals", "Konsumsi", "Meals and refreshments"),
)


def _english(workshop: Workshop) -> bool:
    return workshop.language == "en"


def items(workshop: Workshop) -> dict[str, list[dict[str, str]]]:
    """Each form's items in the workshop's language."""
    column = 2 if _english(workshop) else 1
    return {
        "speaker": [{"key": row[0], "label": row[column]} for row in SPEAKER_ITEMS],
        ORGANISATION: [{"key": row[0], "label": row[column]} for row in ORGANISATION_ITEMS],
    }


def scale_labels(workshop: Workshop, scale: int) -> list[str]:
    """The words of each point of the scale, lowest first."""
    if _english(workshop):
        words = ["Very poor", "Poor", "Fair", "Good", "Very good"]
    else:
        words = ["Sangat kurang", "Kurang", "Cukup", "Baik", "Sangat baik"]
    return words[1:] if scale == 4 else words


# -- the form -------------------------------------------------------------------------


def evaluation_phases(workshop: Workshop) -> list[Phase]:
    return [p for p in workshop.phases if p.kind == EVALUATION]


def form_of(workshop: Workshop, phase: Phase) -> EvaluationForm:
    """The step's form (a default one, not yet kept, until the facilitator sets it)."""
    found = db.session.scalars(
        select(EvaluationForm).where(EvaluationForm.phase_id == phase.id)
    ).first()
    return found or EvaluationForm(
        workshop_id=workshop.id, phase_id=phase.id, scale=4, speakers=[], organisation=True
    )


def _phase(workshop: Workshop, phase_id: object) -> Phase:
    pid = optional_int(phase_id, "phase_id")
    phase = next((p for p in evaluation_phases(workshop) if p.id == pid), None)
    if phase is None:
        raise not_found(_("This evaluation step does not exist in this workshop."))
    return phase


def form_data(workshop: Workshop, form: EvaluationForm) -> dict[str, Any]:
    return {
        "phase_id": form.phase_id,
        "scale": form.scale,
        "scale_labels": scale_labels(workshop, form.scale),
        "speakers": list(form.speakers or []),
        "organisation": form.organisation,
        "closed": form.closed_at is not None,
        "count": count(form.phase_id),
    }


def save_form(workshop: Workshop, payload: dict[str, Any]) -> EvaluationForm:
    """Set an evaluation step's form: {phase_id, scale: 4|5, speakers: [names],
    organisation: bool}; it cannot change once a phone has sent it."""
    phase = _phase(workshop, payload.get("phase_id"))
    form = form_of(workshop, phase)
    if count(phase.id):
        raise forbidden(_("Phones have sent this evaluation: its form can no longer change."))
    if "scale" in payload:
        scale = optional_int(payload["scale"], "scale")
        if scale not in SCALES:
            raise invalid(_("Choose a scale of 1-4 or 1-5."), scale=_("Invalid."))
        form.scale = scale
    if "speakers" in payload:
        form.speakers = _speakers(payload["speakers"])
    if "organisation" in payload:
        form.organisation = required_flag(payload["organisation"], "organisation")
    db.session.add(form)
    db.session.flush()
    stamp(workshop, FORM, form_data(workshop, form))
    return form


def _speakers(value: object) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_SPEAKERS:
        raise invalid(_("At most %(n)d speakers.", n=MAX_SPEAKERS), speakers=_("Invalid."))
    names = [str(clean_text(name, "speakers", max_length=SPEAKER_MAX)) for name in value]
    if len({n.casefold() for n in names}) != len(names):
        raise invalid(_("A speaker is named twice."), speakers=_("Invalid."))
    return names


def targets(form: EvaluationForm) -> list[str]:
    """What a phone evaluates: each speaker ("speaker:<n>"), then the organisation."""
    out = [f"speaker:{n}" for n in range(len(form.speakers or []))]
    return [*out, ORGANISATION] if form.organisation else out


def _item_keys(target: str) -> list[str]:
    rows = ORGANISATION_ITEMS if target == ORGANISATION else SPEAKER_ITEMS
    return [row[0] for row in rows]


# -- sending ---------------------------------------------------------------------------


def submit(workshop: Workshop, participant: Participant, payload: dict[str, Any]) -> bool:
    """A phone sends the current evaluation step's form: {client_id, answers:
    {target: {scores: {item: 1..scale}, comment?}}}, every target and item scored.
    Once a phone: sending again answers as the first time did (False: nothing new)."""
    phase = workshop.phase
    if workshop.state != RUNNING or phase is None or phase.kind != EVALUATION:
        raise forbidden(_("The evaluation is not open."))
    form = form_of(workshop, phase)
    if form.closed_at is not None:
        raise forbidden(_("The evaluation is closed."))
    client_id = payload.get("client_id")
    if not isinstance(client_id, str) or not _CLIENT_ID.match(client_id):
        raise invalid(_("The form has no valid id; reload the page."), client_id=_("Invalid."))
    if _receipt(phase.id, participant.id) is not None:
        return False
    responses = _checked(form, payload.get("answers"))
    try:
        with db.session.begin_nested():
            db.session.add(
                EvaluationReceipt(
                    workshop_id=workshop.id,
                    phase_id=phase.id,
                    participant_id=participant.id,
                    client_id=client_id,
                )
            )
            db.session.flush()
    except IntegrityError:  # another process took this phone's form first
        return False
    db.session.add_all(responses)
    db.session.flush()
    stamp(workshop, SUBMITTED, {"phase_id": phase.id, "count": count(phase.id)})
    return True


def _checked(form: EvaluationForm, answers: object) -> list[EvaluationResponse]:
    if not isinstance(answers, dict) or set(answers) != set(targets(form)):
        raise invalid(_("Answer every part of the form."), answers=_("Invalid."))
    return [_response(form, target, answers[target]) for target in targets(form)]


def _response(form: EvaluationForm, target: str, answer: object) -> EvaluationResponse:
    scores = answer.get("scores") if isinstance(answer, dict) else None
    keys = _item_keys(target)
    if not isinstance(scores, dict) or set(scores) != set(keys):
        raise invalid(
            _("Give a score to every item."), **{target: _("Give a score to every item.")}
        )
    clean: dict[str, int] = {}
    for item in keys:
        value = optional_int(scores[item], item)
        if value is None or not 1 <= value <= form.scale:
            raise invalid(_("Give a score to every item."), **{target: _("Invalid.")})
        clean[item] = value
    comment = clean_text(
        answer.get("comment") if isinstance(answer, dict) else None,
        "comment",
        max_length=COMMENT_MAX,
        required=False,
        multiline=True,
    )
    return EvaluationResponse(
        id=secrets.token_hex(12),
        workshop_id=form.workshop_id,
        phase_id=form.phase_id,
        target=target,
        scores=clean,
        comment=comment,
    )


def _receipt(phase_id: int, participant_id: int) -> EvaluationReceipt | None:
    return db.session.scalars(
        select(EvaluationReceipt).where(
            EvaluationReceipt.phase_id == phase_id,
            EvaluationReceipt.participant_id == participant_id,
        )
    ).first()


def count(phase_id: int | None) -> int:
    """How many phones have sent the step's form: every form scores every part, so
    each part has one response a form. Counted from the responses, not the receipts,
    so that a restored backup (which keeps no receipt: exports/importer.py) counts
    its forms too."""
    if phase_id is None:
        return 0
    per_part = (
        select(func.count(EvaluationResponse.id).label("n"))
        .where(EvaluationResponse.phase_id == phase_id)
        .group_by(EvaluationResponse.target)
        .subquery()
    )
    found = db.session.scalar(select(func.max(per_part.c.n)))
    return int(found or 0)


# -- closing and the recap ----------------------------------------------------------------


def close(workshop: Workshop, phase_id: object) -> dict[str, Any]:
    """The facilitator closes an evaluation step: no more forms; the cockpit sees its recap."""
    phase = _phase(workshop, phase_id)
    form = form_of(workshop, phase)
    if form.closed_at is not None:
        raise forbidden(_("This evaluation is already closed."))
    form.closed_at = utcnow()
    db.session.add(form)
    db.session.flush()
    summary = recap(workshop, form)
    stamp(workshop, CLOSED, {"phase_id": phase.id, "count": count(phase.id), "recap": summary})
    return summary


def recap(workshop: Workshop, form: EvaluationForm) -> dict[str, Any]:
    """The means of each item and of each target (a speaker, the organisation), with
    how many scored them, and the comments in alphabetical order (never by time)."""
    rows = list(
        db.session.scalars(
            select(EvaluationResponse).where(EvaluationResponse.phase_id == form.phase_id)
        )
    )
    labels = items(workshop)
    out = []
    for target in targets(form):
        mine = [r for r in rows if r.target == target]
        kind = ORGANISATION if target == ORGANISATION else "speaker"
        means = [
            {
                "key": item["key"],
                "label": item["label"],
                "mean": _mean([r.scores[item["key"]] for r in mine]),
            }
            for item in labels[kind]
        ]
        values = [v for v in (_mean([r.scores[i["key"]] for r in mine]) for i in labels[kind]) if v]
        out.append(
            {
                "target": target,
                "name": _target_name(workshop, form, target),
                "n": len(mine),
                "items": means,
                "mean": _mean(values),
                "comments": sorted(
                    (r.comment for r in mine if r.comment), key=lambda c: c.casefold()
                ),
            }
        )
    return {"scale": form.scale, "count": count(form.phase_id), "targets": out}


def _target_name(workshop: Workshop, form: EvaluationForm, target: str) -> str:
    if target == ORGANISATION:
        return "Organisation" if _english(workshop) else "Penyelenggaraan"
    return str((form.speakers or [])[int(target.split(":")[1])])


def _mean(values: list[int] | list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


# -- what each screen is told -------------------------------------------------------------


def snapshot(workshop: Workshop, viewer: Viewer) -> dict[str, Any]:
    """Every evaluation step's form and count for everyone; the recaps of the closed
    ones for steering; which steps this phone has sent for a phone."""
    forms = {p.id: form_of(workshop, p) for p in evaluation_phases(workshop)}
    state: dict[str, Any] = {
        "forms": {str(pid): form_data(workshop, form) for pid, form in forms.items()},
        "items": items(workshop),
    }
    if viewer.steering:
        state["recaps"] = {
            str(pid): recap(workshop, form)
            for pid, form in forms.items()
            if form.closed_at is not None
        }
    if viewer.participant_id is not None and forms:
        sent = db.session.scalars(
            select(EvaluationReceipt.phase_id).where(
                EvaluationReceipt.participant_id == viewer.participant_id,
                EvaluationReceipt.phase_id.in_(list(forms)),
            )
        )
        state["sent"] = sorted(sent)
    return state
