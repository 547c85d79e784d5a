"""Phone first: at 320 px every page fits without sideways scrolling, and every
control is a tap target of at least 44 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from .test_facilitation import join

SMALL = {
    "viewport": {"width": 320, "height": 640},
    "is_mobile": True,
    "has_touch": True,
    "locale": "id-ID",
}
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, a[href], input:not([type=hidden]), select, textarea, summary')]
  .filter(e => e.offsetParent !== null && !e.classList.contains('skip'))
  // A radio or checkbox is tapped through its label, which is the target.
  .map(e => (e.type === 'radio' || e.type === 'checkbox')
       ? (e.closest('label') || document.querySelector(`label[for="${e.id}"]`) || e) : e)
  .map(e => [e.tagName, (e.textContent || e.name || e.id || '').trim().slice(0, 30),
             e.getBoundingClientRect()])
  .filter(([, , r]) => r.width > 0 && (r.height < 43.5 || r.width < 43.5))
  .map(([tag, text, r]) => `${tag} ${text} ${Math.round(r.width)}x${Math.round(r.height)}`)"""


@pytest.fixture(scope="module")
def demo(live_server):
    return live_server.cli("demo", "--json")


def check_page(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 321
    assert page.evaluate(SMALL_TARGETS) == []


def test_join_and_board_fit_320_px_with_big_tap_targets(demo, browser: Browser, live_server):
    context = browser.new_context(**SMALL)
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
