"""The `flask workshop` commands."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from workshop.core.cards import Card
from workshop.core.models import Participant, Workshop
from workshop.extensions import db


def test_create_prints_the_four_addresses_as_json(app, runner, client):
    result = runner.invoke(
        args=[
            "workshop",
            "create",
            "--title",
            "Bimtek Gowa",
            "--json",
            "--date",
            "2026-12-03",
            "--place",
            "Aula Kantor Bupati",
        ]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"code", "join_url", "facilitator_url", "presenter_url"} <= set(data)
    assert data["join_url"] == f"http://urai.test/j/{data['code']}"
    facilitator_path = data["facilitator_url"].removeprefix("http://urai.test")
    assert client.get(facilitator_path).status_code == 303
    assert client.get(f"/w/{data['code']}/facilitator").status_code == 200
    with app.app_context():
        workshop = Workshop.by_code(data["code"])
        assert workshop.place == "Aula Kantor Bupati" and workshop.date.day == 3


def test_create_in_plain_text(runner):
    result = runner.invoke(args=["workshop", "create", "--title", "Bimtek"])
    assert result.exit_code == 0
    assert "http://urai.test/j/" in result.output and "/k/" in result.output


def test_create_with_a_bad_title_fails_clearly(runner):
    result = runner.invoke(args=["workshop", "create", "--title", "   "])
    assert result.exit_code != 0
    assert "Error" in result.output and "Traceback" not in result.output


def test_demo_fills_all_six_sectors(app, runner):
    result = runner.invoke(args=["workshop", "demo", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    with app.app_context():
        workshop = Workshop.by_code(data["code"])
        per_sector = dict(
            db.session.execute(
                select(Card.sector_id, func.count(Card.id))
                .where(Card.workshop_id == workshop.id, Card.kind == "bottleneck")
                .group_by(Card.sector_id)
            ).all()
        )
        assert len(per_sector) == 6 and min(per_sector.values()) >= 3
        solutions = db.session.scalar(select(func.count(Card.id)).where(Card.kind == "solution"))
        categorised = db.session.scalar(
            select(func.count(Card.id)).where(Card.category.is_not(None))
        )
        assert solutions > 10 and categorised > 10
        assert db.session.scalar(select(func.count(Participant.id))) >= 12


def test_list_shows_workshops_with_counts(runner):
    runner.invoke(args=["workshop", "demo"])
    runner.invoke(args=["workshop", "create", "--title", "Kosong"])
    listed = json.loads(runner.invoke(args=["workshop", "list", "--json"]).output)
    assert next(w["title"] for w in listed) == "Kosong"
    assert listed[0]["cards"] == 0 and listed[1]["cards"] > 30
    text = runner.invoke(args=["workshop", "list"]).output
    assert "Kosong" in text and listed[1]["code"] in text
