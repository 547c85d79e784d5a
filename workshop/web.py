"""HTTP plumbing shared by the feature views: find the workshop, check the caller,
run a change as one unit of work, and tell a page the rules."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from .core import access
from .core.errors import DomainError, forbidden
from .core.lookup import find_workshop
from .core.models import Participant, Workshop
from .core.rules import rules
from .netinfo import public_base_url
from .ratelimit import limits
from .realtime.policy import Viewer
from .realtime.unit import unit_of_work

F = TypeVar("F", bound=Callable[..., Any])


def load_workshop(code: str) -> Workshop:
    """The workshop named in the URL, or a friendly 404 (wrong codes are throttled)."""
    try:
        return find_workshop(code)
    except DomainError:
        throttle_wrong_code()
        abort(404)


def throttle_wrong_code() -> None:
    """Count a wrong join code against this address; too many in a row get a 429.

    Per address, since there is no identity yet; the allowance is generous
    because a whole room may share one Wi-Fi address.
    """
    if not limits().wrong_codes.allow(f"ip:{request.remote_addr}"):
        raise DomainError(
            "rate_limited",
            _("Too many wrong codes from this network. Wait a minute, then try again."),
            {},
            429,
        )


def staff_page(*, steering: bool) -> Callable[[F], F]:
    """Only the facilitator (and, unless `steering`, the presenter) may open this page.

    The view receives the workshop and the caller's identity.
    """

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(code: str, **kwargs: Any) -> Any:
            workshop = load_workshop(code)
            identity = access.staff_identity(workshop, session)
            if identity is None or (steering and not identity.can_steer):
                raise forbidden(
                    _("This page is for the facilitator. Open the facilitator link again.")
                )
            return view(workshop, identity, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def participant_page(view: F) -> F:
    """Only a participant who joined from this phone (or staff) may open this page."""

    @functools.wraps(view)
    def wrapper(code: str, **kwargs: Any) -> Any:
        workshop = load_workshop(code)
        participant = access.participant_of(workshop, session)
        if participant is None:
            return redirect(url_for("participants.join", code=workshop.code))
        return view(workshop, participant, **kwargs)

    return wrapper  # type: ignore[return-value]


def join_url(workshop: Workshop) -> str:
    """The address phones open (and the QR code holds) to join `workshop`."""
    return public_base_url(current_app) + url_for("participants.join", code=workshop.code)


def back_to(endpoint: str, **values: Any) -> Response:
    return redirect(url_for(endpoint, **values), code=303)


def apply(change: Callable[[], object], done: str | None, endpoint: str, **values: Any) -> Response:
    """Run one change from a form as a unit of work, say how it went, and go back."""
    try:
        with unit_of_work():
            change()
    except DomainError as err:
        flash(err.message, "error")
    else:
        if done:
            flash(done, "success")
    return back_to(endpoint, **values)


def page_config(
    workshop: Workshop,
    viewer: Viewer,
    participant: Participant | None = None,
    sector_id: int | None = None,
) -> dict[str, Any]:
    """What a page's script is told at load: who is looking, the boards and the rules."""
    return {
        "code": workshop.code,
        "viewer": {
            "kind": viewer.kind,
            "participant": (
                {"id": participant.id, "name": participant.name} if participant else None
            ),
            "sector_id": sector_id,  # the board this page shows
            # The participant's own sector: their group scores and adds causes to its board.
            "group_sector": participant.group_sector if participant else None,
        },
        "sectors": [s.as_dict() for s in workshop.active_sectors],
        "rules": rules(),
    }


def show_errors(form: FlaskForm, err: DomainError) -> None:
    """Put a service's field errors on the form's fields, the rest on the form."""
    placed = False
    for name, message in err.fields.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*list(field.errors or []), message]
            placed = True
    if not placed:
        form.form_errors.append(err.message)
