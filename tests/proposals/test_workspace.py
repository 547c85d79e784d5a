"""The proposal workspace over socket clients: promoting a solution, the facts
filled in, who may write and read, live saves with their sequence numbers, the
three-way merge and the conflicts it refuses, replay after a reconnect, and the
checklist with its weighted score."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import events_of

from .conftest import BOTTLENECK, ROOT, SOLUTION, ok, refused


def save(sock, proposal: dict[str, Any], key: str, base: int, text: str) -> dict[str, Any]:
    payload = {"proposal_id": proposal["id"], "section": key, "base_version": base, "text": text}
    return ok(sock.emit("proposal:save", payload, callback=True))


def section(proposal: dict[str, Any], key: str) -> dict[str, Any]:
    return next(s for s in proposal["sections"] if s["key"] == key)


def test_promoting_starts_every_kipp_section_in_order_from_what_urai_knows(room):
    reply = ok(
        room["boss"].emit("proposal:promote", {"card_id": room["solution"]["id"]}, callback=True)
    )
    proposal = reply["proposal"]
    assert proposal["title"] == SOLUTION and proposal["active"] and proposal["editable"]
    assert [s["key"] for s in proposal["sections"]] == [
        "ringkasan",
        "latar_belakang",
        "kebaruan",
        "implementasi",
        "signifikansi",
        "adaptabilitas",
        "sumber_daya",
        "keberlanjutan",
    ]
    rubric = proposal["rubric"]["sections"]
    assert [s["weight"] for s in rubric] == [0, 10, 15, 5, 30, 20, 5, 15]
    assert rubric[0]["title"] == "Ringkasan" and rubric[0]["word_limit"] == 200
    facts = proposal["facts"]
    assert facts["bottleneck"] == BOTTLENECK and facts["root_causes"] == [ROOT]
    assert facts["usg"] == {"u": 5, "s": 4, "g": 3, "total": 12} and facts["rank"] == 1
    assert facts["agency"] == "Disdukcapil" and facts["votes"] == {"solution": 0, "bottleneck": 0}
    background = section(proposal, "latar_belakang")["text"]
    assert BOTTLENECK in background and ROOT in background and "12" in background
    assert section(proposal, "kebaruan")["text"] == SOLUTION
    assert section(proposal, "adaptabilitas") == {
        "key": "adaptabilitas",
        "text": "",
        "version": 1,
        "words": 0,
    }
    # The sector's phones, the projector and steering hear of it; the other board does not.
    for name in ("author", "mate", "projector", "boss"):
        [event] = events_of(room[name], "proposal.updated")
        assert event["data"]["id"] == proposal["id"] and event["sector_id"] == room["board"]
    assert events_of(room["stranger"]) == []
    # Promoting twice makes no second proposal.
    again = ok(
        room["boss"].emit("proposal:promote", {"card_id": room["solution"]["id"]}, callback=True)
    )
    assert again["proposal"]["id"] == proposal["id"]


@pytest.mark.parametrize("who", ["author", "stranger", "projector"])
def test_only_the_facilitator_promotes_and_withdraws(room, who):
    refused(
        room[who].emit("proposal:promote", {"card_id": room["solution"]["id"]}, callback=True),
        "forbidden",
    )


def test_a_bottleneck_or_a_card_of_another_workshop_is_not_promoted(room):
    boss = room["boss"]
    refused(
        boss.emit("proposal:promote", {"card_id": room["bottleneck"]["id"]}, callback=True),
        "not_found",
    )
    refused(boss.emit("proposal:promote", {"card_id": 99999}, callback=True), "not_found")


def test_the_sectors_phones_write_live_and_others_only_read(promoted):
    proposal, author, boss = promoted["proposal"], promoted["author"], promoted["boss"]
    reply = save(author, proposal, "adaptabilitas", 1, "Bisa ditiru kecamatan lain.")
    assert reply["result"] == "saved" and reply["section"]["version"] == 2
    assert reply["section"]["words"] == 4
    for name in ("mate", "projector", "boss"):
        [event] = events_of(promoted[name], "proposal.section")
        assert event["data"] == {
            "proposal_id": proposal["id"],
            "key": "adaptabilitas",
            "text": "Bisa ditiru kecamatan lain.",
            "version": 2,
            "words": 4,
        }
    # The facilitator writes too.
    reply = save(boss, proposal, "adaptabilitas", 2, "Bisa ditiru kecamatan lain dan desa.")
    assert reply["section"]["version"] == 3
    # Another sector's participant may read the proposal but not write it.
    stranger = promoted["stranger"]
    read = ok(stranger.emit("proposal:get", {"proposal_id": proposal["id"]}, callback=True))
    assert read["proposal"]["editable"] is False
    assert (
        section(read["proposal"], "adaptabilitas")["text"] == "Bisa ditiru kecamatan lain dan desa."
    )
    payload = {
        "proposal_id": proposal["id"],
        "section": "adaptabilitas",
        "base_version": 3,
        "text": "x",
    }
    refused(stranger.emit("proposal:save", payload, callback=True), "forbidden")
    refused(promoted["projector"].emit("proposal:save", payload, callback=True), "forbidden")


def test_a_phone_of_another_workshop_can_neither_read_nor_write(promoted):
    elsewhere, proposal = promoted["elsewhere"], promoted["proposal"]
    refused(
        elsewhere.emit("proposal:get", {"proposal_id": proposal["id"]}, callback=True), "not_found"
    )
    payload = {
        "proposal_id": proposal["id"],
        "section": "ringkasan",
        "base_version": 1,
        "text": "x",
    }
    refused(elsewhere.emit("proposal:save", payload, callback=True), "not_found")
    assert events_of(elsewhere) == []


def test_each_save_gets_the_next_sequence_number_and_a_reconnect_replays_them(
    promoted, socket_for, phone
):
    proposal, author, mate = promoted["proposal"], promoted["author"], promoted["mate"]
    cursor = ok(mate.emit("sync", {"sector_id": promoted["board"], "since": None}, callback=True))[
        "seq"
    ]
    mate.disconnect()
    save(author, proposal, "adaptabilitas", 1, "Satu.")
    save(author, proposal, "adaptabilitas", 2, "Satu. Dua.")
    seqs = [e["seq"] for e in events_of(promoted["boss"], "proposal.section")]
    assert seqs == [cursor + 1, cursor + 2]
    # The phone comes back with its cursor and receives exactly what it missed, in order.
    mate.connect(auth={"workshop": promoted["ws"].code})
    reply = ok(mate.emit("sync", {"sector_id": promoted["board"], "since": cursor}, callback=True))
    assert reply["mode"] == "events"
    assert [(e["seq"], e["data"]["text"]) for e in reply["events"]] == [
        (cursor + 1, "Satu."),
        (cursor + 2, "Satu. Dua."),
    ]
    # A snapshot lists the board's proposals.
    snap = ok(mate.emit("sync", {"sector_id": promoted["board"], "since": None}, callback=True))
    assert [p["id"] for p in snap["snapshot"]["proposals"]] == [proposal["id"]]
    other = ok(
        promoted["stranger"].emit(
            "sync", {"sector_id": promoted["other_board"], "since": None}, callback=True
        )
    )
    assert other["snapshot"]["proposals"] == []


BASE = "Antrean KTP-el lama. Warga menunggu tiga jam. Blanko sering habis."


def test_disjoint_edits_of_one_section_merge(promoted):
    proposal, author, mate = promoted["proposal"], promoted["author"], promoted["mate"]
    save(author, proposal, "adaptabilitas", 1, BASE)
    # Both start from version 2; Andi saves first, Rina's save is on an old version.
    first = save(author, proposal, "adaptabilitas", 2, BASE.replace("lama", "sangat lama"))
    assert first["result"] == "saved" and first["section"]["version"] == 3
    second = save(mate, proposal, "adaptabilitas", 2, BASE.replace("habis.", "habis di kecamatan."))
    merged = (
        "Antrean KTP-el sangat lama. Warga menunggu tiga jam. Blanko sering habis di kecamatan."
    )
    assert second["result"] == "merged"
    assert second["section"] == {"key": "adaptabilitas", "text": merged, "version": 4, "words": 13}
    # Everyone, Andi included, receives the merged text as version 4.
    [*_, event] = events_of(author, "proposal.section")
    assert (event["data"]["text"], event["data"]["version"]) == (merged, 4)


def test_overlapping_edits_conflict_and_neither_text_is_lost(app, promoted):
    proposal, author, mate, boss = (
        promoted["proposal"],
        promoted["author"],
        promoted["mate"],
        promoted["boss"],
    )
    save(author, proposal, "adaptabilitas", 1, BASE)
    andi = BASE.replace("tiga jam", "empat jam")
    rina = BASE.replace("tiga jam", "lima jam")
    save(author, proposal, "adaptabilitas", 2, andi)
    boss.get_received()
    reply = save(mate, proposal, "adaptabilitas", 2, rina)
    # Refused: Rina is told the current text (Andi's) and keeps her own beside it.
    assert reply["result"] == "conflict"
    assert reply["section"]["text"] == andi and reply["section"]["version"] == 3
    assert reply["yours"] == rina
    assert events_of(boss, "proposal.section") == []
    # Her text is kept on the server too, as a refused revision.
    with app.app_context():
        from workshop.extensions import db
        from workshop.proposals.models import ProposalRevision

        kept = db.session.query(ProposalRevision).filter_by(outcome="refused").one()
        assert (kept.text, kept.base_version) == (rina, 2)
    # She resolves it by saving on the current version: accepted.
    resolved = save(
        mate, proposal, "adaptabilitas", 3, BASE.replace("tiga jam", "empat sampai lima jam")
    )
    assert resolved["result"] == "saved" and resolved["section"]["version"] == 4


def test_word_limits_warn_and_never_lose_text_but_huge_text_is_refused(promoted):
    proposal, author = promoted["proposal"], promoted["author"]
    long = " ".join(["kata"] * 250)  # Ringkasan: at most 200 words
    reply = save(author, proposal, "ringkasan", 1, long)
    assert reply["result"] == "saved" and reply["section"]["words"] == 250
    payload = {
        "proposal_id": proposal["id"],
        "section": "ringkasan",
        "base_version": 2,
        "text": "a" * 6001,
    }
    error = refused(author.emit("proposal:save", payload, callback=True), "invalid")["error"]
    assert "6000" in error["message"]


@pytest.mark.parametrize(
    "change",
    [
        {"section": "tidak_ada"},
        {"base_version": 0},
        {"base_version": 9},
        {"base_version": "1"},
        {"text": 5},
    ],
)
def test_bad_saves_are_refused_clearly(promoted, change):
    payload = {
        "proposal_id": promoted["proposal"]["id"],
        "section": "ringkasan",
        "base_version": 1,
        "text": "x",
    }
    refused(
        promoted["author"].emit("proposal:save", {**payload, **change}, callback=True), "invalid"
    )


def test_the_checklist_and_self_scores_give_a_weighted_total_live(promoted):
    proposal, author, mate = promoted["proposal"], promoted["author"], promoted["mate"]
    pid = proposal["id"]
    ok(
        author.emit(
            "proposal:assess",
            {"proposal_id": pid, "criterion": "kebaruan", "ticked": True},
            callback=True,
        )
    )
    ok(
        author.emit(
            "proposal:assess",
            {"proposal_id": pid, "section": "signifikansi", "score": 80},
            callback=True,
        )
    )
    reply = ok(
        mate.emit(
            "proposal:assess",
            {"proposal_id": pid, "section": "kebaruan", "score": 60},
            callback=True,
        )
    )
    assessment = reply["assessment"]
    assert assessment["checklist"] == {
        "kebaruan": True,
        "efektif": False,
        "bermanfaat": False,
        "mudah_disebarkan": False,
        "berkelanjutan": False,
    }
    assert assessment["total"] == 33.0  # 80 x 30% + 60 x 15%
    [*_, event] = events_of(promoted["boss"], "proposal.assessed")
    assert event["data"]["total"] == 33.0 and event["data"]["scores"]["signifikansi"] == 80
    refused(
        author.emit(
            "proposal:assess",
            {"proposal_id": pid, "section": "kebaruan", "score": 101},
            callback=True,
        ),
        "invalid",
    )
    refused(
        author.emit(
            "proposal:assess",
            {"proposal_id": pid, "criterion": "cepat", "ticked": True},
            callback=True,
        ),
        "invalid",
    )
    refused(
        promoted["stranger"].emit(
            "proposal:assess",
            {"proposal_id": pid, "criterion": "efektif", "ticked": True},
            callback=True,
        ),
        "forbidden",
    )


def test_a_withdrawn_proposal_leaves_other_screens_keeps_its_text_and_comes_back(promoted):
    proposal, author, boss = promoted["proposal"], promoted["author"], promoted["boss"]
    save(author, proposal, "adaptabilitas", 1, "Teks yang disimpan.")
    ok(boss.emit("proposal:withdraw", {"proposal_id": proposal["id"]}, callback=True))
    [removed] = events_of(author, "proposal.removed")
    assert removed["data"] == {"id": proposal["id"]}
    assert events_of(boss, "proposal.updated")[-1]["data"]["active"] is False
    refused(
        author.emit("proposal:get", {"proposal_id": proposal["id"]}, callback=True), "not_found"
    )
    payload = {
        "proposal_id": proposal["id"],
        "section": "adaptabilitas",
        "base_version": 2,
        "text": "x",
    }
    refused(author.emit("proposal:save", payload, callback=True), "forbidden")
    refused(boss.emit("proposal:save", payload, callback=True), "forbidden")
    again = ok(
        boss.emit("proposal:promote", {"card_id": promoted["solution"]["id"]}, callback=True)
    )
    assert section(again["proposal"], "adaptabilitas")["text"] == "Teks yang disimpan."


def test_the_facts_follow_anonymity_and_hidden_tallies(promoted):
    boss, pid = promoted["boss"], promoted["proposal"]["id"]
    ok(boss.emit("settings:update", {"anonymous": True, "votes_revealed": False}, callback=True))

    def facts(name: str) -> dict[str, Any]:
        reply = ok(promoted[name].emit("proposal:get", {"proposal_id": pid}, callback=True))
        return reply["proposal"]["facts"]

    assert facts("mate")["agency"] is None and facts("mate")["votes"] is None
    assert facts("projector")["agency"] is None
    assert facts("author")["agency"] == "Disdukcapil", "the author sees their own agency"
    assert facts("boss")["agency"] == "Disdukcapil" and facts("boss")["votes"] is not None
    # A bottleneck hidden by the facilitator is no longer told to the room.
    bottleneck = promoted["bottleneck"]["id"]
    ok(boss.emit("card:status", {"card_id": bottleneck, "action": "hide"}, callback=True))
    assert facts("mate")["bottleneck"] is None and facts("mate")["usg"] is None
    assert facts("boss")["bottleneck"] == BOTTLENECK


def test_the_sectors_group_and_the_facilitator_rename_a_proposal(promoted):
    pid = promoted["proposal"]["id"]
    reply = ok(
        promoted["mate"].emit(
            "proposal:title", {"proposal_id": pid, "title": "  SiAntre WA  "}, callback=True
        )
    )
    assert reply["proposal"]["title"] == "SiAntre WA"
    [event] = events_of(promoted["boss"], "proposal.updated")
    assert event["data"]["title"] == "SiAntre WA"
    refused(
        promoted["stranger"].emit(
            "proposal:title", {"proposal_id": pid, "title": "Lain"}, callback=True
        ),
        "forbidden",
    )
    refused(
        promoted["boss"].emit("proposal:title", {"proposal_id": pid, "title": "  "}, callback=True),
        "invalid",
    )
    refused(
        promoted["boss"].emit(
            "proposal:title", {"proposal_id": pid, "title": "x" * 201}, callback=True
        ),
        "invalid",
    )


def test_every_save_of_a_section_is_in_its_history_refused_ones_too(promoted):
    proposal, author, mate, boss = (
        promoted["proposal"],
        promoted["author"],
        promoted["mate"],
        promoted["boss"],
    )
    save(author, proposal, "adaptabilitas", 1, BASE)
    save(author, proposal, "adaptabilitas", 2, BASE.replace("tiga", "empat"))
    save(mate, proposal, "adaptabilitas", 2, BASE.replace("tiga", "lima"))  # refused
    query = {"proposal_id": proposal["id"], "section": "adaptabilitas"}
    revisions = ok(mate.emit("proposal:history", query, callback=True))["revisions"]
    assert [(r["version"], r["outcome"], r["by"]) for r in revisions] == [
        (2, "refused", "Rina"),
        (3, "saved", "Andi"),
        (2, "saved", "Andi"),
        (1, "start", None),
    ]
    assert revisions[0]["text"] == BASE.replace("tiga", "lima") and revisions[3]["by_staff"]
    refused(promoted["stranger"].emit("proposal:history", query, callback=True), "forbidden")
    refused(promoted["projector"].emit("proposal:history", query, callback=True), "forbidden")
    # In anonymous mode participants see what was saved, not by whom; steering sees who.
    ok(boss.emit("settings:update", {"anonymous": True}, callback=True))
    names = [
        r["by"] for r in ok(author.emit("proposal:history", query, callback=True))["revisions"]
    ]
    assert names == [None, "Andi", "Andi", None], "one's own saves stay named"
    names = [r["by"] for r in ok(boss.emit("proposal:history", query, callback=True))["revisions"]]
    assert names == ["Rina", "Andi", "Andi", None]


def test_the_starting_text_tells_the_room_only_what_it_may_see(room):
    boss = room["boss"]
    ok(boss.emit("settings:update", {"votes_revealed": False, "anonymous": True}, callback=True))
    ok(
        boss.emit(
            "vote:cast", {"card_id": room["solution"]["id"], "participant_id": 1}, callback=True
        )
    )
    proposal = ok(
        boss.emit("proposal:promote", {"card_id": room["solution"]["id"]}, callback=True)
    )["proposal"]
    texts = " ".join(s["text"] for s in proposal["sections"])
    assert BOTTLENECK in texts and "12" in texts
    assert "Disdukcapil" not in texts and "Andi" not in texts
    significance = section(proposal, "signifikansi")["text"]
    assert significance == "", "no tally while tallies are hidden"
    assert "0 suara" not in section(proposal, "latar_belakang")["text"]
    assert proposal["facts"]["votes"] == {"solution": 1, "bottleneck": 0}, (
        "steering still sees them"
    )
