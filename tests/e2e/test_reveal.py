"""A reveal in the browser: the facilitator lifts concealment and the other
phone and the projector show the hidden cards at once, without asking the
server for a snapshot (the cards come once per board, as `board.shown`)."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from .helpers import LAPTOP, PHONE, open_steering, show_tab


def join(page: Page, url: str, name: str) -> None:
    page.goto(url)
    page.get_by_label("Nama").fill(name)
    page.get_by_label("Instansi (OPD)").fill("Dinas Kependudukan dan Pencatatan Sipil")
    page.get_by_label("Administrasi Kependudukan").check()
    page.get_by_role("button", name="Gabung").click()
    expect(page).to_have_url(re.compile(r"/board$"))
    expect(page.locator("#connection")).to_have_text("Terhubung")


def sent_syncs(page: Page) -> list[str]:
    """Every `sync` the page's socket sends from now on."""
    frames: list[str] = []

    def watch(ws):
        ws.on(
            "framesent",
            lambda payload: (
                frames.append(payload) if isinstance(payload, str) and '"sync"' in payload else None
            ),
        )

    page.on("websocket", watch)
    return frames


def test_lifting_concealment_shows_the_cards_on_every_screen_without_a_snapshot(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek Adminduk", phase="identify")
    laptop = browser.new_context(**LAPTOP)
    # The projector is another browser: the facilitator's cookie would make it steering.
    wall = browser.new_context(**LAPTOP)
    phones = [browser.new_context(**PHONE) for _ in range(2)]
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        show_tab(steering, "settings")
        steering.locator("#setting-concealed").check()
        expect(steering.locator("#setting-concealed")).to_be_checked()

        projector = wall.new_page()
        projector.goto(links["presenter_url"])
        author, other = (context.new_page() for context in phones)
        syncs = sent_syncs(other)
        projector_syncs = sent_syncs(projector)
        join(author, links["join_url"], "Sari Wulandari")
        join(other, links["join_url"], "Budi Santoso")

        text = "Blanko KTP-el sering habis di kecamatan"
        author.locator("#post-text").fill(text)
        author.get_by_role("button", name="Kirim sumbatan").click()
        expect(author.locator("article.card:not(.pending) .card-text")).to_have_text(text)
        # A timer started after the post reaches every phone behind it: once the
        # other phone shows it, the card would have come before it.
        steering.locator("#timer-minutes").fill("5")
        steering.locator("#timer-start").click()
        expect(other.locator("#phase-timer")).to_be_visible()
        expect(other.locator("article.card")).to_have_count(0)
        expect(projector.locator(".card > .card-text")).to_have_count(0)
        other.evaluate("window.__notReloaded = true")
        before, projector_before = len(syncs), len(projector_syncs)

        steering.locator("#setting-concealed").uncheck()
        expect(other.locator("article.card .card-text")).to_have_text(text, timeout=3000)
        expect(projector.locator(".card > .card-text")).to_have_text(text, timeout=3000)
        assert len(syncs) == before, syncs[before:]
        assert len(projector_syncs) == projector_before, projector_syncs[projector_before:]
        assert other.evaluate("window.__notReloaded") is True

        # Hidden again: the card leaves the other phone, stays on its author's.
        steering.locator("#setting-concealed").check()
        expect(other.locator("article.card")).to_have_count(0, timeout=3000)
        expect(author.locator("article.card .card-text")).to_have_text(text)
    finally:
        laptop.close()
        wall.close()
        for context in phones:
            context.close()
