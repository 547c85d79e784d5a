"""`flask --app app workshop ...` (and `urai ...`, workshop/launcher.py): create,
list and demo workshops, export and import them, list and restore backups."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click
from flask import current_app, url_for
from flask.cli import AppGroup
from sqlalchemy import func, select

from . import backups
from .core.cards import Card
from .core.errors import DomainError
from .core.lifecycle import ARCHIVED
from .core.lookup import find_workshop
from .core.models import Participant, Workshop
from .demo.loader import create_demo
from .exports.importer import import_workshop
from .exports.services import FORMATS, export
from .extensions import db
from .netinfo import public_base_url
from .proposals import rubric as rubrics
from .realtime.unit import unit_of_work
from .workshops import services

workshop_cli = AppGroup("workshop", help="Create, list and demo workshops.")


def links(created: services.NewWorkshop) -> dict[str, str]:
    """The four addresses a facilitator needs, built on the address phones can reach."""
    base = public_base_url(current_app)
    with current_app.test_request_context(base_url=base):
        code = created.workshop.code
        return {
            "code": code,
            "title": created.workshop.title,
            "join_url": url_for("participants.join", code=code, _external=True),
            "facilitator_url": url_for(
                "workshops.open_key", token=created.facilitator_token, _external=True
            ),
            "presenter_url": url_for(
                "workshops.open_key", token=created.presenter_token, _external=True
            ),
        }


def _print_links(data: dict[str, str], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"Lokakarya / Workshop : {data['title']}")
    click.echo(f"Kode / Join code     : {data['code']}")
    click.echo(f"Peserta / Join URL   : {data['join_url']}")
    click.echo(f"Fasilitator (rahasia / secret): {data['facilitator_url']}")
    click.echo(f"Presenter (rahasia / secret)  : {data['presenter_url']}")


@workshop_cli.command("create")
@click.option("--title", required=True, help="Title of the workshop.")
@click.option("--date", "date_", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option("--place", help="Where it is held.")
@click.option("--organiser", help="Organising unit, e.g. Bagian Organisasi.")
@click.option("--language", type=click.Choice(["id", "en"]), default="id", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def create_command(
    title: str,
    date_: dt.datetime | None,
    place: str | None,
    organiser: str | None,
    language: str,
    as_json: bool,
) -> None:
    """Create a workshop and print its join code and links."""
    try:
        with unit_of_work():
            created = services.create_workshop(
                title,
                date=date_.date() if date_ else None,
                place=place,
                organiser=organiser,
                language=language,
            )
    except DomainError as err:
        raise click.ClickException(str(err.message)) from None
    _print_links(links(created), as_json)


@workshop_cli.command("demo")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def demo_command(as_json: bool) -> None:
    """Create a workshop filled with realistic content, for demos and benchmarks."""
    with unit_of_work():
        created = create_demo()
    _print_links(links(created), as_json)


@workshop_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def list_command(as_json: bool) -> None:
    """List workshops, newest first, with participant and card counts."""
    people = (
        select(func.count(Participant.id))
        .where(Participant.workshop_id == Workshop.id)
        .scalar_subquery()
    )
    cards = select(func.count(Card.id)).where(Card.workshop_id == Workshop.id).scalar_subquery()
    rows = db.session.execute(
        select(Workshop, people, cards).order_by(Workshop.created_at.desc(), Workshop.id.desc())
    ).all()
    items: list[dict[str, Any]] = [
        {
            "code": w.code,
            "title": w.title,
            "date": w.date.isoformat() if w.date else None,
            "participants": n_people,
            "cards": n_cards,
            "state": w.state,
        }
        for w, n_people, n_cards in rows
    ]
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False))
        return
    if not items:
        click.echo("Belum ada lokakarya. / No workshops yet.")
        return
    for item in items:
        click.echo(
            f"{item['code']}  {item['date'] or '----------'}  "
            f"{item['participants']:>4} peserta  {item['cards']:>5} kartu  {item['title']}"
            + ("  [arsip / archived]" if item["state"] == ARCHIVED else "")
        )


@workshop_cli.command("export")
@click.argument("code")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(list(FORMATS)),
)
@click.option("--output", "output", required=True, type=click.Path(dir_okay=False, writable=True))
@click.option("--top", default=3, show_default=True, help="kipp: how many best solutions.")
def export_command(code: str, fmt: str, output: str, top: int) -> None:
    """Write one export of the workshop CODE to OUTPUT."""
    try:
        workshop = find_workshop(code)
        result = export(workshop, fmt, top=top)
    except DomainError as err:
        raise click.ClickException(str(err.message)) from None
    with open(output, "wb") as handle:
        handle.write(result.content)
    click.echo(f"{output} ({len(result.content):,} bytes)")


@workshop_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def import_command(path: str, as_json: bool) -> None:
    """Restore a JSON export as a new workshop (with its own code and links)."""
    try:
        with open(path, "rb") as handle:
            document = json.loads(handle.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise click.ClickException(f"{path}: {err}") from None
    try:
        with unit_of_work():
            created = import_workshop(document)
    except DomainError as err:
        raise click.ClickException(str(err.message)) from None
    _print_links(links(created), as_json)


@workshop_cli.command("rubrics")
@click.option(
    "--folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Check this folder only (default: WORKSHOP_PROPOSAL_RUBRICS, then the shipped ones).",
)
def rubrics_command(folder: Path | None) -> None:
    """Check every proposal rubric file (one per competition year) and say which new
    proposals will use; fails naming the file and the field at fault."""
    problems = []
    for name in rubrics.available(folder):
        try:
            rubric = rubrics.named(name, folder)
        except rubrics.RubricError as err:
            problems.append(str(err))
            continue
        weights = " ".join(f"{s.key}={s.weight}" for s in rubric.sections)
        sections = len(rubric.sections)
        click.echo(f"{name}: {rubric.competition} {rubric.year}, {sections} sections ({weights})")
    if problems:
        raise click.ClickException("\n".join(problems))
    year = dt.date.today().year
    click.echo(
        f"New proposals of a {year} workshop use: {rubrics.for_year(year, folder).name} "
        "(the newest rubric not later than the workshop's year)"
    )


@workshop_cli.command("backups")
def backups_command() -> None:
    """List the database's backups (made before each upgrade), newest first."""
    found = backups.listed(current_app)
    click.echo(f"Folder cadangan / backup folder: {backups.folder(current_app)}")
    if not found:
        click.echo("Belum ada cadangan. / No backups yet.")
    for backup in found:
        click.echo(
            f"{backup.name}  {backup.made:%Y-%m-%d %H:%M}  {backup.size / 1e6:6.1f} MB  "
            f"revisi / revision {backup.revision}"
        )


@workshop_cli.command("restore")
@click.argument("name")
def restore_command(name: str) -> None:
    """Put the backup NAME (from `backups`) back as the database; the current one
    is kept as a backup first. Refused while a server runs on the database."""
    try:
        restored, previous = backups.restore(current_app, name)
    except backups.BackupError as err:
        raise click.ClickException(str(err)) from None
    if previous is not None:
        click.echo(
            f"Basis data sebelumnya disimpan / the previous database is kept: {previous.name}"
        )
    click.echo(
        f"Dipulihkan / restored: {restored.name} (revisi / revision {restored.revision}) "
        f"-> {backups.database_file(current_app)}"
    )
