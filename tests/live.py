"""A real Urai server in a subprocess, for end-to-end and fault tests: gevent,
websockets and migrations at start-up, exactly as `python app.py` runs."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests
import socketio

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


class LiveServer:
    """`python app.py` on a free loopback port with its own instance folder."""

    def __init__(self, instance: Path, gunicorn: bool = False, **settings: str) -> None:
        # gunicorn: served by gunicorn's gevent worker (docs/DEPLOY.md), not app.py.
        self.gunicorn = gunicorn
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "WORKSHOP_INSTANCE_PATH": str(instance),
            "WORKSHOP_HOST": "127.0.0.1",
            "WORKSHOP_PORT": str(self.port),
            "WORKSHOP_PUBLIC_URL": self.url,
            "PYTHONUNBUFFERED": "1",
            **{f"WORKSHOP_{name}": value for name, value in settings.items()},
        }
        self.log = instance / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
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
                raise RuntimeError(f"server exited:\n{self.log.read_text()}")
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
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

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
    return client
