"""Issue 26, point 4: a phone whose keyboard leaves it 360 x 360 pixels starts
typing what is already on the board; the similar card is offered right under
the text box, in view while the text box has the focus, in at least two lines;
one tap supports it (a "+1" outside voting) instead of posting a duplicate: the
draft is cleared, the phone says what happened, no card is added, and the
facilitator sees the card's support rise. One tap posts anyway."""

from __future__ import annotations

from playwright.sync_api import Browser, Locator, Page, expect

from .helpers import LAPTOP, PHONE, fail_on_dialog, join, open_steering, steer, watch_errors

SECTOR = "Administrasi Kependudukan"
EXISTING = (
    "Antrean perekaman KTP-el di kantor Disdukcapil sampai 3 jam, warga datang sejak subuh "
    "dan sering disuruh kembali besok karena blangko habis"
)
TYPED = "antri rekam e-KTP di dukcapil berjam-jam, blangko habis"
# The phone with its on-screen keyboard up: 360 x 360 pixels left for the page.
KEYBOARD_UP = {**PHONE, "viewport": {"width": 360, "height": 360}}


def in_view(page: Page, node: Locator) -> bool:
    box = node.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def lines_shown(node: Locator) -> float:
    """How many lines of text the element shows (its height over its line height)."""
    ratio = "e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)"
    return float(node.evaluate(ratio))


def test_a_phone_supports_the_existing_card_instead_of_posting_it_again(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek dukungan", phase="identify")
    errors: list[str] = []
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**KEYBOARD_UP)
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        watch_errors(steering, errors)
        column = steering.locator(".board-column", has=steering.get_by_role("heading", name=SECTOR))
        sector = int(column.get_attribute("data-sector"))
        payload = {"client_id": "support-e2e-1", "kind": "bottleneck", "sector_id": sector}
        reply = steer(steering, "card:enter", {**payload, "text": EXISTING})
        assert reply["ok"], reply
        existing = reply["card"]["id"]
        on_laptop = steering.locator(f'li.fac-card[data-card="{existing}"]')
        expect(on_laptop).to_be_visible()
        expect(on_laptop.locator(".card-supports")).to_have_count(0)

        page = phone.new_page()
        page.on("dialog", fail_on_dialog)
        watch_errors(page, errors)
        join(page, links["join_url"], "Andi", "Kecamatan Somba Opu", SECTOR)
        expect(page.locator(f'article.card[data-card="{existing}"]')).to_be_visible()

        area = page.locator("#post-text")
        area.tap()
        area.press_sequentially(TYPED[:25])
        area.press_sequentially(TYPED[25:])
        offer = page.locator("#post-form .similar-offer")
        first = offer.locator(".similar-item").first
        expect(first.locator(".similar-text")).to_have_text(EXISTING)
        support = first.locator("button.similar-support")
        expect(support).to_be_visible()
        # Between the text box and the send button, and in view with the keyboard up.
        assert page.evaluate("document.activeElement.id") == "post-text"
        order = page.evaluate(
            """() => { const o = document.querySelector('#post-form .similar-offer');
                 const a = document.getElementById('post-text');
                 const s = document.querySelector('#post-form button[type=submit]');
                 return [a.compareDocumentPosition(o) & 4, o.compareDocumentPosition(s) & 4]; }"""
        )
        assert order == [4, 4], "text box, then the offer, then the send button"
        assert in_view(page, support), support.bounding_box()
        assert in_view(page, first.locator(".similar-text"))
        assert lines_shown(first.locator(".similar-text")) >= 1.95, "two lines at least"
        assert in_view(page, offer.locator("button.similar-post-anyway"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert support.bounding_box()["height"] >= 43.5

        support.tap()
        expect(area).to_have_value("")
        expect(offer.locator(".similar-note")).to_have_text(
            "Dukungan Anda ditambahkan ke kartu yang sudah ada; tidak ada kartu baru yang dikirim."
        )
        expect(page.locator("article.card")).to_have_count(1)  # nothing new was posted
        expect(on_laptop.locator(".card-supports")).to_have_text("+1")
        cards = steer(steering, "sync", {})["snapshot"]["cards"]
        assert [(c["id"], c["supports"]) for c in cards] == [(existing, 1)]

        # Typed again: the card is not offered for a second support; posting anyway is one tap.
        area.tap()
        area.press_sequentially(TYPED + " lagi")
        expect(first.locator("button.similar-view")).to_be_visible()
        expect(first.locator("button.similar-support")).to_have_count(0)
        offer.locator("button.similar-post-anyway").tap()
        expect(page.locator("article.card")).to_have_count(2)
        expect(steering.locator("li.fac-card")).to_have_count(2)
    finally:
        phone.close()
        laptop.close()
    assert errors == []
