"""Upgrades keep the data: a database made at the migration head before the
newest one, full of cards, votes and proposals, is copied aside and brought up
to date by `urai`, which says so in one line; `urai backups` lists the copy and
`urai restore` puts it back, but not while a server runs on the database.

"The head before the newest" is read from Alembic's script directory, so the
test follows the migrations as they are added."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from click.testing import CliRunner, Result
from flask_migrate import upgrade
from sqlalchemy import select

from tests.live import ROOT, LiveServer
from workshop import create_app
from workshop.configure import MIGRATIONS
from workshop.core.cards import VISIBLE, Card
from workshop.core.kinds import SOLUTION
from workshop.demo.loader import create_demo
from workshop.extensions import db
from workshop.launcher import main
from workshop.proposals.services import promote
from workshop.realtime.unit import unit_of_work

CONFIG: dict[str, Any] = {"SECRET_KEY": "upgrade-test", "SIMILAR_WORKER": False, "TICK_SECONDS": 0}
# What must survive the upgrade, by table: the columns compared row by row.
KEPT = {"card": ("id", "kind", "text", "status"), "vote": ("id",), "proposal": ("id", "title")}


def previous_head() -> str:
    script = ScriptDirectory(MIGRATIONS)
    newest = script.get_revision(script.get_current_head())
    assert newest is not None and isinstance(newest.down_revision, str)
    return newest.down_revision


def revision(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def rows(path: Path) -> dict[str, set[tuple[Any, ...]]]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: set(connection.execute(f"SELECT {', '.join(columns)} FROM {table}"))
            for table, columns in KEPT.items()
        }
    finally:
        connection.close()


def filled_at_head(path: Path) -> None:
    """The demo workshop (cards of every kind, votes), with three proposals."""
    app = create_app({**CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        with unit_of_work():
            workshop = create_demo().workshop
        solutions = db.session.scalars(
            select(Card.id).where(
                Card.workshop_id == workshop.id, Card.kind == SOLUTION, Card.status == VISIBLE
            )
        ).all()
        with unit_of_work():
            for card_id in solutions[:3]:
                promote(workshop, card_id)
        db.engine.dispose()


def copy_rows(source: Path, target: Path) -> None:
    """Every row of `source` into the tables `target` has, in the columns it has."""
    connection = sqlite3.connect(target)
    try:
        connection.execute("ATTACH DATABASE ? AS source", (str(source),))
        tables = connection.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
        ).fetchall()
        for (table,) in tables:
            old = {row[1] for row in connection.execute(f"PRAGMA source.table_info('{table}')")}
            columns = [
                f'"{row[1]}"'
                for row in connection.execute(f"PRAGMA main.table_info('{table}')")
                if row[1] in old
            ]
            if columns:
                names = ", ".join(columns)
                connection.execute(
                    f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM source."{table}"'
                )
        connection.commit()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def old_instance(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """An instance folder whose database is at the previous head, with data."""
    folder = tmp_path_factory.mktemp("upgrade")
    scratch = folder / "scratch.sqlite3"
    filled_at_head(scratch)
    instance = folder / "instance"
    instance.mkdir()
    database = instance / "urai.sqlite3"
    app = create_app({**CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        upgrade(revision=previous_head())
        db.engine.dispose()
    copy_rows(scratch, database)
    assert revision(database) == previous_head()
    return instance, rows(scratch)


def urai(instance: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m urai ARGS` on the instance folder, as the README's command."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("WORKSHOP_")}
    env["WORKSHOP_INSTANCE_PATH"] = str(instance)
    return subprocess.run(
        [sys.executable, "-m", "urai", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def urai_here(instance: Path, *args: str) -> Result:
    """The same command in this process (the real one is tried once, above: each
    start costs seconds of imports)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKSHOP_INSTANCE_PATH", str(instance))
        patch.setenv("WORKSHOP_SIMILAR_WORKER", "false")
        return CliRunner().invoke(main, list(args))


def test_urai_backs_up_then_upgrades_and_every_card_vote_and_proposal_is_there(old_instance):
    instance, before = old_instance
    database = instance / "urai.sqlite3"
    assert all(before.values()), before  # cards, votes and proposals to keep

    started = urai(instance, "list", "--json")
    said = [line for line in started.stderr.splitlines() if "backup before the upgrade" in line]
    assert len(said) == 1, started.stderr
    (backup,) = (instance / "backups").glob("*.sqlite3")
    assert str(backup) in said[0]
    assert previous_head() in backup.name and ":" not in backup.name

    assert revision(database) == ScriptDirectory(MIGRATIONS).get_current_head()
    assert rows(database) == before
    (listed,) = json.loads(started.stdout)
    assert listed["cards"] == len(before["card"])
    assert revision(backup) == previous_head() and rows(backup) == before

    again = urai_here(instance, "list", "--json")
    assert again.exit_code == 0 and "backup" not in again.stderr, "nothing new: no new backup"
    assert len(list((instance / "backups").glob("*.sqlite3"))) == 1

    shown = urai_here(instance, "backups").stdout
    assert backup.name in shown and previous_head() in shown


def test_restore_is_refused_while_a_server_runs_and_puts_the_backup_back_after(old_instance):
    instance, before = old_instance
    database = instance / "urai.sqlite3"
    if not (instance / "backups").is_dir():
        urai_here(instance, "list")  # the upgrade, when this test runs alone
    backup = max((instance / "backups").glob("*.sqlite3"))

    server = LiveServer(instance)
    server.start()
    try:
        refused = urai_here(instance, "restore", backup.name)
        assert refused.exit_code == 1
        assert "Urai is running on this database" in refused.stderr
        assert revision(database) == ScriptDirectory(MIGRATIONS).get_current_head()
    finally:
        server.stop()

    restored = urai_here(instance, "restore", backup.name)
    assert restored.exit_code == 0 and "restored" in restored.stdout
    assert revision(database) == previous_head() and rows(database) == before
    kept = [line for line in restored.stdout.splitlines() if "previous database is kept" in line]
    assert kept and (instance / "backups" / kept[0].rsplit(" ", 1)[-1]).is_file()
