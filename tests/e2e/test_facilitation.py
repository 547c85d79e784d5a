"""The facilitator steers from the laptop: phones follow the phase and the
timer; votes placed on phones appear on the projector's chart."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from .helpers import LAPTOP, PHONE, choose_phase, fail_on_dialog, join


def test_phase_timer_and_votes_reach_phones_and_projector(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek fasilitasi")
    laptop = browser.new_context(**LAPTOP)
    phones = [browser.new_context(**PHONE) for _ in range(2)]
    try:
        steering = laptop.new_page()
        steering.on("dialog", fail_on_dialog)
        steering.goto(links["facilitator_url"])
        projector = laptop.new_page()
        projector.goto(links["presenter_url"])
        first, second = (context.new_page() for context in phones)
        for page in (first, second):
            page.on("dialog", fail_on_dialog)
        join(first, links["join_url"], "Andi", "Disdukcapil", "Administrasi Kependudukan")
        join(second, links["join_url"], "Budi", "Kecamatan Somba Opu", "Administrasi Kependudukan")
        expect(first.locator("#phase-name")).to_have_text("Pembukaan")
        expect(first.locator("#post-form button[type=submit]")).to_be_disabled()

        # Phase change on the laptop: phones open the bottleneck form at once.
        expect(steering.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
        steering.locator("#phase-next").click()
        expect(first.locator("#phase-name")).to_have_text("Identifikasi sumbatan")
        expect(projector.locator("#phase-name")).to_have_text("Identifikasi sumbatan")
        for n, page in enumerate((first, second, first)):
            page.locator("#post-text").fill(f"Antrean KTP-el nomor {n}")
            page.get_by_role("button", name="Kirim sumbatan").click()
        # Six boards take turns in groups of three at 1366 px: this one may be off stage.
        board = projector.locator(
            ".board-column", has=projector.locator("h2", has_text="Administrasi Kependudukan")
        )
        expect(board.locator(".count-cards")).to_have_text("3 kartu")

        # A running timer, kept by the server: the phone counts down, and after
        # a reload it shows the same time again.
        steering.locator("#timer-minutes").fill("5")
        steering.locator("#timer-start").click()
        expect(first.locator("#phase-timer")).to_have_text(re.compile(r"^(5:00|4:5\d)$"))
        expect(projector.locator("#timer")).to_have_text(re.compile(r"^(5:00|4:5\d)$"))
        first.reload()
        expect(first.locator("#phase-timer")).to_have_text(re.compile(r"^(5:00|4:5\d)$"))

        # Voting: each phone places dots; the projector's chart shows the tallies.
        choose_phase(steering, "Voting")
        expect(first.locator("#phase-name")).to_have_text("Voting")
        cards = first.locator("article.card:not(.pending)")
        expect(cards).to_have_count(3)
        target = cards.filter(has_text="nomor 1")
        target_id = target.get_attribute("data-card")
        target.locator(".vote-add").click()
        expect(target.locator(".my-votes-count")).to_have_text("1")
        target.locator(".vote-add").click()
        expect(target.locator(".my-votes-count")).to_have_text("2")
        expect(first.locator("#votes-left")).to_contain_text("1")
        other = second.locator(f'article.card[data-card="{target_id}"]')
        other.locator(".vote-add").click()
        expect(other.locator(".my-votes-count")).to_have_text("1")

        bar = projector.locator(f'.vote-item[data-card="{target_id}"]')
        expect(bar.locator(".vote-count")).to_have_text("3")
        expect(bar.locator(".vote-bar")).to_have_attribute("value", "3")
        # Taking a dot back shows on the chart too.
        other.locator(".vote-remove").click()
        expect(bar.locator(".vote-count")).to_have_text("2")
    finally:
        for context in (*phones, laptop):
            context.close()
