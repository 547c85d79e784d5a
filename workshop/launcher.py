"""The `urai` command (and `python -m urai`) of an installed Urai.

`urai` alone does what `make run` does: bring the database up to date (after
a backup, when there is a new migration), print the addresses and the QR code,
and serve. `urai demo|create|list|export|import|rubrics|backups|restore` are the
very commands of `flask --app app workshop ...` (workshop/cli.py), run on the
same database; all but `backups` and `restore` first bring its schema up to date,
so that they work on a laptop where the server has never run.

The top-level module `urai` (urai.py) only patches gevent, which must come
before anything imports the standard library's networking, then calls `main`.
"""

from __future__ import annotations

import io
import sys

import click
from flask import Flask
from flask.cli import ScriptInfo

from . import backups, create_app
from .cli import workshop_cli
from .server import PORT_TAKEN, serve

# Commands that look at or replace the database file as it is: no migration first.
AS_IS = frozenset({"backups", "restore"})


@click.group(invoke_without_command=True)
@click.option("--host", help="Address to listen on (default 0.0.0.0: every network).")
@click.option("--port", type=int, help="Port to listen on (default 5000).")
@click.version_option(package_name="urai")
@click.pass_context
def main(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Urai: live bottleneck workshops. Without a command: start the server."""
    info = ScriptInfo(create_app=lambda: configured(host, port), set_debug_flag=False)
    ctx.obj = info  # the commands' app (flask.cli.with_appcontext loads it from here)
    if ctx.invoked_subcommand in AS_IS:
        return
    app = info.load_app()
    if ctx.invoked_subcommand is not None:
        with app.app_context():
            backups.migrate(app)
        return
    printable(sys.stdout, sys.stderr)
    try:
        serve(app)
    except KeyboardInterrupt:
        click.echo("Urai berhenti. / Urai stopped.")
    except OSError as error:
        if error.errno not in PORT_TAKEN:  # taken between the check and the bind
            raise
        port = app.config["PORT"]
        raise click.ClickException(
            f"Port {port} sudah dipakai program lain: coba `urai --port {port + 1}`. / "
            f"Port {port} is taken by another program: try `urai --port {port + 1}`."
        ) from None


def printable(*streams: object) -> None:
    """A character the terminal's encoding lacks (the QR code's blocks in a
    Windows code page, output sent to a file) is replaced, not fatal."""
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def configured(host: str | None, port: int | None) -> Flask:
    app = create_app()
    if host:
        app.config["HOST"] = host
    if port:
        app.config["PORT"] = port
    return app


for _command in workshop_cli.commands.values():
    main.add_command(_command)
