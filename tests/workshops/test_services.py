"""Workshop rules: creation, codes, secret links, sector editing and its broadcasts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from workshop.core import codes
from workshop.core.errors import DomainError
from workshop.core.lookup import find_workshop
from workshop.core.models import AccessKey, Workshop
from workshop.extensions import db
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.realtime.models import Event
from workshop.workshops import services


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def test_a_new_workshop_has_the_six_default_sectors_and_a_readable_code(ctx):
    created = services.create_workshop("  Bimtek   Inovasi  ", place="Aula", organiser=None)
    commit_and_broadcast()
    workshop = created.workshop
    assert workshop.title == "Bimtek Inovasi"
    assert [s.name for s in workshop.active_sectors] == [
        "Pendidikan",
        "Kesehatan",
        "Lingkungan Hidup",
        "Administrasi Kependudukan",
        "Koperasi & UKM",
        "Kelurahan/Kecamatan",
    ]
    assert len(workshop.code) == 6 and set(workshop.code) <= set(codes.ALPHABET)
    assert not set("0O1IL25SZ8B") & set(codes.ALPHABET)


def test_an_english_workshop_gets_english_sector_names(ctx):
    workshop = services.create_workshop("Workshop", language="en").workshop
    assert workshop.active_sectors[3].name == "Civil registration"


def test_secret_links_are_stored_only_as_hashes_and_open_their_role(ctx):
    created = services.create_workshop("Bimtek")
    commit_and_broadcast()
    stored = db.session.scalars(select(AccessKey.token_hash)).all()
    assert created.facilitator_token not in stored
    assert codes.token_hash(created.facilitator_token) in stored
    assert len(created.facilitator_token) >= 43  # 256 bits, URL-safe
    assert services.key_for_token(created.facilitator_token).role == "facilitator"
    assert services.key_for_token(created.presenter_token).role == "presenter"
    assert services.key_for_token(created.presenter_token[:-1] + "x") is None
    assert services.key_for_token("") is None


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {spaced} ", "{dashed}"])
def test_a_typed_code_is_forgiving(ctx, typed):
    code = services.create_workshop("Bimtek").workshop.code
    commit_and_broadcast()
    raw = typed.format(
        code=code, lower=code.lower(), spaced=" ".join(code), dashed=f"{code[:3]}-{code[3:]}"
    )
    assert find_workshop(raw).code == code


def test_an_unknown_code_is_a_clear_not_found(ctx):
    with pytest.raises(DomainError) as caught:
        find_workshop("AAAAAA")
    assert caught.value.code == "not_found"
    assert caught.value.http_status == 404


@pytest.mark.parametrize(
    ("title", "field"), [("", "title"), ("   ", "title"), ("x" * 201, "title"), (None, "title")]
)
def test_a_workshop_needs_a_title_of_sensible_length(ctx, title, field):
    with pytest.raises(DomainError) as caught:
        services.create_workshop(title)
    assert field in caught.value.fields


def test_sector_changes_are_stamped_and_broadcast_in_order(ctx):
    workshop = services.create_workshop("Bimtek").workshop
    commit_and_broadcast()
    first, _second = workshop.active_sectors[:2]
    services.rename_sector(workshop, first.id, "PAUD dan Pendidikan Dasar")
    services.move_sector(workshop, first.id, +1)
    added = services.add_sector(workshop, "Perhubungan")
    commit_and_broadcast()
    names = [s.name for s in db.session.get(Workshop, workshop.id).active_sectors]
    assert names[:2] == ["Kesehatan", "PAUD dan Pendidikan Dasar"]
    assert names[-1] == "Perhubungan" and added.id
    events = db.session.scalars(select(Event).where(Event.workshop_id == workshop.id)).all()
    assert [e.seq for e in events] == [1, 2, 3]
    assert all(e.type == "workshop.updated" for e in events)
    assert events[-1].data["sectors"][-1]["name"] == "Perhubungan"
    assert db.session.get(Workshop, workshop.id).seq == 3


def test_moving_the_first_sector_up_changes_nothing(ctx):
    workshop = services.create_workshop("Bimtek").workshop
    first = workshop.active_sectors[0]
    services.move_sector(workshop, first.id, -1)
    assert workshop.active_sectors[0].id == first.id


def test_sector_names_must_be_unique_and_present(ctx):
    workshop = services.create_workshop("Bimtek").workshop
    with pytest.raises(DomainError):
        services.add_sector(workshop, "kesehatan")
    with pytest.raises(DomainError):
        services.rename_sector(workshop, workshop.active_sectors[0].id, "  ")


def test_a_sector_with_cards_cannot_be_removed_so_no_card_is_lost(ctx, app):
    from workshop.boards.services import post_card
    from workshop.participants.services import join

    workshop = services.create_workshop("Bimtek").workshop
    workshop.phase_id = workshop.phases[1].id
    sector = workshop.active_sectors[0]
    author = join(workshop, name="A", agency="B", position=None, sector_id=sector.id)
    post_card(
        workshop,
        author,
        {"client_id": "client-keep", "kind": "bottleneck", "sector_id": sector.id, "text": "x"},
    )
    with pytest.raises(DomainError) as caught:
        services.remove_sector(workshop, sector.id)
    assert "1" in caught.value.message
    empty = workshop.active_sectors[1]
    services.remove_sector(workshop, empty.id)
    assert empty not in workshop.active_sectors
    assert empty.archived  # kept, only hidden


def test_a_sector_of_another_workshop_cannot_be_edited(ctx):
    mine = services.create_workshop("A").workshop
    theirs = services.create_workshop("B").workshop
    with pytest.raises(DomainError) as caught:
        services.rename_sector(mine, theirs.active_sectors[0].id, "Dibajak")
    assert caught.value.code == "not_found"
    assert theirs.active_sectors[0].name == "Pendidikan"


def test_the_facilitator_picks_the_documents_language(app, make_workshop, facilitator):
    ws = make_workshop()
    laptop = facilitator(ws)
    response = laptop.post(
        f"/w/{ws.code}/details", data={"title": "Bimtek", "language": "en", "speakers": "A\nB"}
    )
    assert response.status_code == 303
    with app.app_context():
        workshop = Workshop.by_code(ws.code)
        assert workshop.language == "en" and workshop.speakers == "A\nB"
        with pytest.raises(DomainError):
            services.update_details(
                workshop, title="x", date=None, place=None, organiser=None, language="fr"
            )


def test_the_facilitator_names_who_signs_the_report(app, make_workshop, facilitator):
    ws = make_workshop()
    laptop = facilitator(ws)
    page = laptop.get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    for name in ("signer_position", "signer_name", "signer_nip", "report_place", "report_date"):
        assert f'name="{name}"' in page, name
    response = laptop.post(
        f"/w/{ws.code}/details",
        data={
            "title": "Bimtek",
            "signer_position": "  Kepala Bagian   Organisasi ",
            "signer_name": "Andi Baso Mattalatta, S.STP., M.Si.",
            "signer_nip": "19800101 200501 1 001",
            "report_place": "Bontosalama",
            "report_date": "2026-11-30",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        workshop = Workshop.by_code(ws.code)
        assert workshop.signer_position == "Kepala Bagian Organisasi"
        assert workshop.signer_name == "Andi Baso Mattalatta, S.STP., M.Si."
        assert workshop.signer_nip == "19800101 200501 1 001"
        assert workshop.report_place == "Bontosalama"
        assert workshop.report_date.isoformat() == "2026-11-30"
    page = laptop.get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    assert 'value="19800101 200501 1 001"' in page, "the saved values are shown to edit"


def test_a_too_long_nip_is_refused_and_nothing_is_saved(app, make_workshop, facilitator):
    ws = make_workshop()
    laptop = facilitator(ws)
    response = laptop.post(
        f"/w/{ws.code}/details",
        data={"title": "Judul baru", "signer_nip": "1" * 31},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "30" in response.get_data(as_text=True), "the limit is named"
    with app.app_context():
        workshop = Workshop.by_code(ws.code)
        assert workshop.signer_nip is None and workshop.title != "Judul baru"
    with app.app_context(), pytest.raises(DomainError) as caught:
        services.update_signature(Workshop.by_code(ws.code), services.Signature(position="x" * 201))
    assert "signer_position" in caught.value.fields
