"""A real Urai server in a subprocess, for end-to-end and fault tests: gevent,
websockets and migrations at start-up, exactly as `python app.py` runs.

Workshops for a test are made in the test process, against the server's own
database, by the same services the CLI calls (`flask workshop create` and
`demo`): an app with the server's settings, built once per server, rather than a
full import of the app in a subprocess for each workshop. The server reads
every workshop from the database, so it finds one made by another process."""

from __future__ import annotations

import functools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
import socketio
from flask import Flask
from sqlalchemy import func, select

from workshop import create_app
from workshop.cli import links
from workshop.core.cards import Card
from workshop.core.lookup import find_workshop
from workshop.core.models import Participant
from workshop.demo.loader import create_demo
from workshop.extensions import db
from workshop.facilitation.services import set_phase
from workshop.realtime.unit import unit_of_work
from workshop.workshops import services

ROOT = Path(__file__).resolve().parents[1]
# Headless Chromium as root on a machine with no outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _workshop_environment(values: Mapping[str, str]) -> Iterator[None]:
    """os.environ's WORKSHOP_* settings replaced by `values`' for a moment."""
    saved = {name: value for name, value in os.environ.items() if name.startswith("WORKSHOP_")}
    for name in saved:
        del os.environ[name]
    os.environ.update({n: v for n, v in values.items() if n.startswith("WORKSHOP_")})
    try:
        yield
    finally:
        for name in [n for n in os.environ if n.startswith("WORKSHOP_")]:
            del os.environ[name]
        os.environ.update(saved)


class LiveServer:
    """`python app.py` on a free loopback port with its own instance folder.

    The similar-cards child process is off unless `SIMILAR_WORKER="true"` is
    given (its start costs 2 to 3 s of CPU; matching then runs in the server).
    """

    def __init__(self, instance: Path, gunicorn: bool = False, **settings: str) -> None:
        # gunicorn: served by gunicorn's gevent worker (docs/DEPLOY.md), not app.py.
        self.gunicorn = gunicorn
        self.instance = instance
        self.settings = {"SIMILAR_WORKER": "false", **settings}
        self.log = instance / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._app: Flask | None = None
        self._listen(free_port())

    def _listen(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "WORKSHOP_INSTANCE_PATH": str(self.instance),
            "WORKSHOP_HOST": "127.0.0.1",
            "WORKSHOP_PORT": str(self.port),
            "WORKSHOP_PUBLIC_URL": self.url,
            "PYTHONUNBUFFERED": "1",
            **{f"WORKSHOP_{name}": value for name, value in self.settings.items()},
        }

    def start(self) -> None:
        """Start it; on a free port taken meanwhile (another pytest-xdist worker), another."""
        for _attempt in range(3):
            try:
                self._start()
                return
            except PortTaken:
                self._listen(free_port())
        self._start()

    def _start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        start = self.log.stat().st_size if self.log.exists() else 0
        command = [sys.executable, "app.py"]
        if self.gunicorn:
            command = [
                sys.executable,
                "-m",
                "gunicorn",
                "--worker-class",
                "gevent",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{self.port}",
                "app:app",
            ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.log.read_text()[start:]
                if "Address already in use" in output:
                    raise PortTaken(output)
                raise RuntimeError(f"server exited:\n{output}")
            try:
                # Ready when it answers a page, not merely when the port is open
                # (gunicorn binds before its worker has loaded the app).
                if requests.get(f"{self.url}/", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start:\n{self.log.read_text()}")

    def kill(self) -> None:
        """Crash it: SIGKILL, no shutdown of any kind."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self._app is not None:
            with self._app.app_context():
                db.engine.dispose()
            self._app = None
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    @property
    def app(self) -> Flask:
        """An app of this test process on the server's database and instance folder
        (built once the server has migrated it): for making workshops."""
        if self._app is None:
            with _workshop_environment(self.env):
                # No message queue, no child process: nobody listens here.
                self._app = create_app(
                    {"MESSAGE_QUEUE": None, "SIMILAR_WORKER": False, "TICK_SECONDS": 0}
                )
        return self._app

    def create_workshop(
        self,
        title: str = "Bimtek Inovasi Pelayanan Publik",
        phase: str | None = None,
        **options: Any,
    ) -> dict[str, str]:
        """What `flask workshop create --json` prints, made in this process; `phase`:
        the kind of phase to start in (default: the opening, as the CLI leaves it)."""
        with self.app.app_context():
            with unit_of_work():
                created = services.create_workshop(title, **options)
                if phase is not None:
                    workshop = created.workshop
                    set_phase(workshop, next(p.id for p in workshop.phases if p.kind == phase))
            return links(created)

    def demo_workshop(self) -> dict[str, str]:
        """What `flask workshop demo --json` prints, made in this process."""
        with self.app.app_context():
            with unit_of_work():
                created = create_demo()
            return links(created)

    def counts(self, code: str) -> dict[str, int]:
        """How many participants and cards the workshop has (as `workshop list` says)."""
        with self.app.app_context():
            workshop_id = find_workshop(code).id
            return {
                "participants": db.session.scalar(
                    select(func.count(Participant.id)).where(Participant.workshop_id == workshop_id)
                )
                or 0,
                "cards": db.session.scalar(
                    select(func.count(Card.id)).where(Card.workshop_id == workshop_id)
                )
                or 0,
            }

    def cli(self, *args: str) -> Any:
        """Run `flask --app app workshop ...` against this server's database."""
        result = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "app", "workshop", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return json.loads(result.stdout)


class PortTaken(RuntimeError):
    """The free port was taken between finding it and binding it."""


def form_fields(html: str) -> dict[str, str]:
    """The hidden fields of a form page (CSRF token, join token)."""
    return dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*type="hidden"[^>]*value="([^"]*)"', html))


def join_session(base_url: str, code: str, name: str, sector_id: int) -> requests.Session:
    """A phone's cookies: join through the real form, CSRF token and all."""
    browser = requests.Session()
    page = browser.get(f"{base_url}/j/{code}", timeout=10)
    data = {**form_fields(page.text), "name": name, "agency": "Dinas Uji", "sector_id": sector_id}
    response = browser.post(
        f"{base_url}/j/{code}",
        data=data,
        timeout=10,
        headers={"Referer": f"{base_url}/j/{code}"},
    )
    assert response.ok and response.url.endswith("/board"), response.status_code
    return browser


def key_session(url: str) -> requests.Session:
    """A facilitator's or presenter's cookies, from their secret link."""
    browser = requests.Session()
    assert browser.get(url, timeout=10).ok
    return browser


def socket_client(
    base_url: str, browser: requests.Session, code: str, transport: str = "websocket"
) -> socketio.Client:
    """A real Socket.IO client, carrying the browser's cookie."""
    client = socketio.Client(http_session=browser, reconnection=False)
    client.connect(base_url, auth={"workshop": code}, transports=[transport], wait_timeout=10)
    ws = getattr(client.eio, "ws", None)
    if ws is not None:
        # websocket-client waits up to 3 s for the server's answer to its close
        # frame, which gevent's server sends only when its reader wakes: every
        # disconnect of a test cost 3 s. A phone that leaves does not wait
        # either; the server takes both as the same disconnect.
        ws.close = functools.partial(ws.close, timeout=0.2)
    return client
