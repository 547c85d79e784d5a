"""Join codes people can read aloud and type, and secrets nobody can guess."""

from __future__ import annotations

import hashlib
import re
import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G: a code read off a projector is typed right.
ALPHABET = "ACDEFHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
_NOT_CODE = re.compile(r"[^A-Z0-9]")


def new_join_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """Upper-case a typed code and drop spaces and dashes ("ab-c d12" -> "ABCD12")."""
    return _NOT_CODE.sub("", raw.upper())


def new_token() -> str:
    """256 random bits, URL-safe: the secret part of a facilitator or presenter link."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
