"""Posting rules: limits, categories, solutions under bottlenecks, idempotent retries."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from workshop.boards.services import post_card
from workshop.core.cards import TEXT_MAX, Card
from workshop.core.errors import DomainError
from workshop.core.models import Participant
from workshop.extensions import db
from workshop.participants.services import join
from workshop.state.sync import cards_of
from workshop.workshops.services import create_workshop


def open_phase(workshop, kind):
    workshop.phase_id = next(p.id for p in workshop.phases if p.kind == kind)


@pytest.fixture
def board(app):
    with app.app_context():
        workshop = create_workshop("Bimtek").workshop
        open_phase(workshop, "identify")
        sector = workshop.active_sectors[0]
        author = join(
            workshop, name="Andi", agency="Disdukcapil", position=None, sector_id=sector.id
        )
        yield workshop, sector, author


def payload(sector, n="1", **kw):
    return {"client_id": f"client-{n:0>4}", "kind": "bottleneck", "sector_id": sector.id, **kw}


def count():
    return db.session.scalar(select(func.count(Card.id)))


def test_text_is_kept_as_typed_up_to_the_limit(board):
    workshop, sector, author = board
    text = "Pungli KTP-el Rp50.000 😡 <script>alert(1)</script>\n\nCalo di depan kantor"
    card = post_card(workshop, author, payload(sector, text=text, category="U4", service="KTP-el"))
    assert card.created and card.card.text == text
    assert card.card.category == "U4" and card.card.service == "KTP-el"
    exact = post_card(workshop, author, payload(sector, "2", text="a" * TEXT_MAX))
    assert len(exact.card.text) == TEXT_MAX


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": " \n\t "}, "text"),
        ({"text": "a" * (TEXT_MAX + 1)}, "text"),
        ({"text": ["list"]}, "text"),
        ({"text": "ok", "category": "U10"}, "category"),
        ({"text": "ok", "category": False}, "category"),
        ({"text": "ok", "category": []}, "category"),
        ({"text": "ok", "category": {}}, "category"),
        ({"text": "ok", "category": 0}, "category"),
        ({"text": "ok", "service": False}, "service"),
        ({"text": "ok", "service": {}}, "service"),
        ({"text": "ok", "service": "s" * 121}, "service"),
        ({"text": "ok", "client_id": "short"}, "client_id"),
        ({"text": "ok", "client_id": "has spaces in it"}, "client_id"),
        ({"text": "ok", "sector_id": "1"}, "sector_id"),
        ({"text": "ok", "sector_id": True}, "sector_id"),
    ],
)
def test_bad_input_is_refused_with_the_field_named_and_nothing_stored(board, changes, field):
    workshop, sector, author = board
    with pytest.raises(DomainError) as caught:
        post_card(workshop, author, {**payload(sector), **changes})
    assert caught.value.code == "invalid"
    assert field in caught.value.fields
    assert count() == 0


def test_the_over_limit_message_says_the_limit_and_the_count(board):
    workshop, sector, author = board
    with pytest.raises(DomainError) as caught:
        post_card(workshop, author, payload(sector, text="a" * 600))
    assert "500" in caught.value.message and "600" in caught.value.message


def test_a_retry_with_the_same_id_returns_the_first_card(board):
    workshop, sector, author = board
    first = post_card(workshop, author, payload(sector, text="Antrean"))
    again = post_card(workshop, author, payload(sector, text="Antrean (dikirim ulang)"))
    assert again.created is False and again.card.id == first.card.id
    assert count() == 1


def test_another_participant_cannot_take_over_a_post_id(board):
    workshop, sector, author = board
    post_card(workshop, author, payload(sector, text="Milik Andi"))
    other = join(workshop, name="Budi", agency="Dinkes", position=None, sector_id=sector.id)
    with pytest.raises(DomainError) as caught:
        post_card(workshop, other, payload(sector, text="Milik Budi"))
    assert caught.value.code == "conflict"


def test_a_solution_takes_its_bottlenecks_sector(board):
    workshop, sector, author = board
    parent = post_card(workshop, author, payload(sector, text="Antrean"))
    solution = post_card(
        workshop,
        author,
        {
            "client_id": "client-sol1",
            "kind": "solution",
            "parent_id": parent.card.id,
            "text": "SMS",
        },
    )
    assert solution.card.sector_id == sector.id
    assert solution.card.category is None


def test_a_solution_cannot_hang_under_a_solution_or_another_workshop(board):
    workshop, sector, author = board
    parent = post_card(workshop, author, payload(sector, text="Antrean"))
    child = post_card(
        workshop,
        author,
        {"client_id": "client-sol1", "kind": "solution", "parent_id": parent.card.id, "text": "A"},
    )
    with pytest.raises(DomainError):
        post_card(
            workshop,
            author,
            {
                "client_id": "client-sol2",
                "kind": "solution",
                "parent_id": child.card.id,
                "text": "B",
            },
        )
    other = create_workshop("Lain").workshop
    open_phase(other, "identify")
    other_author = join(
        other, name="C", agency="D", position=None, sector_id=other.active_sectors[0].id
    )
    with pytest.raises(DomainError):
        post_card(
            other,
            other_author,
            {
                "client_id": "client-sol3",
                "kind": "solution",
                "parent_id": parent.card.id,
                "text": "C",
            },
        )


def test_cards_of_reads_one_board_or_all(board):
    workshop, sector, author = board
    second = workshop.active_sectors[1]
    post_card(workshop, author, payload(sector, "1", text="A"))
    post_card(workshop, author, payload(second, "2", text="B"))
    assert [c["text"] for c in cards_of(workshop, [sector.id])] == ["A"]
    assert [c["text"] for c in cards_of(workshop)] == ["A", "B"]


def test_a_new_card_is_what_is_stored_and_is_not_read_back(board):
    """The card is written with one INSERT: the object the broadcast and the
    acknowledgement are made from holds every column as stored, defaults too."""
    workshop, sector, author = board
    author_id = author.id
    statements = []
    engine = db.engine

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement.split()[0].upper())

    event.listen(engine, "before_cursor_execute", record)
    try:
        posted = post_card(workshop, author, payload(sector, text="Antrean", category="U4"))
        sent = posted.card.as_dict()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    db.session.commit()
    # the retry check, the card, the workshop's seq, the event: nothing read back
    assert statements == ["SELECT", "INSERT", "UPDATE", "INSERT"]
    db.session.expunge_all()
    stored = db.session.get(Card, sent["id"])
    assert stored.as_dict() == sent
    assert sent["author"] == {"id": author_id, "name": "Andi", "agency": "Disdukcapil"}
    assert sent["status"] == "visible" and sent["analysed"] is False
    assert stored.created_at is not None and stored.entered_by_facilitator is False


def test_a_card_posted_for_a_participant_not_yet_written_keeps_its_author(board):
    """Posting writes what the transaction holds first, as the ORM's flush did."""
    workshop, sector, _author = board
    newcomer = Participant(
        workshop_id=workshop.id, name="Citra", agency="Bappeda", sector_id=sector.id
    )
    db.session.add(newcomer)  # not flushed: no id yet
    posted = post_card(workshop, newcomer, payload(sector, "9", text="Data ganda"))
    db.session.commit()
    assert newcomer.id is not None
    assert db.session.get(Card, posted.card.id).author_id == newcomer.id
