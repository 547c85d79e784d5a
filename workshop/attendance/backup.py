"""The signed attendance in the JSON backup (exports/json_export.py) and back
(exports/importer.py): each signature with its day, role, who signed and the
picture as base64 PNG. A picture read back is checked as one sent from a phone."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import undefer

from ..core.models import Participant, Phase, Workshop
from ..extensions import db
from .models import ROLES, Signature
from .services import clean_png


def to_json(
    workshop: Workshop, person_ref: dict[int, int], phase_ref: dict[int, int]
) -> list[dict[str, Any]]:
    """Every signature of the workshop, its people and steps by `ref`."""
    rows = db.session.scalars(
        select(Signature)
        .where(Signature.workshop_id == workshop.id)
        .options(undefer(Signature.image))
        .order_by(Signature.id)
    )
    return [
        {
            "day": s.day,
            "role": s.role,
            "participant": person_ref.get(s.participant_id) if s.participant_id else None,
            "phase": phase_ref.get(s.phase_id) if s.phase_id else None,
            "name": s.name,
            "agency": s.agency,
            "position": s.position,
            "signed_at": s.signed_at.isoformat(),
            "image": base64.b64encode(s.image).decode(),
        }
        for s in rows
    ]


def restore(
    workshop: Workshop,
    rows: list[dict[str, Any]],
    people: dict[int, Participant],
    phases: list[Phase],
) -> None:
    """Add the signatures of a backup to the workshop being imported."""
    for data in rows:
        if data["role"] not in ROLES:
            raise ValueError("role")
        image, width, height = clean_png(data["image"])
        phase = int(data["phase"]) if data.get("phase") else None
        db.session.add(
            Signature(
                workshop_id=workshop.id,
                phase_id=phases[phase - 1].id if phase else None,
                day=int(data["day"]),
                role=data["role"],
                participant_id=people[data["participant"]].id if data.get("participant") else None,
                name=str(data["name"])[:80],
                agency=str(data["agency"])[:120],
                position=data.get("position"),
                image=image,
                width=width,
                height=height,
                signed_at=dt.datetime.fromisoformat(data["signed_at"]),
            )
        )
    db.session.flush()
