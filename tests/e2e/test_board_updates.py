"""The phone board in a busy room renders what changed: a card arriving from a
neighbour is one element put in its place, a tally one number written, and
the cards a participant is reading are left alone (issue 24: at room scale
every event re-rendered all 300 cards of the board)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, expect

from tests.conftest import post_through_socket
from tests.live import join_session, socket_client

from .helpers import PHONE, facilitator_socket, fail_on_dialog, join

# In the page: each card's element as first seen, and every DOM change made
# inside a card since (the card's id, what changed).
WATCH = """() => {
  window.__cards = {};
  document.querySelectorAll("#cards [data-card]")
    .forEach(e => { window.__cards[e.dataset.card] = e; });
  window.__touched = [];
  new MutationObserver(records => records.forEach(r => {
    const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    const card = node && node.closest("[data-card]");
    if (card) window.__touched.push([card.dataset.card, r.type + " " + (r.attributeName || "")]);
  })).observe(document.getElementById("cards"),
              {subtree: true, childList: true, attributes: true, characterData: true});
}"""

SAME_NODES = """() => Object.keys(window.__cards).filter(
  id => document.querySelector(`#cards [data-card="${id}"]`) !== window.__cards[id])"""

TOUCHED = """(spare) => {
  const out = window.__touched.filter(([id]) => !spare.includes(Number(id)));
  window.__touched = []; return out; }"""


def busy_room(live_server: Any, title: str) -> tuple[dict[str, Any], Any, dict[str, Any], Any]:
    """A workshop collecting bottlenecks and solutions while dots are cast, as in a
    room where tallies come while cards do; its facilitator's and a neighbour's sockets."""
    links = live_server.create_workshop(title, phase="identify")
    boss = facilitator_socket(live_server, links)
    state = boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]
    change = {"id": state["phase_id"], "vote_on": "bottleneck", "allow_solutions": True}
    assert boss.call("phase:save", change)["ok"]
    sector = state["sectors"][0]
    neighbour = socket_client(
        live_server.url,
        join_session(live_server.url, links["code"], "Tetangga", sector["id"]),
        links["code"],
    )
    return links, boss, sector, neighbour


def test_a_new_card_and_a_tally_touch_only_their_own_card(live_server, browser: Browser):
    links, boss, sector, neighbour = busy_room(live_server, "Bimtek ruang ramai")
    posted = [
        post_through_socket(neighbour, sector["id"], f"Antrean KTP-el hari ke-{n}")["card"]["id"]
        for n in range(1, 6)
    ]
    phone = browser.new_context(**PHONE)
    try:
        page = phone.new_page()
        page.on("dialog", fail_on_dialog)
        join(page, links["join_url"], "Andi", "Disdukcapil", sector["name"])
        expect(page.locator("#cards article.card")).to_have_count(5)
        page.evaluate(WATCH)

        # A neighbour's card arrives: it appears on top, the five others stay as they were.
        new = post_through_socket(neighbour, sector["id"], "Blanko KTP-el habis sejak Oktober")
        first = page.locator("#cards article.card").first
        expect(first.locator(".card-text")).to_have_text("Blanko KTP-el habis sejak Oktober")
        expect(page.locator("#cards article.card")).to_have_count(6)
        assert page.evaluate(SAME_NODES) == []
        assert page.evaluate(TOUCHED, [new["card"]["id"]]) == []

        # A dot on the second card: its tally changes, and nothing else does.
        assert neighbour.call("vote:cast", {"card_id": posted[1]}, timeout=10)["ok"]
        tally = page.locator(f"#card-{posted[1]} .vote-tally")
        expect(tally).to_have_text("1 suara dari semua peserta")
        assert page.evaluate(SAME_NODES) == []
        touched = page.evaluate(TOUCHED, [posted[1]])
        assert touched == [], touched
    finally:
        phone.close()
        neighbour.disconnect()
        boss.disconnect()


def test_a_merge_and_its_undo_touch_only_the_cards_merged(live_server, browser: Browser):
    links, boss, sector, neighbour = busy_room(live_server, "Bimtek gabung kartu")
    first, second, third = (
        post_through_socket(neighbour, sector["id"], text)["card"]["id"]
        for text in ("Antrean KTP-el panjang", "Antri e-KTP berjam-jam", "Jalan desa rusak")
    )
    fix = "Nomor antrean lewat WhatsApp"
    solution = post_through_socket(neighbour, None, fix, kind="solution", parent_id=first)
    phone = browser.new_context(**PHONE)
    try:
        page = phone.new_page()
        page.on("dialog", fail_on_dialog)
        join(page, links["join_url"], "Andi", "Disdukcapil", sector["name"])
        expect(page.locator("#cards article.card")).to_have_count(3)
        expect(page.locator(f"#card-{first} .solution .card-text")).to_have_text(fix)
        page.evaluate(WATCH)
        concerned = [first, second, solution["card"]["id"]]

        # The facilitator merges the first card into the second: its solution moves along.
        assert boss.call("card:merge", {"source_id": first, "target_id": second})["ok"]
        expect(page.locator("#cards article.card")).to_have_count(2)
        expect(page.locator(f"#card-{second} .solution .card-text")).to_have_text(fix)
        assert page.evaluate(SAME_NODES) == [str(first)]
        assert page.evaluate(TOUCHED, concerned) == []

        # Undone: the first card is back with its solution, the third never touched.
        assert boss.call("card:unmerge", {"card_id": first})["ok"]
        expect(page.locator("#cards article.card")).to_have_count(3)
        expect(page.locator(f"#card-{first} .solution .card-text")).to_have_text(fix)
        expect(page.locator(f"#card-{second} .solution")).to_have_count(0)
        assert page.locator("#cards article.card").nth(2).get_attribute("data-card") == str(first)
        assert page.evaluate(TOUCHED, concerned) == []
        assert page.evaluate(f"window.__cards[{third}] === document.getElementById('card-{third}')")
    finally:
        phone.close()
        neighbour.disconnect()
        boss.disconnect()
