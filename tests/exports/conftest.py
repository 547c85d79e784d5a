"""A workshop with the awkward content exports must survive."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from workshop.boards.services import post_card
from workshop.core.access import FACILITATOR, Identity
from workshop.core.models import Workshop
from workshop.extensions import db
from workshop.participants.services import join
from workshop.plans.services import save_plan
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.scoring.services import assess
from workshop.voting.services import cast_vote
from workshop.workshops.services import Signature, create_workshop, update_signature

INDONESIAN = "Pungli pembuatan KTP-el di kecamatan: warga dimintai Rp50.000 oleh calo"
EMOJI = "Antrean Puskesmas 3 jam 😡🏥 — lansia berdiri"
FORMULA = '=HYPERLINK("http://evil.example","klik")'
LONG = "Persyaratan akta kelahiran tidak jelas. " * 12
MINUS = "-2+3 jam antre"
SOLUTION = "Layanan jemput bola KTP-el ke desa dengan mobil keliling"
SIGNER = Signature(
    place="Bontosalama",
    position="Kepala Bagian Organisasi",
    name="Andi Baso Mattalatta, S.STP., M.Si.",
    nip="19800101 200501 1 001",
)


@dataclass
class Sample:
    workshop_id: int
    code: str
    empty_sector: str


def build_sample(anonymous: bool = False, language: str = "id") -> Sample:
    workshop = create_workshop(
        "Bimtek Inovasi 2026", place="Aula Bupati", language=language
    ).workshop
    workshop.speakers = "Dr. Andi Mappaseling, Biro Organisasi\nAhmad Fauzi, Pendamping KIPP"
    update_signature(workshop, SIGNER)
    workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "identify")
    adminduk, health = workshop.active_sectors[3], workshop.active_sectors[1]
    andi = join(
        workshop,
        name="Andi Rahmawati",
        agency="Disdukcapil",
        position="Kasi",
        sector_id=adminduk.id,
    )
    budi = join(
        workshop, name="Budi", agency="Puskesmas Bontonompo", position=None, sector_id=health.id
    )

    def post(author, n, **payload):
        return post_card(workshop, author, {"client_id": f"export-card-{n:04}", **payload}).card

    ktp = post(
        andi,
        1,
        kind="bottleneck",
        sector_id=adminduk.id,
        text=INDONESIAN,
        category="U4",
        service="KTP-el",
    )
    post(andi, 2, kind="bottleneck", sector_id=adminduk.id, text=FORMULA, category="U1")
    post(andi, 3, kind="bottleneck", sector_id=adminduk.id, text=LONG.strip())
    queue = post(budi, 4, kind="bottleneck", sector_id=health.id, text=EMOJI, category="U3")
    post(budi, 5, kind="bottleneck", sector_id=health.id, text=MINUS)
    bola = post(andi, 6, kind="solution", parent_id=ktp.id, text=SOLUTION)
    post(budi, 7, kind="solution", parent_id=queue.id, text="@Nomor antrean via WhatsApp")
    hidden = post(budi, 8, kind="bottleneck", sector_id=health.id, text="Kartu tersembunyi")
    hidden.status = "hidden"
    boss = Identity(workshop.id, FACILITATOR)
    assess(workshop, boss, ktp.id, {"u": 5, "s": 5, "g": 4, "cause": "Calo", "impact": "Biaya"})
    assess(workshop, boss, queue.id, {"u": 4, "s": 4, "g": 4})
    save_plan(
        workshop,
        boss,
        bola.id,
        {
            "steps": "Uji coba di 2 desa",
            "indicator": "100 KTP/bulan",
            "responsible": "Disdukcapil",
            "timeframe": "Maret 2027",
            "resources": "APBD",
            "stakeholders": "Camat",
        },
    )
    workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "vote")
    cast_vote(workshop, andi.id, ktp.id)
    cast_vote(workshop, andi.id, ktp.id)
    cast_vote(workshop, budi.id, queue.id)
    workshop.anonymous = anonymous
    empty = workshop.active_sectors[0].name
    commit_and_broadcast()
    return Sample(workshop.id, workshop.code, empty)


@pytest.fixture
def sample(app):
    with app.app_context():
        made = build_sample()
        yield made, db.session.get(Workshop, made.workshop_id)


@pytest.fixture
def anonymous_sample(app):
    with app.app_context():
        made = build_sample(anonymous=True)
        yield made, db.session.get(Workshop, made.workshop_id)
