"""deploy/nginx.conf, run as written, in front of two server processes (Redis
queue, PostgreSQL; one of them under gunicorn's gevent worker): websockets and
long-polling pass, broadcasts cross processes, and the app sees the phone's
address, not nginx's."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import card_of
from tests.live import ROOT, LiveServer, free_port, join_session, key_session, socket_client
from tests.servers import redis


def start_nginx(listen: int, upstreams: list[str]) -> tuple[subprocess.Popen[bytes], Path]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is not installed; `make test` installs it (Debian's nginx-light).")
    folder = Path(tempfile.mkdtemp(prefix="urai-nginx-"))
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("{{LISTEN}}", f"127.0.0.1:{listen}")
    site = site.replace("{{UPSTREAM_1}}", upstreams[0]).replace("{{UPSTREAM_2}}", upstreams[1])
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(f"""
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    include {folder}/site.conf;
}}
""")
    process = subprocess.Popen(
        [nginx, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{listen}/", timeout=1)
            return process, folder
        except requests.RequestException:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()) from None
            time.sleep(0.1)
    raise RuntimeError("nginx did not start")


def test_the_nginx_configuration_serves_two_processes_as_one(postgres_database: str, socket_post):
    with redis() as queue:
        shared = {
            "DATABASE_URL": postgres_database,
            "MESSAGE_QUEUE": queue.url,
            "PROXY_COUNT": "1",
            "SECRET_KEY": "shared",
            "TICK_SECONDS": "1",
            "SIMILAR_WORKER": "false",  # no similar-cards child: not under test here
        }
        folder = Path(tempfile.mkdtemp(prefix="urai-nginx-apps-"))
        # One process as `python app.py` runs it (it migrates the database),
        # the other under gunicorn's gevent worker, as docs/DEPLOY.md runs it.
        apps = [
            LiveServer(folder / "one", **shared),
            LiveServer(folder / "two", gunicorn=True, **shared),
        ]
        apps[0].start()
        apps[1].start()
        port = free_port()
        front = f"http://127.0.0.1:{port}"
        nginx, _conf = start_nginx(port, [f"127.0.0.1:{a.port}" for a in apps])
        try:
            for app in apps:
                app.env["WORKSHOP_PUBLIC_URL"] = front
            links = apps[0].create_workshop("Lewat nginx")
            assert links["join_url"].startswith(front)
            boss_browser = key_session(links["facilitator_url"])
            boss = socket_client(front, boss_browser, links["code"], "websocket")
            state = boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]
            assert boss.call("phase:set", {"phase_id": state["phases"][1]["id"]}, timeout=10)["ok"]
            board = state["sectors"][0]["id"]

            writer_browser = join_session(front, links["code"], "Andi", board)
            writer = socket_client(front, writer_browser, links["code"], "websocket")
            reader_browser = join_session(front, links["code"], "Budi", board)
            reader = socket_client(front, reader_browser, links["code"], "polling")
            got = []
            reader.on("event", lambda message: got.append(message))
            assert reader.call("sync", {"sector_id": board}, timeout=10)["ok"]
            # And one straight to the gunicorn process, whichever one nginx picked.
            direct = socket_client(apps[1].url, reader_browser, links["code"], "websocket")
            direct_got = []
            direct.on("event", lambda message: direct_got.append(message))
            assert direct.call("sync", {"sector_id": board}, timeout=10)["ok"]
            assert writer.call("sync", {"sector_id": board}, timeout=10)["ok"]
            card_of(socket_post(writer, board, "Lewat nginx", client_id="nginx-card-1"))
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not any(m["type"] == "card.created" for m in got):
                time.sleep(0.1)
            created = [m["data"]["text"] for m in got if m["type"] == "card.created"]
            assert created == ["Lewat nginx"]
            while time.monotonic() < deadline and not direct_got:
                time.sleep(0.1)
            assert [m["data"]["text"] for m in direct_got if m["type"] == "card.created"] == [
                "Lewat nginx"
            ], "the gunicorn process got it through Redis"
            # The app sees the phone's address through X-Forwarded-For: wrong codes
            # from one address are throttled without throttling nginx itself.
            page = requests.get(f"{front}/j/{links['code']}", timeout=10)
            assert page.ok and "Gabung" in page.text
            for sock in (boss, writer, reader, direct):
                sock.disconnect()
            for browser in (boss_browser, writer_browser, reader_browser):
                browser.close()
        finally:
            nginx.terminate()
            nginx.wait(10)
            if nginx.stderr:
                nginx.stderr.close()
            for app in apps:
                app.stop()
