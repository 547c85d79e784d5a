"""Moderation: status changes, moves, merges that keep votes, clusters."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import events_of
from workshop.boards.services import post_card
from workshop.core.errors import DomainError
from workshop.core.votes import Vote
from workshop.extensions import db
from workshop.moderation import services
from workshop.participants.services import join
from workshop.realtime.broadcast import commit_and_broadcast
from workshop.realtime.policy import STEERING_VIEW, Settings
from workshop.voting.services import cast_vote, votes_of
from workshop.workshops.services import create_workshop


@pytest.fixture
def board(app):
    with app.app_context():
        workshop = create_workshop("Bimtek").workshop
        workshop.phase_id = workshop.phases[1].id
        sector = workshop.active_sectors[0]
        people = [
            join(workshop, name=n, agency="OPD", position=None, sector_id=sector.id)
            for n in ("Andi", "Budi", "Citra")
        ]

        def card(text, kind="bottleneck", parent=None, n=[0]):  # noqa: B006
            n[0] += 1
            payload = {"client_id": f"mod-card-{n[0]:04}", "kind": kind, "text": text}
            payload.update({"parent_id": parent.id} if parent else {"sector_id": sector.id})
            return post_card(workshop, people[0], payload).card

        yield workshop, sector, people, card


def test_status_changes_follow_their_rules_and_nothing_is_erased(board):
    workshop, _sector, _people, card = board
    item = card("Pungli KTP-el")
    services.change_status(workshop, item.id, "hide")
    assert item.status == "hidden"
    with pytest.raises(DomainError):
        services.change_status(workshop, item.id, "approve")
    services.change_status(workshop, item.id, "show")
    services.change_status(workshop, item.id, "delete")
    assert item.status == "deleted"
    services.change_status(workshop, item.id, "restore")
    assert item.status == "visible"
    with pytest.raises(DomainError):
        services.change_status(workshop, item.id, "explode")


def test_editing_keeps_the_rules_of_posting(board):
    workshop, _sector, _people, card = board
    item = card("Antrian")
    services.edit_card(workshop, item.id, {"text": "Antrean 3 jam", "category": "U3"})
    assert (item.text, item.category) == ("Antrean 3 jam", "U3")
    with pytest.raises(DomainError):
        services.edit_card(workshop, item.id, {"text": ""})
    with pytest.raises(DomainError):
        services.edit_card(workshop, item.id, {"category": ["U3"]})


def test_moving_a_bottleneck_takes_its_solutions_along(board):
    workshop, _sector, _people, card = board
    item = card("Jarak ke kantor")
    child = card("Layanan keliling", "solution", item)
    target = workshop.active_sectors[2]
    services.move_card(workshop, item.id, target.id)
    assert item.sector_id == target.id and child.sector_id == target.id


def test_merging_keeps_solutions_and_votes_without_double_counting(board):
    workshop, _sector, people, card = board
    workshop.vote_budget = 5
    workshop.vote_cap = None
    keep = card("Antrean panjang di kecamatan")
    duplicate = card("Antre lama di kantor camat")
    card("Nomor antrean online", "solution", duplicate)
    card("Loket tambahan", "solution", keep)
    andi, budi, citra = people
    workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "vote")
    cast_vote(workshop, andi.id, keep.id)  # Andi voted both: counted once
    cast_vote(workshop, andi.id, duplicate.id)
    cast_vote(workshop, budi.id, duplicate.id)  # Budi only the duplicate: 2 dots follow
    cast_vote(workshop, budi.id, duplicate.id)
    cast_vote(workshop, citra.id, keep.id)  # Citra only the kept one

    services.merge_cards(workshop, duplicate.id, keep.id)
    commit_and_broadcast()

    assert duplicate.status == "merged" and duplicate.merged_into_id == keep.id
    count = db.session.scalar(select(func.count(Vote.id)).where(Vote.card_id == keep.id))
    assert count == 4  # Andi 1 + Budi 2 + Citra 1
    assert votes_of(workshop, andi.id)["cards"] == {str(keep.id): 1}
    assert votes_of(workshop, andi.id)["left"]["bottleneck"] == 4, "Andi's extra dot came back"
    assert votes_of(workshop, budi.id)["cards"] == {str(keep.id): 2}
    solutions = db.session.scalars(
        select(func.count()).select_from(type(keep)).where(type(keep).parent_id == keep.id)
    ).one()
    assert solutions == 2


def test_a_merge_is_undone_exactly(board):
    workshop, _sector, people, card = board
    workshop.vote_budget = 5
    workshop.vote_cap = None
    keep = card("Antrean panjang di kecamatan")
    duplicate = card("Antre lama di kantor camat")
    theirs = card("Nomor antrean online", "solution", duplicate)
    ours = card("Loket tambahan", "solution", keep)
    andi, budi, _citra = people
    workshop.phase_id = next(p.id for p in workshop.phases if p.kind == "vote")
    cast_vote(workshop, andi.id, keep.id)
    cast_vote(workshop, andi.id, duplicate.id)  # dropped by the merge: Andi is counted once
    cast_vote(workshop, budi.id, duplicate.id)
    before = {pid: votes_of(workshop, pid)["cards"] for pid in (andi.id, budi.id)}
    services.merge_cards(workshop, duplicate.id, keep.id)
    commit_and_broadcast()
    assert "unmerge" in STEERING_VIEW.actions(duplicate.as_dict(), Settings())

    services.unmerge_card(workshop, duplicate.id)
    commit_and_broadcast()

    assert (duplicate.status, duplicate.merged_into_id) == ("visible", None)
    assert theirs.parent_id == duplicate.id and ours.parent_id == keep.id
    assert {pid: votes_of(workshop, pid)["cards"] for pid in (andi.id, budi.id)} == before
    with pytest.raises(DomainError):
        services.unmerge_card(workshop, duplicate.id)  # nothing left to undo


def test_cards_of_different_kinds_or_the_same_card_do_not_merge(board):
    workshop, _sector, _people, card = board
    item = card("A")
    child = card("B", "solution", item)
    with pytest.raises(DomainError):
        services.merge_cards(workshop, item.id, item.id)
    with pytest.raises(DomainError):
        services.merge_cards(workshop, child.id, item.id)


def test_clusters_group_cards_of_their_own_board(board):
    workshop, sector, _people, card = board
    item = card("Antrean")
    cluster = services.save_cluster(workshop, {"sector_id": sector.id, "title": "Waktu layanan"})
    services.assign_cluster(workshop, item.id, cluster.id)
    assert item.cluster_id == cluster.id
    other = services.save_cluster(
        workshop, {"sector_id": workshop.active_sectors[1].id, "title": "Lain"}
    )
    with pytest.raises(DomainError):
        services.assign_cluster(workshop, item.id, other.id)
    services.remove_cluster(workshop, cluster.id)
    db.session.refresh(item)
    assert item.cluster_id is None and item.status == "visible"


def test_a_move_reaches_watchers_of_both_boards(
    make_workshop, phone, facilitator, socket_for, socket_post
):
    ws = make_workshop()
    author = socket_for(phone(ws, "Penulis", sector=0), ws)
    old_board = socket_for(phone(ws, "Lama", sector=0), ws)
    new_board = socket_for(phone(ws, "Baru", sector=1), ws)
    author.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    old_board.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    new_board.emit("sync", {"sector_id": ws.sector_ids[1]}, callback=True)
    card = socket_post(author, ws.sector_ids[0], "Salah sektor", client_id="move-card-1")["card"]
    old_board.get_received()
    new_board.get_received()
    boss = socket_for(facilitator(ws), ws)
    assert boss.emit(
        "card:move", {"card_id": card["id"], "sector_id": ws.sector_ids[1]}, callback=True
    )["ok"]
    for sock in (old_board, new_board):
        (event,) = events_of(sock, "card.updated")
        assert event["data"]["sector_id"] == ws.sector_ids[1]


def test_after_a_merge_no_screen_keeps_the_merged_cards_old_tally(
    make_workshop, phone, facilitator, socket_for
):
    """Found by the random sessions (test_properties): a phone showed the dots a
    merged card had before its dots moved to the card it was merged into."""
    ws = make_workshop()
    voter = socket_for(phone(ws, "Pemilih"), ws)
    voter.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    boss = socket_for(facilitator(ws), ws)

    def enter(client_id: str, text: str) -> int:
        payload = {"client_id": client_id, "kind": "bottleneck", "sector_id": ws.sector_ids[0]}
        reply = boss.emit("card:enter", {**payload, "text": text}, callback=True)
        return int(reply["card"]["id"])

    keep, duplicate = enter("tally-card-1", "Antrean panjang"), enter("tally-card-2", "Antre lama")
    phases = boss.emit("sync", {}, callback=True)["snapshot"]["workshop"]["phases"]
    vote = next(p["id"] for p in phases if p["kind"] == "vote")
    assert boss.emit("phase:set", {"phase_id": vote}, callback=True)["ok"]
    assert voter.emit("vote:cast", {"card_id": duplicate}, callback=True)["ok"]
    voter.get_received()
    merge = {"source_id": duplicate, "target_id": keep}
    assert boss.emit("card:merge", merge, callback=True)["ok"]
    tallies = {e["data"]["card_id"]: e["data"]["votes"] for e in events_of(voter, "votes.updated")}
    assert tallies == {duplicate: 0, keep: 1}
