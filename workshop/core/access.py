"""Who the caller is in a workshop: facilitator, presenter, participant or nobody.

Identity comes from the signed session cookie, which only the server can
write: a participant cannot claim another participant's id or a role. These
functions take the session mapping as an argument, so the HTTP views and the
socket handlers share them.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from ..extensions import db
from . import fastpath
from .errors import forbidden, unauthenticated
from .models import AccessKey, Participant, Workshop

FACILITATOR = "facilitator"
COFACILITATOR = "cofacilitator"
PRESENTER = "presenter"
PARTICIPANT = "participant"
# Signing-only links (attendance/): the committee (panitia) and the speakers
# (narasumber) sign the day's attendance through them. They open one page and
# nothing else: never remembered in the session, never staff.
COMMITTEE = "committee"
SPEAKER = "speaker"
SIGNING_ROLES = frozenset({COMMITTEE, SPEAKER})

STAFF_ROLES = frozenset({FACILITATOR, COFACILITATOR, PRESENTER})
STEERING_ROLES = frozenset({FACILITATOR, COFACILITATOR})


@dataclass(frozen=True)
class Identity:
    workshop_id: int
    role: str
    participant_id: int | None = None
    key_id: int | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def can_steer(self) -> bool:
        return self.role in STEERING_ROLES


def check_key(identity: Identity) -> None:
    """Refuse a connection whose secret link was revoked since it connected."""
    key = db.session.get(AccessKey, identity.key_id) if identity.key_id else None
    if key is None or not key.active:
        raise unauthenticated(_("This link was revoked. Ask the facilitator for a new one."))


def steering(identity: Identity) -> Identity:
    """The caller, if they may steer the workshop; otherwise a clear refusal."""
    if not identity.can_steer:
        raise forbidden(_("Only the facilitator can do this."))
    return identity


def _keys(session: MutableMapping[str, Any]) -> dict[str, int]:
    value = session.get("keys")
    return value if isinstance(value, dict) else {}


def _participants(session: MutableMapping[str, Any]) -> dict[str, int]:
    value = session.get("participants")
    return value if isinstance(value, dict) else {}


def staff_identity(workshop: Workshop, session: MutableMapping[str, Any]) -> Identity | None:
    """The facilitator or presenter role this browser holds, if its key is still valid."""
    return _staff_identity(workshop.id, session)


def _staff_identity(workshop_id: int, session: MutableMapping[str, Any]) -> Identity | None:
    key_id = _keys(session).get(str(workshop_id))
    if not isinstance(key_id, int):
        return None
    key = db.session.get(AccessKey, key_id)
    if key is None or key.workshop_id != workshop_id or not key.active:
        return None
    if key.role not in STAFF_ROLES:  # a signing link is never a staff identity
        return None
    return Identity(workshop_id, key.role, key_id=key.id)


def participant_of(workshop: Workshop, session: MutableMapping[str, Any]) -> Participant | None:
    """The participant this phone joined as, if any."""
    return _participant_of(workshop.id, session)


def _participant_of(workshop_id: int, session: MutableMapping[str, Any]) -> Participant | None:
    pid = _participants(session).get(str(workshop_id))
    if not isinstance(pid, int):
        return None
    participant = db.session.get(Participant, pid)
    if participant is None or participant.workshop_id != workshop_id:
        return None
    return participant


def _participant_id_in(workshop_id: int, session: MutableMapping[str, Any]) -> int | None:
    """The id of the participant this browser joined `workshop_id` as, if still there."""
    pid = _participants(session).get(str(workshop_id))
    if not isinstance(pid, int) or isinstance(pid, bool):
        return None
    return fastpath.participant_id_in(workshop_id, pid)


def identity_of(workshop: Workshop, session: MutableMapping[str, Any]) -> Identity | None:
    """The strongest identity this browser holds in `workshop`: staff before participant."""
    return identity_in(workshop.id, session)


def identity_in(workshop_id: int, session: MutableMapping[str, Any]) -> Identity | None:
    """identity_of, by the workshop's id: the socket's connect need not load the workshop."""
    staff = _staff_identity(workshop_id, session)
    if staff is not None:
        return staff
    participant_id = _participant_id_in(workshop_id, session)
    if participant_id is not None:
        return Identity(workshop_id, PARTICIPANT, participant_id=participant_id)
    return None


def remember_key(session: MutableMapping[str, Any], key: AccessKey) -> None:
    keys = dict(_keys(session))
    keys[str(key.workshop_id)] = key.id
    session["keys"] = keys
    session.permanent = True  # type: ignore[attr-defined]


def remember_participant(session: MutableMapping[str, Any], participant: Participant) -> None:
    participants = dict(_participants(session))
    participants[str(participant.workshop_id)] = participant.id
    session["participants"] = participants
    session.permanent = True  # type: ignore[attr-defined]
