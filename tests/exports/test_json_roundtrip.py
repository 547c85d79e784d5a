"""JSON export, import as a new workshop, export again: the same apart from
ids and timestamps."""

from __future__ import annotations

import json

import pytest

from workshop.core.errors import DomainError
from workshop.core.models import Workshop
from workshop.exports.importer import import_workshop
from workshop.exports.json_export import document
from workshop.extensions import db
from workshop.realtime.broadcast import commit_and_broadcast


def comparable(doc):
    doc = json.loads(json.dumps(doc))
    doc.pop("exported_at")
    for card in doc["cards"]:
        card.pop("created_at")
    return doc


def test_an_imported_copy_exports_the_same(sample):
    _made, workshop = sample
    original = document(workshop)
    copy = import_workshop(json.loads(json.dumps(original)))
    commit_and_broadcast()
    assert copy.workshop.code != workshop.code
    again = document(db.session.get(Workshop, copy.workshop.id))
    assert comparable(again) == comparable(original)
    assert len(original["cards"]) == 8 and len(original["votes"]) == 3


def test_the_cli_exports_and_imports(app, runner, sample, tmp_path):
    made, _workshop = sample
    path = tmp_path / "backup.json"
    result = runner.invoke(
        args=["workshop", "export", made.code, "--format", "json", "--output", str(path)]
    )
    assert result.exit_code == 0, result.output
    imported = runner.invoke(args=["workshop", "import", str(path), "--json"])
    assert imported.exit_code == 0, imported.output
    code = json.loads(imported.output)["code"]
    with app.app_context():
        copy = Workshop.by_code(code)
        assert copy.title == "Bimtek Inovasi 2026"
        assert copy.speakers.startswith("Dr. Andi")


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"format": "something.else"},
        {"format": "urai.workshop", "version": 99},
        {"format": "urai.workshop", "version": 1},
        {"format": "urai.workshop", "version": 1, "workshop": {"title": "x"}},
    ],
)
def test_a_bad_file_gets_a_clear_error(app, bad):
    with app.app_context(), pytest.raises(DomainError) as caught:
        import_workshop(bad)
    assert caught.value.code == "invalid"


def test_the_cli_refuses_a_broken_file_clearly(runner, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    result = runner.invoke(args=["workshop", "import", str(path)])
    assert result.exit_code != 0 and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "docx", "kipp", "html"])
def test_the_cli_writes_every_format(runner, sample, tmp_path, fmt):
    made, _workshop = sample
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(
        args=["workshop", "export", made.code, "--format", fmt, "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000
