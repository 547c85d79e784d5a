"""The pages follow the rules the server gives them (the page config, each
card's `actions`, the workshop's `open`, `rank_key`, `my_votes.capped`): the
facilitator's Moderate panel offers what a card's status allows, the
projector ranks in the server's order, a capped card takes no more dots, and
a locked timer closes posting on the phone when it runs out. And no page
throws a script error."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from .helpers import (
    LAPTOP,
    PHONE,
    card_menu,
    choose_phase,
    join,
    open_steering,
    show_tab,
    steer,
    watch_errors,
)


def moderate(steering: Page, text: str):
    """Open the Moderate panel of the card showing `text` (from the card's menu,
    in the card's dialog); returns the dialog."""
    dialog = steering.locator("#card-dialog")
    if dialog.is_visible():
        dialog.locator("[data-close]").click()
    card = steering.locator(".fac-card", has=steering.locator(".card-text", has_text=text)).first
    card_menu(steering, card).locator("[data-moderate]").click()
    expect(dialog.locator("details.fac-moderate")).to_be_visible()
    return dialog


def test_no_page_throws_a_script_error(live_server, browser: Browser):
    links = live_server.demo_workshop()
    errors: list[str] = []
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    try:
        steering = laptop.new_page()
        watch_errors(steering, errors)
        steering.goto(links["facilitator_url"])
        expect(steering.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
        menus = steering.locator(".fac-card [data-card-menu]")
        expect(menus.first).to_be_visible()
        for n in range(min(12, menus.count())):
            menus.nth(n).click()
            steering.locator("#card-menu [data-moderate]").click()
            expect(steering.locator("#card-dialog details.fac-moderate")).to_be_visible()
            steering.locator("#card-dialog [data-close]").click()
        steering.locator("#board-order").select_option("usg")
        steering.locator("#board-order").select_option("votes")
        projector = laptop.new_page()
        watch_errors(projector, errors)
        projector.goto(links["presenter_url"])
        expect(projector.locator(".board-column")).to_have_count(6)
        page = phone.new_page()
        watch_errors(page, errors)
        join(page, links["join_url"], "Andi", "Dinkes", "Kesehatan")
        expect(page.locator("#connection")).to_have_class(re.compile(r"\bonline\b"))
        expect(page.locator("article.card").first).to_be_visible()
        page.locator("#sector-tabs .tab").nth(1).click()
        expect(page.locator("#sector-tabs .tab").nth(1)).to_have_attribute("aria-pressed", "true")
        for n in range(7):
            name = steering.locator(".phase-button").nth(n).inner_text()
            choose_phase(steering, name)
            expect(page.locator("#phase-name")).to_have_text(name)
            expect(projector.locator("#phase-name")).to_have_text(name)
    finally:
        phone.close()
        laptop.close()
    assert errors == []


def test_moderation_follows_each_cards_actions_and_the_projector_ranks_by_the_server(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek moderasi", phase="identify")
    projector = None
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        expect(steering.locator(".phase-button[aria-current=step]")).to_contain_text("Identifikasi")
        show_tab(steering, "settings")
        steering.locator("#setting-approval_required").check()
        expect(steering.locator("#setting-approval_required")).to_be_checked()
        show_tab(steering, "boards")
        # The projector's own browser: on the facilitator's, it would stay steering.
        projector = browser.new_context(**LAPTOP).new_page()
        projector.goto(links["presenter_url"])
        health = projector.locator(
            ".board-column", has=projector.get_by_role("heading", name="Kesehatan")
        )
        page = phone.new_page()
        join(page, links["join_url"], "Andi", "Dinkes", "Kesehatan")
        for text in ("Obat sering kosong", "Antrean poli tiga jam"):
            page.locator("#post-text").fill(text)
            page.get_by_role("button", name="Kirim sumbatan").click()
            mine = page.locator("article.card", has_text=text)
            expect(mine.locator(".card-status")).to_have_text("Menunggu persetujuan fasilitator")
        expect(health.locator(".card")).to_have_count(0)

        # A pending card offers Approve, Hide and Delete, never Show or Restore.
        card = moderate(steering, "Obat sering kosong")
        actions = card.locator(".fac-status-actions button:visible")
        expect(actions).to_have_count(3)
        expect(card.locator("[data-action=show]")).to_be_hidden()
        card.locator("[data-action=approve]").click()
        expect(card.locator("[data-action=approve]")).to_be_hidden()
        expect(health.locator(".card-text")).to_have_text(["Obat sering kosong"])
        expect(page.locator("article.card", has_text="Obat sering kosong")).not_to_have_class(
            re.compile(r"\bawaiting\b")
        )
        other = moderate(steering, "Antrean poli tiga jam")
        other.locator("[data-action=approve]").click()
        expect(health.locator(".card")).to_have_count(2)

        # Scores chosen in the USG grid; the projector ranks by the server's key.
        steering.locator("#card-dialog [data-close]").click()
        show_tab(steering, "scoring")
        for text, (u, s, g) in (("Obat sering kosong", (3, 3, 3)), ("Antrean poli", (5, 4, 3))):
            row = steering.locator("#scoring-rows tr[data-card]", has_text=text)
            row.locator("[data-score=u]").select_option(str(u))
            row.locator("[data-score=s]").select_option(str(s))
            row.locator("[data-score=g]").select_option(str(g))
            card = steering.locator(".fac-card", has=steering.locator(".card-text", has_text=text))
            expect(card.locator(".card-usg").first).to_have_text(str(u + s + g))
        show_tab(steering, "boards")
        choose_phase(steering, "Prioritas")
        # Prioritising puts the results view up: the sector's top in the server's order.
        results = projector.locator(".result-sector", has_text="Kesehatan")
        expect(results.locator(".result-text")).to_have_text(
            ["Antrean poli tiga jam", "Obat sering kosong"]
        )
        projector.keyboard.press("r")  # back to the boards and their rankings
        ranking = health.locator(".rank-item")
        expect(ranking.locator(".rank-text")).to_have_text(
            ["Antrean poli tiga jam", "Obat sering kosong"]
        )
        expect(ranking.locator(".rank-no")).to_have_text(["1", "2"])

        # Hidden: off the projector's ranking; the panel now offers Show.
        card = moderate(steering, "Antrean poli tiga jam")
        card.locator("[data-action=hide]").click()
        expect(card.locator("[data-action=show]")).to_be_visible()
        expect(card.locator("[data-action=hide]")).to_be_hidden()
        expect(ranking.locator(".rank-text")).to_have_text(["Obat sering kosong"])
        expect(ranking.locator(".rank-no")).to_have_text(["1"])
    finally:
        if projector is not None:
            projector.context.close()
        phone.close()
        laptop.close()


def test_a_capped_card_takes_no_more_dots_and_a_locked_timer_closes_posting(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek batas", phase="identify")
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    phone.clock.install()  # the timer runs out on the phone's clock, moved on below
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        show_tab(steering, "settings")
        steering.locator("#vote-budget").fill("3")
        steering.locator("#vote-cap").fill("1")
        steering.locator("#votes-form button[type=submit]").click()
        expect(steering.locator("#settings-error")).to_have_text("Tersimpan.")
        page = phone.new_page()
        join(page, links["join_url"], "Citra", "Puskesmas", "Kesehatan")
        for text in ("Kartu pertama", "Kartu kedua"):
            page.locator("#post-text").fill(text)
            page.get_by_role("button", name="Kirim sumbatan").click()
        expect(page.locator("article.card:not(.pending)")).to_have_count(2)

        choose_phase(steering, "Voting")
        first = page.locator("article.card", has_text="Kartu pertama")
        second = page.locator("article.card", has_text="Kartu kedua")
        first.locator(".vote-add").click()
        expect(first.locator(".my-votes-count")).to_have_text("1")
        expect(first.locator(".vote-add")).to_be_disabled()  # at the cap, with dots left
        expect(second.locator(".vote-add")).to_be_enabled()
        expect(page.locator("#votes-left")).to_contain_text("2")

        # A timer with its lock: when it runs out, posting closes on the phone.
        choose_phase(steering, "Identifikasi sumbatan")
        expect(page.locator("#post-form button[type=submit]")).to_be_enabled()
        assert steer(steering, "timer:start", {"seconds": 2, "lock": True})["ok"]
        expect(page.locator("#phase-timer")).to_have_text(re.compile(r"^0:0[0-2]$"))
        page.clock.fast_forward(3000)
        expect(page.locator("#phase-closed")).to_have_text("Waktu habis: pengiriman ditutup.")
        expect(page.locator("#post-form button[type=submit]")).to_be_disabled()
        expect(page.locator(".propose:visible")).to_have_count(0)
    finally:
        phone.close()
        laptop.close()
