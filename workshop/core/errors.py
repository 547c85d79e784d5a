"""Domain errors: what went wrong, in words a user can act on.

Services raise them; each transport turns them into its own shape (an HTTP
error page or form message, a socket acknowledgement). The shape on the wire
is documented in docs/PROTOCOL.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class DomainError(Exception):
    """A request that cannot be carried out, with a stable code and a message."""

    code: str
    message: str
    fields: dict[str, str] = field(default_factory=dict)
    http_status: int = 400

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self.message), "fields": dict(self.fields)}


def invalid(message: str, **fields: str) -> DomainError:
    """Input that breaks a rule (empty, too long, wrong type)."""
    return DomainError("invalid", message, fields, 400)


def not_found(message: str) -> DomainError:
    """A workshop, sector or card that does not exist for this caller."""
    return DomainError("not_found", message, {}, 404)


def forbidden(message: str) -> DomainError:
    """The caller is known but may not do this."""
    return DomainError("forbidden", message, {}, 403)


def unauthenticated(message: str) -> DomainError:
    """The caller has no identity in this workshop."""
    return DomainError("unauthenticated", message, {}, 401)
