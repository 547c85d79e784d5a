"""The printable report in Chromium: table headers wrap between words only, so
"No." never becomes "No / ." or "N / o.", and no word of a header is split."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

BROKEN_HEADERS = """() => [...document.querySelectorAll('th')].filter(th => {
  // A header broken inside a word has more lines than words.
  const range = document.createRange();
  range.selectNodeContents(th);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  const words = th.textContent.trim().split(/\\s+/).length;
  return lines.size > words;
}).map(th => th.textContent.trim())"""


@pytest.fixture(scope="module")
def demo(live_server):
    return live_server.demo_workshop()


@pytest.mark.e2e
@pytest.mark.parametrize("width", [360, 800, 1280])
def test_report_headers_wrap_between_words_only(browser: Browser, live_server, demo, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.goto(demo["facilitator_url"])
    page.goto(f"{live_server.url}/w/{demo['code']}/export/html")
    assert page.locator("th").count() > 10
    assert page.evaluate(BROKEN_HEADERS) == []
    first = page.locator("th", has_text="No.").first
    assert first.evaluate("th => th.getClientRects().length") == 1
    context.close()
