"""A workshop with two planned solutions, one per owner agency, for the follow-up tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from workshop.boards.services import post_card
from workshop.core.access import Identity
from workshop.core.models import Workshop
from workshop.extensions import db
from workshop.participants.services import join
from workshop.plans.services import save_plan
from workshop.realtime.broadcast import commit_and_broadcast


@dataclass(frozen=True)
class Plans:
    ws: object  # tests.conftest.Made
    school: int  # a solution owned by Dinas Pendidikan, overdue since yesterday
    clinic: int  # a solution owned by Dinas Kesehatan, due next month


YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()
NEXT_MONTH = (dt.date.today() + dt.timedelta(days=30)).isoformat()


@pytest.fixture
def plans(app, make_workshop):
    """`plans()`: a workshop whose two solutions have action plans, still running."""

    def make(title: str = "Bimtek Inovasi", language: str = "id") -> Plans:
        ws = make_workshop(title, language=language)
        with app.app_context():
            workshop = db.session.get(Workshop, ws.id)
            author = join(
                workshop,
                name="Penulis",
                agency="Bagian Organisasi",
                position=None,
                sector_id=ws.sector_ids[0],
            )
            boss = Identity(ws.id, "facilitator", key_id=1)
            ids = []
            for n, (agency, deadline) in enumerate(
                [("Dinas  Pendidikan", YESTERDAY), ("Dinas Kesehatan", NEXT_MONTH)]
            ):
                bottleneck = post_card(
                    workshop,
                    author,
                    {
                        "client_id": f"fu-b-{n:04d}",
                        "kind": "bottleneck",
                        "sector_id": ws.sector_ids[0],
                        "text": f"Antrean panjang {n}",
                    },
                ).card
                solution = post_card(
                    workshop,
                    author,
                    {
                        "client_id": f"fu-s-{n:04d}",
                        "kind": "solution",
                        "parent_id": bottleneck.id,
                        "text": f"Antrean daring {n}",
                    },
                ).card
                save_plan(
                    workshop,
                    boss,
                    solution.id,
                    {
                        "agency": agency,
                        "responsible": "Kepala Bidang",
                        "indicator": "Antrean < 30 menit",
                        "deadline": deadline,
                    },
                )
                ids.append(solution.id)
            commit_and_broadcast()
        return Plans(ws, ids[0], ids[1])

    return make
