"""The projector at the size of a real room (issue 24), at 1280 x 720 and
1024 x 768: the join QR fills the opening and comes up when the laptop shows
it, the operator's buttons are not drawn for the room, pages turn in full
cycles with their headings, the results fill the screen, root causes stay in
sight, counts say what they count, and a change redraws only what changed.

Timers run on Playwright's clock (`tick`, `hold`): no test waits for the wall
clock."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .helpers import LAPTOP, facilitator_socket, hold, open_steering

SIZES = [(1280, 720), (1024, 768)]
IDS = [f"{w}x{h}" for w, h in SIZES]
FAST = '{"pageSeconds": 2, "seconds": 2}'


def projector(browser: Browser, size: tuple[int, int], url: str, prefs: str = FAST) -> Page:
    """The projector's page, on a fake clock that runs on its own until held."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="id-ID")
    context.clock.install()
    page = context.new_page()
    page.add_init_script(f"localStorage.setItem('urai:projector', '{prefs}')")
    page.goto(url)
    return page


def steer(live_server, links) -> Any:
    return facilitator_socket(live_server, links)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_opening_shows_the_join_qr_large(live_server, browser: Browser, size):
    links = live_server.create_workshop("Bimtek buka")
    page = projector(browser, size, links["presenter_url"])
    try:
        expect(page.locator("#phase-name")).to_have_text("Pembukaan")
        qr = page.locator(".join-strip .qr").bounding_box()
        assert qr["height"] >= 0.45 * size[1], f"the QR is {qr['height']} px of {size[1]}"
        assert qr["y"] + qr["height"] <= size[1]
        code = page.locator(".join-strip .join-code")
        assert code.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 64
        url = page.locator(".join-strip .join-url")
        assert url.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 20
        box = url.bounding_box()
        assert box["x"] + box["width"] <= size[0]
        assert page.evaluate("document.documentElement.scrollHeight") <= size[1] + 1
    finally:
        page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_show_qr_on_the_laptop_brings_it_up_on_the_projector(live_server, browser: Browser, size):
    links = live_server.create_workshop("Bimtek QR", phase="identify")
    page = projector(browser, size, links["presenter_url"])
    laptop = browser.new_context(**LAPTOP)
    try:
        expect(page.locator("#phase-name")).to_have_text("Identifikasi sumbatan")
        expect(page.locator(".join-strip .qr")).to_be_hidden()
        steering = open_steering(laptop, links["facilitator_url"])
        steering.locator("#bar-qr").click()
        qr = page.locator(".join-strip .qr")
        expect(qr).to_be_visible()
        assert qr.bounding_box()["height"] >= 0.45 * size[1]
        # A projector that reloads shows it too.
        page.reload()
        expect(page.locator("#phase-name")).to_have_text("Identifikasi sumbatan")
        expect(qr).to_be_visible()
        steering.locator("#bar-qr-close").click()
        expect(qr).to_be_hidden()
        steering.locator("#bar-qr").click()
        expect(qr).to_be_visible()
        # The next phase folds it again.
        steering.locator("#bar-next").click()
        expect(page.locator("#phase-name")).not_to_have_text("Identifikasi sumbatan")
        expect(qr).to_be_hidden()
    finally:
        laptop.close()
        page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_operator_buttons_show_only_while_the_mouse_moves(live_server, browser: Browser, size):
    links = live_server.create_workshop("Bimtek tombol", phase="identify")
    page = projector(browser, size, links["presenter_url"])
    try:
        expect(page.locator("#phase-name")).to_have_text("Identifikasi sumbatan")
        buttons = page.locator(".stage-buttons")
        opacity = "e => getComputedStyle(e).opacity"
        expect(buttons).to_have_css("opacity", "0")
        hold(page)
        page.mouse.move(size[0] / 2, size[1] / 2)
        page.mouse.move(size[0] / 2 + 10, size[1] / 2 + 5)
        expect(buttons).to_have_css("opacity", "1")
        page.clock.run_for(2000)
        assert buttons.evaluate(opacity) == "1", "still there two seconds on"
        page.clock.run_for(2000)
        expect(buttons).to_have_css("opacity", "0")
        # A click still works: the pointer brings them up on its way.
        page.clock.resume()
        page.get_by_role("button", name="Tema gelap").click()
        expect(page.locator("body")).to_have_class(re.compile(r"\btheme-dark\b"))
    finally:
        page.context.close()
