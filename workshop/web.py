"""HTTP plumbing shared by the feature views: find the workshop, check the caller."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, current_app, redirect, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from . import access
from .errors import DomainError, forbidden
from .netinfo import public_base_url
from .ratelimit import limits
from .workshops.models import Workshop
from .workshops.services import find_workshop

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


def staff_page(*, steer: bool) -> Callable[[F], F]:
    """Only the facilitator (and, unless `steer`, the presenter) may open this page.

    The view receives the workshop and the caller's identity.
    """

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(code: str, **kwargs: Any) -> Any:
            workshop = load_workshop(code)
            identity = access.staff_identity(workshop, session)
            if identity is None or (steer and not identity.can_steer):
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
