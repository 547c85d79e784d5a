"""The same app on PostgreSQL: the migrations, and the rules that lean on the
database's locking (one sequence number per change, budgets under
concurrency), against a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select

from tests.conftest import BASE_CONFIG
from workshop import create_app
from workshop.extensions import db


@pytest.fixture
def pg_app(
    postgres_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Flask]:
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": postgres_database})
    yield app
    with app.app_context():
        db.engine.dispose()


def test_the_migrations_run_up_and_down_on_postgresql(pg_app):
    with pg_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), db.metadata) == []
        downgrade(revision="base")
        upgrade()
        assert db.session.execute(db.text("select version_num from alembic_version")).scalar()


def test_a_session_on_postgresql(pg_app):
    """Create, join, post, vote, score and export, as on SQLite."""
    from tests.voting.test_voting import make_board
    from workshop.exports.services import export
    from workshop.realtime.broadcast import commit_and_broadcast
    from workshop.voting.services import cast_vote

    with pg_app.app_context():
        upgrade()
        workshop, voter, cards = make_board()
        cast_vote(workshop, voter.id, cards[0].id)
        commit_and_broadcast()
        assert workshop.seq > 5
        assert export(workshop, "xlsx").content[:2] == b"PK"


def test_the_budget_holds_under_concurrency_on_postgresql(pg_app):
    from tests.voting.test_voting import make_board, votes_at_once
    from workshop.core.votes import Vote

    with pg_app.app_context():
        upgrade()
        workshop, voter, cards = make_board(cards=8, vote_budget=3)
        ids = (workshop.id, voter.id, [c.id for c in cards])
    assert votes_at_once(pg_app, *ids) == ["budget"] * 5 + ["ok"] * 3
    with pg_app.app_context():
        assert db.session.scalar(select(func.count(Vote.id))) == 3
