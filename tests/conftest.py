"""Shared fixtures: a fresh migrated SQLite database per test, real test
clients, and factories for workshops, facilitators, participants and sockets."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import socketio as socketio_client
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from workshop import create_app
from workshop.extensions import db, socketio
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.workshops import services

BASE_CONFIG: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "WTF_CSRF_ENABLED": False,
    "PUBLIC_URL": "http://urai.test",
    # The tick loop is a background task of a running server; tests call
    # send_ticks() directly.
    "TICK_SECONDS": 0,
    # Every tally sent as its vote commits (tests/voting/test_tally_throttle.py
    # checks the coalescing of a running server).
    "TALLY_INTERVAL": 0,
    # Similar cards are matched in the test process: the child process costs
    # 2 to 3 s of imports each time it starts. tests/similar/test_worker.py
    # turns it on to test the real child.
    "SIMILAR_WORKER": False,
}


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database built by the real Alembic migrations, copied for each test."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return path


@pytest.fixture
def app_config() -> dict[str, Any]:
    """Override in a test module to change settings."""
    return {}


@contextmanager
def app_in(folder: Path, template: Path, config: dict[str, Any]) -> Iterator[Flask]:
    """An app on its own copy of the migrated database, with its own instance folder."""
    path = folder / "urai.sqlite3"
    shutil.copy(template, path)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("WORKSHOP_INSTANCE_PATH", str(folder / "instance"))
        application = create_app(
            {**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", **config}
        )
        # No app context is held open: each request and socket event pushes its
        # own, as in production. Tests that touch the database open one.
        yield application
        application.extensions["urai_similar"].close()  # its child process, if one started
        with application.app_context():
            db.engine.dispose()


@pytest.fixture
def app(tmp_path: Path, migrated_template: Path, app_config: dict[str, Any]) -> Iterator[Flask]:
    """A fresh app and database for one test."""
    with app_in(tmp_path, migrated_template, app_config) as application:
        yield application


@pytest.fixture(scope="module")
def module_app(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> Iterator[Flask]:
    """One app and database for a module whose tests only read what a module
    fixture built once (a large workshop, say)."""
    with app_in(tmp_path_factory.mktemp("module"), migrated_template, {}) as application:
        yield application


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One PostgreSQL cluster for the run (one per xdist worker): a SQLAlchemy URL
    without a database name. Each test makes its own database in it."""
    from tests.servers import postgres

    with postgres() as url:
        yield url


@pytest.fixture
def postgres_database(postgres_server: str) -> str:
    """The URL of a new, empty database on the run's PostgreSQL, for one test."""
    from tests.servers import create_database

    return create_database(postgres_server, f"urai_{uuid.uuid4().hex}")


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@dataclass(frozen=True)
class Made:
    """A workshop made for a test: plain values, usable outside any app context."""

    id: int
    code: str
    sector_ids: list[int]
    facilitator_token: str
    presenter_token: str


@pytest.fixture
def make_workshop(app: Flask) -> Callable[..., Made]:
    """Create and commit a workshop: `make_workshop(title="...")`."""

    def make(
        title: str = "Bimtek Inovasi Pelayanan Publik",
        phase: str | None = "identify",
        **kwargs: Any,
    ) -> Made:
        """`phase`: the kind of phase to start in (default: collecting bottlenecks)."""
        with app.app_context():
            created = services.create_workshop(title, **kwargs)
            workshop = created.workshop
            if phase is not None:
                workshop.phase_id = next(p.id for p in workshop.phases if p.kind == phase)
            made = Made(
                id=workshop.id,
                code=workshop.code,
                sector_ids=[s.id for s in workshop.active_sectors],
                facilitator_token=created.facilitator_token,
                presenter_token=created.presenter_token,
            )
            commit_and_broadcast()
        return made

    return make


@pytest.fixture
def facilitator(app: Flask) -> Callable[[Made], FlaskClient]:
    """A browser that opened the workshop's secret facilitator link."""

    def make(created: Made) -> FlaskClient:
        browser = app.test_client()
        response = browser.get(f"/k/{created.facilitator_token}")
        assert response.status_code == 303
        return browser

    return make


@pytest.fixture
def presenter(app: Flask) -> Callable[[Made], FlaskClient]:
    """A browser that opened the workshop's secret presenter link."""

    def make(created: Made) -> FlaskClient:
        browser = app.test_client()
        assert browser.get(f"/k/{created.presenter_token}").status_code == 303
        return browser

    return make


@pytest.fixture
def phone(app: Flask) -> Callable[..., FlaskClient]:
    """A phone that joined `workshop` through the real join form."""

    def make(
        created: Made,
        name: str = "Andi Rahmawati",
        agency: str = "Dinas Pendidikan",
        sector: int = 0,
        position: str = "Kepala Seksi",
    ) -> FlaskClient:
        browser = app.test_client()
        sector_id = created.sector_ids[sector]
        response = browser.post(
            f"/j/{created.code}",
            data={"name": name, "agency": agency, "position": position, "sector_id": sector_id},
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        return browser

    return make


@pytest.fixture
def socket_for(app: Flask) -> Iterator[Callable[..., Any]]:
    """A Socket.IO test client carrying `browser`'s cookie, connected to a workshop."""
    opened: list[Any] = []

    def make(browser: FlaskClient, created: Made | str) -> Any:
        code = created if isinstance(created, str) else created.code
        sock = socketio.test_client(app, flask_test_client=browser, auth={"workshop": code})
        opened.append(sock)
        return sock

    yield make
    for sock in opened:
        if sock.is_connected():
            sock.disconnect()


def post_through_socket(
    sock: Any,
    sector_id: int | None,
    text: str,
    *,
    kind: str = "bottleneck",
    client_id: str | None = None,
    timeout: float = 10,
    **extra: Any,
) -> dict[str, Any]:
    """Post a card as a page does ("card:post") and return the ack. A card under
    another (a solution, a cause) has no sector: `socket_post(sock, None, text,
    kind="solution", parent_id=...)`. `sock` is a Socket.IO test client or a real
    `socketio.Client` (which waits up to `timeout` seconds for the ack)."""
    payload = {"client_id": client_id or f"post-{uuid.uuid4().hex}", "kind": kind, "text": text}
    if sector_id is not None:
        payload["sector_id"] = sector_id
    payload.update(extra)
    if isinstance(sock, socketio_client.Client):
        reply: dict[str, Any] = sock.call("card:post", payload, timeout=timeout)
    else:
        reply = sock.emit("card:post", payload, callback=True)
    return reply


def card_of(reply: dict[str, Any]) -> dict[str, Any]:
    """The card of an ack that must be ok."""
    assert reply["ok"], reply
    card: dict[str, Any] = reply["card"]
    return card


@pytest.fixture
def socket_post() -> Callable[..., dict[str, Any]]:
    """`socket_post(sock, sector_id, text, **extra)`: a card posted through a
    socket, as a page posts it; returns the ack (`post_through_socket`, which
    helpers outside a test import). Not named post_card: that is the service,
    which many tests call directly."""
    return post_through_socket


def events_of(sock: Any, type_: str | None = None) -> list[dict[str, Any]]:
    """The `event` broadcasts a socket test client received since last asked."""
    messages = [m["args"][0] for m in sock.get_received() if m["name"] == "event"]
    return [m for m in messages if type_ is None or m["type"] == type_]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright: one for the whole run (a second
    sync Playwright cannot start while one is running)."""
    import shutil

    from playwright.sync_api import sync_playwright

    from tests.live import CHROMIUM_ARGS

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed; `make test` installs it.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
