"""Similar cards in the browser: a phone typing a near-duplicate is offered the
card already on its board and supports it with one tap instead of posting it
again (the offer sits between the text box and the send button); the facilitator accepts a suggested
merge and undoes it. Buttons whose labels are new are found by class, so that
the test does not wait on the catalogue. The server matches in its child
process, as in production (`similar_server`)."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from .helpers import (
    LAPTOP,
    PHONE,
    card_menu,
    fail_on_dialog,
    join,
    show_tab,
    steer,
    watch_errors,
)

SECTOR = "Administrasi Kependudukan"
EXISTING = "Antrean perekaman KTP-el di Disdukcapil sampai 3 jam"
TYPED = "antri e-KTP berjam-jam di dukcapil"
TWIN = "Antrian rekam KTP-el di Dukcapil 3 jam lebih"


def board_of(steering: Page, name: str) -> int:
    column = steering.locator(".board-column", has=steering.get_by_role("heading", name=name))
    return int(column.get_attribute("data-sector"))


def enter(steering: Page, sector: int, client_id: str, text: str) -> int:
    """A paper card typed in by the facilitator; returns its id."""
    payload = {"client_id": client_id, "kind": "bottleneck", "sector_id": sector, "text": text}
    reply = steer(steering, "card:enter", payload)
    assert reply["ok"], reply
    return reply["card"]["id"]


def watched_steering(laptop, url: str, errors: list[str]) -> Page:
    """The facilitator's page, its script errors collected from the start."""
    steering = laptop.new_page()
    steering.on("dialog", fail_on_dialog)
    watch_errors(steering, errors)
    steering.goto(url)
    expect(steering.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
    return steering


def test_a_phone_typing_a_near_duplicate_supports_the_existing_card_with_one_tap(
    similar_server, browser: Browser
):
    links = similar_server.create_workshop("Bimtek kartu serupa", phase="identify")
    errors: list[str] = []
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    try:
        steering = watched_steering(laptop, links["facilitator_url"], errors)
        current = steering.locator(".phase-button[aria-current=step]")
        phase = int(current.get_attribute("data-phase"))
        # This session collects bottlenecks and takes dots on them in one phase.
        assert steer(steering, "phase:save", {"id": phase, "vote_on": "bottleneck"})["ok"]
        sector = board_of(steering, SECTOR)
        existing = enter(steering, sector, "similar-e2e-0001", EXISTING)

        page = phone.new_page()
        page.on("dialog", fail_on_dialog)
        watch_errors(page, errors)
        join(page, links["join_url"], "Andi", "Kecamatan Somba Opu", SECTOR)
        card = page.locator(f'article.card[data-card="{existing}"]')
        expect(card.locator(".card-text")).to_have_text(EXISTING)
        send = page.locator("#post-form button[type=submit]")

        page.locator("#post-text").fill(TYPED)
        offer = page.locator("#post-form .similar-offer")
        expect(offer.locator(".similar-item").first.locator(".similar-text")).to_have_text(EXISTING)
        assert offer.locator(".similar-item").count() <= 3
        # Under the text box, before the send button (issue 26: above the keyboard).
        before_send = "(o, s) => !!(o.compareDocumentPosition(s) & 4)"
        assert offer.evaluate(before_send, send.element_handle())
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        support = offer.locator(".similar-item").first.locator("button.similar-support")
        assert support.bounding_box()["height"] >= 43.5

        support.tap()
        expect(card.locator(".my-votes-count")).to_have_text("1")
        expect(page.locator("#post-text")).to_have_value("")
        expect(offer.locator(".similar-list")).to_be_hidden()
        expect(page.locator("article.card")).to_have_count(1)  # nothing new was posted
        steering_card = steering.locator(f'li.fac-card[data-card="{existing}"]')
        expect(steering_card.locator(".card-votes")).to_have_text("1")

        # Without dots to give, the offer shows the card; posting anyway still works.
        assert steer(steering, "phase:save", {"id": phase, "vote_on": None})["ok"]
        expect(card.locator(".vote-row")).to_be_hidden()
        page.locator("#post-text").fill(TYPED + " setiap hari")
        view = offer.locator("button.similar-view").first
        expect(view).to_be_visible()
        view.tap()
        expect(card).to_have_class(re.compile(r"\bsimilar-flash\b"))
        send.tap()
        expect(page.locator("article.card:not(.pending)")).to_have_count(2)
        expect(offer).to_be_hidden()
    finally:
        phone.close()
        laptop.close()
    assert errors == []


def test_the_facilitator_accepts_a_suggested_merge_and_undoes_it(similar_server, browser: Browser):
    links = similar_server.create_workshop("Bimtek saran gabung")
    errors: list[str] = []
    laptop = browser.new_context(**LAPTOP)
    try:
        steering = watched_steering(laptop, links["facilitator_url"], errors)
        sector = board_of(steering, SECTOR)
        older = enter(steering, sector, "similar-e2e-0101", EXISTING)
        newer = enter(steering, sector, "similar-e2e-0102", TWIN)

        # Asked again a little after the cards arrive; nothing is merged by itself.
        show_tab(steering, "suggestions")
        panel = steering.locator(f'.fac-suggest-board[data-sector="{sector}"]')
        merge = panel.locator(".fac-suggest-merge")
        expect(merge).to_have_count(1, timeout=8000)
        expect(merge.locator(".card-text")).to_have_text([TWIN, EXISTING])
        newer_card = steering.locator(f'li.fac-card[data-card="{newer}"]')
        expect(newer_card).to_have_class(re.compile(r"\bstatus-visible\b"))

        merge.get_by_role("button", name="Gabungkan").click()
        expect(newer_card).to_have_class(re.compile(r"\bstatus-merged\b"))
        expect(merge).to_have_count(0)
        undo = panel.locator(".fac-undo button")
        expect(undo).to_be_visible()
        undo.click()
        expect(newer_card).to_have_class(re.compile(r"\bstatus-visible\b"))
        expect(undo).to_be_hidden()
        # Undone, it is offered again.
        expect(merge).to_have_count(1, timeout=8000)

        # Merged once more, the card's own Moderate panel splits it again.
        merge.get_by_role("button", name="Gabungkan").click()
        expect(newer_card).to_have_class(re.compile(r"\bstatus-merged\b"))
        show_tab(steering, "boards")
        column = steering.locator(f'.board-column[data-sector="{sector}"]')
        column.locator("details.fac-removed > summary").click()
        split = card_menu(steering, newer_card).locator('[data-action="unmerge"]')
        expect(split).to_be_visible()
        split.click()
        expect(newer_card).to_have_class(re.compile(r"\bstatus-visible\b"))
        older_card = steering.locator(f'li.fac-card[data-card="{older}"]')
        menu = card_menu(steering, older_card)
        expect(menu.locator("[data-action]").first).to_be_visible()
        expect(menu.locator('[data-action="unmerge"]')).to_have_count(0)
    finally:
        laptop.close()
    assert errors == []
