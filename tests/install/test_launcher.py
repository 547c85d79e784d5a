"""`urai`'s commands are the flask CLI's own (workshop/cli.py), run on a database
they first bring up to date: a new laptop's first command can be `urai demo`."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys

from click.testing import CliRunner

from tests.live import ROOT
from workshop.cli import workshop_cli
from workshop.launcher import main


def test_urai_runs_the_flask_commands_on_a_database_it_creates(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path / "data"))
    monkeypatch.setenv("WORKSHOP_SIMILAR_WORKER", "false")
    monkeypatch.chdir(tmp_path)
    for name, command in workshop_cli.commands.items():
        assert main.commands[name] is command, name

    def urai(*args: str) -> str:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    demo = json.loads(urai("demo", "--json"))
    exported = tmp_path / "demo.json"
    assert "bytes" in urai("export", demo["code"], "--format", "json", "--output", str(exported))
    again = json.loads(urai("import", str(exported), "--json"))
    listed = {w["code"]: w for w in json.loads(urai("list", "--json"))}
    assert set(listed) == {demo["code"], again["code"]}
    assert listed[again["code"]]["cards"] == listed[demo["code"]]["cards"] > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "demo.json"]
    assert "No backups yet" in urai("backups"), "a new database is not backed up"


def test_a_database_from_a_newer_urai_is_left_alone_with_a_plain_message(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    assert CliRunner().invoke(main, ["list"]).exit_code == 0
    with sqlite3.connect(tmp_path / "urai.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 1
    assert "made by a newer Urai (revision 9999_from_the_future)" in result.output
    assert not (tmp_path / "backups").exists()


def test_a_port_taken_by_another_program_is_said_plainly(tmp_path):
    env = {name: value for name, value in os.environ.items() if not name.startswith("WORKSHOP_")}
    env.update(WORKSHOP_INSTANCE_PATH=str(tmp_path), WORKSHOP_HOST="127.0.0.1")
    env["WORKSHOP_SIMILAR_WORKER"] = "false"
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "urai", "--port", str(port)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert f"Port {port} is taken by another program: try `urai --port {port + 1}`" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert "Urai is running" not in result.stdout, "no banner for a server that cannot start"
