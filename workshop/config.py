"""Configuration defaults, and the settings that must exist before anything runs.

Every setting can be given as an environment variable with the prefix
`WORKSHOP_` (for example `WORKSHOP_DATABASE_URL`); see the README's table.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import platformdirs
from flask import Flask

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
# The data folder of an installed Urai: %LOCALAPPDATA%\urai on Windows,
# ~/Library/Application Support/urai on macOS, ~/.local/share/urai on Linux.
APP_NAME = "urai"


def shipped(name: str) -> Path:
    """Where `templates` or `static` is: inside the package of an installed Urai
    (the wheel's build copies them there, setup.py), beside it in a checkout."""
    inside = PACKAGE / name
    return inside if inside.is_dir() else CHECKOUT / name


def is_checkout() -> bool:
    """Running from a git checkout (make run, the tests), not an installed wheel."""
    return not (PACKAGE / "templates").is_dir() and (CHECKOUT / "templates").is_dir()


def instance_path() -> Path:
    """The folder of the database, the secret key and the backups.

    `WORKSHOP_INSTANCE_PATH` wins; a checkout keeps its instance/ folder, as
    `make run` always has; an installed Urai uses the user's data folder, never
    its own package nor the folder it was started from.
    """
    configured = os.environ.get("WORKSHOP_INSTANCE_PATH")
    if configured:
        return Path(configured)
    if is_checkout():
        return CHECKOUT / "instance"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class DefaultConfig:
    HOST = "0.0.0.0"
    PORT = 5000
    # Address phones should use, when the automatic LAN address is wrong
    # (behind a proxy, or a laptop with several networks).
    PUBLIC_URL: str | None = None
    DATABASE_URL: str | None = None
    # Number of reverse proxies (nginx) in front: their X-Forwarded-* headers
    # are then trusted, so rate limits see the phone's address.
    PROXY_COUNT = 0
    MESSAGE_QUEUE: str | None = None
    ASYNC_MODE = "gevent"
    SECRET_KEY: str | None = None
    # A reply carries what a phone missed since its last sequence number;
    # past this many events it gets a fresh snapshot instead.
    SYNC_MAX_EVENTS = 200
    # Largest Socket.IO message accepted from a client, in bytes.
    MAX_SOCKET_MESSAGE = 64 * 1024
    MAX_CONTENT_LENGTH = 256 * 1024
    # Largest payload of one socket event, in bytes of JSON; past it the event
    # gets a `too_large` error (past MAX_SOCKET_MESSAGE the socket is closed).
    MAX_EVENT_PAYLOAD = 8 * 1024
    # Every this many seconds, clients hear the last sequence number they
    # should have seen, and resync if they are behind (0: off). None: 5 s
    # with a message queue (where a broadcast can be lost on the way), off
    # for a single process (where it cannot).
    TICK_SECONDS: float | None = None
    # Flood control per participant or secret link: a burst, then a steady rate.
    EVENT_BURST = 30
    EVENT_RATE = 5.0
    # A caller that goes on past its allowance gets this many `rate_limited`
    # answers (refilled at EVENT_RATE); then its socket is dropped, and it may
    # not connect again until its allowance has a token.
    FLOOD_DROP_AFTER = 20
    # Seconds: a board gets the new tallies of its cards, and a question session
    # the upvotes of its questions, at most once per this interval (the latest
    # of each), however fast votes come; 0 sends each (realtime/batches.py).
    TALLY_INTERVAL = 0.25
    # Wrong join codes per IP address (a whole room may share one address).
    WRONG_CODE_BURST = 30
    WRONG_CODE_RATE = 0.5
    # Similar cards are matched in a child process (workshop/similar/worker.py),
    # so their CPU never delays a post's broadcast; False: in this process.
    SIMILAR_WORKER = True
    # A folder of proposal rubric files (one per competition year, like
    # workshop/proposals/rubrics/kipp-2023.json), searched before the shipped ones.
    PROPOSAL_RUBRICS: str | None = None

    SESSION_COOKIE_NAME = "urai_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # A Bimtek can run over several days: a phone keeps its identity a month.
    PERMANENT_SESSION_LIFETIME = timedelta(days=30)
    WTF_CSRF_TIME_LIMIT = None
    BABEL_DEFAULT_LOCALE = "id"


def configure_instance(app: Flask) -> None:
    """Create the instance folder, the database URL and a lasting secret key."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = (
            app.config.get("DATABASE_URL") or f"sqlite:///{instance / 'urai.sqlite3'}"
        )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _stored_secret(instance / "secret_key")


def _stored_secret(path: Path) -> str:
    """Read the secret key kept in the instance folder, creating it once.

    Kept on disk so participants' cookies, and so their identity, survive a
    restart of the laptop.
    """
    if path.exists():
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key
