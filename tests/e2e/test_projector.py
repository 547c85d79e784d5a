"""The projector, read from the back of a hall: large type, a big join QR code,
light and dark themes, and sectors side by side or rotating on their own."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from .helpers import LAPTOP, tick


def luminance(rgb: str) -> float:
    r, g, b = (int(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_projector_is_readable_and_can_rotate_and_go_dark(live_server, browser: Browser):
    links = live_server.demo_workshop()
    context = browser.new_context(**LAPTOP)  # a projector at the laptop's 1366 x 768
    # The boards rotate on the page's clock, which the test moves on (below).
    context.clock.install()
    try:
        page = context.new_page()
        page.goto(links["presenter_url"])
        expect(page.locator(".board-column")).to_have_count(6)
        # The demo is prioritising: the results view is up and the join strip folded.
        expect(page.locator("#results")).to_be_visible()
        page.keyboard.press("r")
        page.keyboard.press("j")
        card_px = page.locator(".board-column .rank-text, .board-column .card-text").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        assert card_px >= 20, "card text readable from the back rows"
        code_px = page.locator(".join-strip .join-code").evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        assert code_px >= 48
        assert page.locator(".join-strip .qr").bounding_box()["width"] >= 140
        page.locator(".qr-link").click()
        big = page.locator("#join-big img").bounding_box()
        assert big["height"] >= 0.6 * 768, "the full-screen QR code fills the screen"
        page.get_by_role("link", name="Kembali ke papan").click()

        light = luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        page.get_by_role("button", name="Tema gelap").click()
        dark = luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        assert light > 200 > 60 > dark
        page.reload()
        expect(page.locator("body")).to_have_class("presenter-page theme-dark")

        prefs = '{"dark": true, "rotate": true, "seconds": 1, "pageSeconds": 1}'
        page.evaluate(f"localStorage.setItem('urai:projector', '{prefs}')")
        page.reload()
        expect(page.locator("#results")).to_be_visible()
        page.keyboard.press("r")
        expect(page.locator(".board-column:visible")).to_have_count(1)
        shown = page.locator(".board-column:visible h2")
        first = shown.inner_text()
        # A board's pages, a second each, then the next board.
        tick(page, lambda: shown.inner_text() != first, 15)
        page.get_by_role("button", name="Satu sektor bergantian").click()
        # Six boards do not fit 1366 px at a readable width: two groups of three take turns.
        expect(page.locator(".board-column:visible")).to_have_count(3)
    finally:
        context.close()
