"""Shared group scores: two members of a sector's group scoring the same card at
the same moment. The second save, made from scores that changed meanwhile, is
refused with `conflict` (nothing stored, nothing broadcast), and every card says
who changed its scores last."""

from __future__ import annotations

from tests.conftest import events_of


def watching(sock, created):
    """A phone's socket, watching its sector's board."""
    assert sock.emit("sync", {"since": None, "sector_id": created.sector_ids[0]}, callback=True)[
        "ok"
    ]
    return sock


def test_a_save_from_stale_scores_is_refused_with_conflict(
    make_workshop, phone, facilitator, socket_for
):
    created = make_workshop(phase="prioritise")
    boss = socket_for(facilitator(created), created)
    card = boss.emit(
        "card:enter",
        {
            "client_id": "usg-conflict-1",
            "kind": "bottleneck",
            "text": "Antrean KTP-el",
            "sector_id": created.sector_ids[0],
        },
        callback=True,
    )["card"]
    assert card["assessment"] is None
    sari = watching(socket_for(phone(created, name="Sari"), created), created)
    budi = watching(socket_for(phone(created, name="Budi"), created), created)

    # Both open the form on the unscored card (base null); Sari saves first.
    saved = sari.emit("card:assess", {"card_id": card["id"], "u": 5, "base": None}, callback=True)
    assert saved["ok"], saved
    version = saved["card"]["assessment"]["version"]
    assert saved["card"]["assessment"]["changed_by"]["name"] == "Sari"
    events_of(budi)
    events_of(sari)

    # Budi's save from the unscored card would overwrite Sari's 5: refused.
    stale = budi.emit("card:assess", {"card_id": card["id"], "u": 2, "base": None}, callback=True)
    assert stale["ok"] is False
    assert stale["error"]["code"] == "conflict"
    assert "base" in stale["error"]["fields"]
    assert events_of(budi, "card.updated") == []
    assert events_of(sari, "card.updated") == []

    # From the version he now sees, Budi may overwrite knowingly.
    again = budi.emit(
        "card:assess", {"card_id": card["id"], "u": 2, "base": version}, callback=True
    )
    assert again["ok"], again
    assessment = again["card"]["assessment"]
    assert assessment["u"] == 2
    assert assessment["changed_by"]["name"] == "Budi"
    assert assessment["version"] != version
    [update] = events_of(sari, "card.updated")
    assert update["data"]["assessment"]["changed_by"]["name"] == "Budi"

    # Sari's old version is stale now too.
    late = sari.emit("card:assess", {"card_id": card["id"], "g": 1, "base": version}, callback=True)
    assert late["error"]["code"] == "conflict"

    # Without `base` (older clients, the facilitator's page): no check, as before.
    plain = boss.emit("card:assess", {"card_id": card["id"], "s": 3}, callback=True)
    assert plain["ok"]
    assert plain["card"]["assessment"]["changed_by"] is None  # steering


def test_a_base_of_the_wrong_type_is_invalid(make_workshop, phone, facilitator, socket_for):
    created = make_workshop(phase="prioritise")
    boss = socket_for(facilitator(created), created)
    card = boss.emit(
        "card:enter",
        {
            "client_id": "usg-conflict-2",
            "kind": "bottleneck",
            "text": "Izin usaha lama",
            "sector_id": created.sector_ids[0],
        },
        callback=True,
    )["card"]
    for bad in (1, [], {}, True):
        reply = boss.emit(
            "card:assess", {"card_id": card["id"], "u": 3, "base": bad}, callback=True
        )
        assert reply["error"]["code"] == "invalid", bad


def test_anonymous_mode_hides_who_scored_from_other_members(
    make_workshop, phone, facilitator, socket_for
):
    created = make_workshop(phase="prioritise")
    boss = socket_for(facilitator(created), created)
    assert boss.emit("settings:update", {"anonymous": True}, callback=True)["ok"]
    card = boss.emit(
        "card:enter",
        {
            "client_id": "usg-conflict-3",
            "kind": "bottleneck",
            "text": "Puskesmas jauh",
            "sector_id": created.sector_ids[0],
        },
        callback=True,
    )["card"]
    sari = watching(socket_for(phone(created, name="Sari"), created), created)
    budi = watching(socket_for(phone(created, name="Budi"), created), created)
    events_of(budi)
    mine = sari.emit("card:assess", {"card_id": card["id"], "u": 4, "base": None}, callback=True)
    assert mine["card"]["assessment"]["changed_by"]["name"] == "Sari"  # her own change
    [seen] = events_of(budi, "card.updated")
    assert seen["data"]["assessment"]["changed_by"] == {"id": None, "name": None}
    assert seen["data"]["assessment"]["u"] == 4
