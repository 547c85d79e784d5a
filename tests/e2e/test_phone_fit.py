"""Phone first: at 320 px every page fits without sideways scrolling, and every
control is a tap target of at least 44 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from .helpers import SMALL_PHONE, SMALL_TARGETS, join


@pytest.fixture(scope="module")
def demo(live_server):
    return live_server.demo_workshop()


def check_page(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 321
    assert page.evaluate(SMALL_TARGETS) == []


def test_join_and_board_fit_320_px_with_big_tap_targets(demo, browser: Browser, live_server):
    context = browser.new_context(**SMALL_PHONE)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        check_page(page)
        page.goto(demo["join_url"])
        check_page(page)
        join(page, demo["join_url"], "Andi", "Dinkes", "Kesehatan")
        expect(page.locator("#connection")).to_have_class(re.compile(r"\bonline\b"))
        check_page(page)
    finally:
        context.close()
