"""Upgrades that keep the data: a copy of the SQLite database before each new
migration, the list of those copies, and putting one back.

Backups are whole SQLite databases made with SQLite's own backup API (a
consistent copy even while another connection writes), in `backups/` of the
instance folder (the user's data folder for an installed Urai), named with the
time and the schema revision they were at, in characters every system allows
in a file name: `urai-20261208-013005-0012_join_shown.sqlite3`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from .serverlock import DatabaseLock

FOLDER = "backups"
SUFFIX = ".sqlite3"


class BackupError(RuntimeError):
    """A restore that must not happen; the message says why, in both languages."""


@dataclass(frozen=True)
class Backup:
    path: Path
    revision: str | None
    size: int
    made: dt.datetime

    @property
    def name(self) -> str:
        return self.path.name


def database_file(app: Flask) -> Path | None:
    """The app's SQLite database file; None for another database or SQLite in memory."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def folder(app: Flask) -> Path:
    return Path(app.instance_path) / FOLDER


def revision_of(path: Path) -> str | None:
    """The Alembic revision a database file is at; None for a new or empty one."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:  # no such table: a database no migration has touched
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def pending(app: Flask, revision: str) -> bool:
    """Whether migrations are to be applied to a database at `revision`; refuses a
    database from a newer Urai (an older one installed over it) before anything runs."""
    script = ScriptDirectory(app.extensions["migrate"].directory)
    try:
        script.get_revision(revision)
    except CommandError:
        raise click.ClickException(
            f"Basis data ini dibuat oleh Urai yang lebih baru (revisi {revision}): pasang "
            f"versi itu, atau pulihkan cadangan (urai backups). / This database was made by "
            f"a newer Urai (revision {revision}): install that version, or restore a backup "
            "(urai backups)."
        ) from None
    return revision not in script.get_heads()


def _to_stderr(line: str) -> None:
    click.echo(line, err=True)  # standard output may be a command's JSON


def migrate(app: Flask, say: Callable[[str], None] = _to_stderr) -> Backup | None:
    """Bring the database up to date (in an app context); first, when a new
    migration is to be applied to a database that has data, copy it aside and
    say so in one line. Returns that backup."""
    made = None
    path = database_file(app)
    if path is not None:
        revision = revision_of(path)
        if revision is not None and pending(app, revision):
            made = copy(path, folder(app), revision)
            say(
                f"Cadangan sebelum pembaruan / backup before the upgrade: {made.path} "
                f"(restore: urai restore {made.name})"
            )
    upgrade()
    return made


def copy(database: Path, target: Path, revision: str | None) -> Backup:
    """A consistent copy of `database` in the folder `target`."""
    target.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{database.stem}-{stamp}-{revision or 'empty'}"
    path = target / f"{name}{SUFFIX}"
    counter = 1
    while path.exists():  # two in the same second
        counter += 1
        path = target / f"{name}-{counter}{SUFFIX}"
    _sqlite_copy(database, path)
    return describe(path)


def _sqlite_copy(source: Path, target: Path) -> None:
    origin = sqlite3.connect(source)
    destination = sqlite3.connect(target)
    try:
        origin.backup(destination)
    finally:
        destination.close()
        origin.close()


def describe(path: Path) -> Backup:
    stat = path.stat()
    made = dt.datetime.fromtimestamp(stat.st_mtime)
    return Backup(path, revision_of(path), stat.st_size, made)


def listed(app: Flask) -> list[Backup]:
    """The backups in the data folder, newest first."""
    found = [describe(p) for p in folder(app).glob(f"*{SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda b: (b.made, b.name), reverse=True)


def restore(app: Flask, name: str) -> tuple[Backup, Backup | None]:
    """Put the backup `name` (a file name from `listed`, or a path) back as the
    database, after copying the current one aside. Refused while a server runs
    on it. Returns (the backup restored, the copy of the database it replaced)."""
    database = database_file(app)
    if database is None:
        raise BackupError(
            "Pemulihan hanya untuk basis data SQLite. / Restore works on an SQLite database only."
        )
    source = _find(app, name)
    lock = DatabaseLock(database)
    if not lock.acquire():
        raise BackupError(
            f"Urai sedang berjalan pada basis data ini (proses {lock.holder()}): hentikan dulu "
            f"(Ctrl+C). / Urai is running on this database (process {lock.holder()}): "
            "stop it first (Ctrl+C)."
        )
    try:
        previous = None
        if revision_of(database) is not None:
            previous = copy(database, folder(app), revision_of(database))
        database.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(source, database)
    finally:
        lock.release()
    return describe(source), previous


def _find(app: Flask, name: str) -> Path:
    path = folder(app) / name
    if not path.is_file():
        path = Path(name)
    if not path.is_file() or revision_of(path) is None:
        raise BackupError(
            f"Tidak ada cadangan {name!r} (lihat: urai backups). / "
            f"No backup {name!r} (see: urai backups)."
        )
    return path
