"""Run the server: migrate the database, say where to connect, serve.

`python app.py` (make run) and `urai` (an installed Urai) both come here. Nothing
on this path assumes a POSIX system: the open-files limit is lifted only where
the `resource` module exists, no signal handler is installed (Ctrl+C ends the
server as KeyboardInterrupt everywhere), and the similar-cards child is a plain
subprocess of the same interpreter (workshop/similar/worker.py), no fork.
"""

from __future__ import annotations

import errno
import gc
import io
import logging
import socket
import sys
from typing import Any

import click
import segno
from flask import Flask
from gevent.pywsgi import WSGIHandler
from werkzeug.exceptions import NotFound

from . import backups
from .extensions import socketio
from .netinfo import lan_addresses
from .serverlock import DatabaseLock
from .similar.boards import indexes


def serve(app: Flask) -> None:
    """Bring the database up to date and serve HTTP and websockets until stopped."""
    claim(app)
    with app.app_context():
        backups.migrate(app)
        indexes().start()  # the similar-cards child process, ready before the first phone
    host = str(app.config["HOST"])
    port = int(app.config["PORT"])
    check_port(host, port)  # before "Urai is running", not after it
    announce(app, host, port)
    logging.basicConfig(level=logging.WARNING)
    raise_open_files_limit()
    tune_garbage_collector()
    options: dict[str, Any] = {"handler_class": Handler}
    if socketio.async_mode == "threading":
        options = {"allow_unsafe_werkzeug": True}
    socketio.run(app, host=host, port=port, log_output=False, use_reloader=False, **options)


def claim(app: Flask) -> None:
    """Hold the SQLite database's lock while serving, so that `urai restore` refuses
    to replace it meanwhile; refuse to start a second server on the same file
    (its phones would see another server's sequence numbers)."""
    database = backups.database_file(app)
    if database is None:
        return
    lock = DatabaseLock(database)
    if not lock.acquire():
        raise click.ClickException(
            f"Urai sudah berjalan pada {database} (proses {lock.holder()}). / "
            f"Urai is already running on {database} (process {lock.holder()})."
        )
    app.extensions["urai_lock"] = lock  # held as long as the app lives


# "Address already in use", as Linux and macOS say it, and as Windows does.
PORT_TAKEN = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}


def check_port(host: str, port: int) -> None:
    """Refuse, in words, a port another program listens on, before the banner
    says where to connect. The probe binds as the server will (with
    SO_REUSEADDR where gevent sets it: not on Windows, where it would let two
    programs share a port) and lets go at once."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if sys.platform != "win32":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno not in PORT_TAKEN:
                raise
            raise click.ClickException(
                f"Port {port} sudah dipakai program lain: coba `urai --port {port + 1}`. / "
                f"Port {port} is taken by another program: try `urai --port {port + 1}`."
            ) from None


class Handler(WSGIHandler):
    """gevent's request handler, answering a request line too long to read (over
    8 KiB: gevent answers 414 with an empty body before any app sees it) with
    the app's own short, translated page for an unknown address."""

    def handle_one_request(self) -> Any:
        result = super().handle_one_request()
        if isinstance(result, tuple) and result[0] == "414":
            return "414", too_long_response(self.server.application)
        return result


def too_long_response(app: Flask) -> bytes:
    """The whole HTTP response for an address too long to read: status 414, the
    page a 404 shows (in the default language: no header has been read)."""
    with app.test_request_context("/"):
        response = app.process_response(app.make_response(app.handle_user_exception(NotFound())))
    body = response.get_data()
    response.headers["Content-Length"] = str(len(body))
    response.headers["Connection"] = "close"
    head = "".join(f"{name}: {value}\r\n" for name, value in response.headers.items())
    return f"HTTP/1.1 414 Request-URI Too Long\r\n{head}\r\n".encode("latin-1") + body


# Python's cyclic collector runs a full pass (every object alive) every few
# hundred thousand allocations. With a thousand phones connected that is a
# million objects, and a burst (everyone reconnecting, joining, voting) set off
# such passes by the dozen: a fifth of the server's CPU in a reconnect storm
# (bench/RESULTS.md). Counting to 20,000 allocations before a young pass, and
# 20 young passes before an older one, makes full passes rare; plain reference
# counting still frees almost everything at once (peak memory in the storm:
# 331 MB before, 336 MB after).
GC_THRESHOLDS = (20_000, 20, 20)


def tune_garbage_collector() -> None:
    """Leave what start-up loaded out of every collection, and collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def terminal_qr(url: str) -> str:
    """A QR code drawn with block characters, for a terminal on the projector."""
    out = io.StringIO()
    segno.make(url, error="l").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def raise_open_files_limit() -> None:
    """Each phone holds a socket: lift the soft open-files limit to the hard one."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ImportError, ValueError, OSError):  # not on this platform, or not allowed
        return


def announce(app: Flask, host: str, port: int) -> None:
    """Print the laptop's address and every address phones on the LAN can use."""
    click.echo("")
    click.echo("Urai siap / Urai is running")
    click.echo(f"  Laptop ini / this laptop : http://127.0.0.1:{port}/")
    lan = lan_addresses() if host in ("0.0.0.0", "::") else [host]
    if app.config.get("PUBLIC_URL"):
        click.echo(f"  Ponsel / phones          : {app.config['PUBLIC_URL']}")
    elif lan:
        for address in lan:
            click.echo(f"  Ponsel / phones          : http://{address}:{port}/")
        click.echo("  Pindai untuk membuka Urai di ponsel / scan to open Urai on a phone:")
        click.echo(terminal_qr(f"http://{lan[0]}:{port}/"))
    else:
        click.echo(
            "  Tidak ada jaringan selain loopback: sambungkan laptop ke Wi-Fi\n"
            "  atau nyalakan hotspot. / No network other than loopback: connect\n"
            "  the laptop to Wi-Fi or start a hotspot."
        )
    click.echo("  Berhenti / stop: Ctrl+C")
    click.echo("")
