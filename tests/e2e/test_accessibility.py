"""axe-core (from npm) on every page in Chromium: no serious or critical
violation; text scales to 200% without loss; the facilitator page works with
the keyboard alone; new cards are announced through a live region."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, expect

from .helpers import LAPTOP, PHONE, join, violations


@pytest.fixture(scope="module")
def session(live_server, browser: Browser):
    links = live_server.demo_workshop()
    # The test injects axe into the page, which the pages' own CSP forbids.
    laptop = browser.new_context(**LAPTOP, bypass_csp=True)
    phone = browser.new_context(**PHONE, bypass_csp=True)
    yield links, laptop, phone
    phone.close()
    laptop.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_serious_accessibility_violation_on_any_page(session, live_server, lang):
    links, laptop, _phone = session
    found = {}
    # A phone of its own per language, so each joins afresh.
    phone = laptop.browser.new_context(**PHONE, bypass_csp=True)
    mobile = phone.new_page()
    for name, url in (
        ("home", f"{live_server.url}/"),
        ("join", links["join_url"]),
        ("new", f"{live_server.url}/new"),
    ):
        mobile.goto(f"{url}?lang={lang}")
        found[name] = violations(mobile)
    if lang == "id":
        join(mobile, links["join_url"], "Andi", "Dinkes", "Kesehatan")
    else:
        mobile.goto(links["join_url"])
        mobile.get_by_label("Name").fill("Andi")
        mobile.get_by_label("Agency (OPD)").fill("Dinkes")
        mobile.get_by_label("Kesehatan").check()  # sector names are the workshop's
        mobile.get_by_role("button", name="Join").click()
    expect(mobile.locator("#connection")).to_have_class(re.compile(r"\bonline\b"))
    found["board"] = violations(mobile)
    laptop_page = laptop.new_page()
    laptop_page.goto(f"{links['facilitator_url']}?lang={lang}")
    expect(laptop_page.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
    found["facilitator"] = violations(laptop_page)
    code = links["code"]
    for name, path in (("presenter", f"/w/{code}/present"), ("report", f"/w/{code}/export/html")):
        laptop_page.goto(f"{live_server.url}{path}?lang={lang}")
        laptop_page.wait_for_load_state("networkidle")
        found[name] = violations(laptop_page)
    phone.close()
    assert {page: v for page, v in found.items() if v} == {}, json.dumps(found, indent=1)


def test_text_scales_to_200_percent_on_a_phone_without_sideways_scrolling(session, live_server):
    links, _laptop, phone = session
    page = phone.new_page()
    page.goto(links["join_url"])
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    for selector in ("h1", "label", "button[type=submit]"):
        expect(page.locator(selector).first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 1, "no content pushed off the side of the screen"


def test_the_facilitator_steers_with_the_keyboard_alone(session, live_server):
    links = session[0]
    laptop = session[1]
    page = laptop.new_page()
    page.goto(links["facilitator_url"])
    expect(page.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
    current = page.locator(".phase-button[aria-current=step]").inner_text()
    page.locator("#phase-next").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".phase-button[aria-current=step]")).not_to_have_text(current)
    # Tab reaches the timer and starts it with the keyboard.
    page.locator("#timer-minutes").focus()
    page.keyboard.press("Tab")
    for _ in range(5):
        if page.evaluate("document.activeElement.id") == "timer-start":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "timer-start"
    page.keyboard.press("Enter")
    expect(page.locator("#timer-display")).to_have_text(re.compile(r"^\d+:\d\d$"))
    # Every interactive element shows where the keyboard is.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_new_cards_are_announced_to_screen_readers(session, live_server):
    links, laptop, phone = session
    reader = phone.new_page()
    join(reader, links["join_url"], "Pembaca", "Dinkes", "Kesehatan")
    announcer = reader.locator("#announcer[aria-live=polite]")
    expect(announcer).to_have_count(1)
    steering = laptop.new_page()
    steering.goto(links["facilitator_url"])
    board = steering.locator(".board-column", has=steering.get_by_role("heading", name="Kesehatan"))
    sector = int(board.get_attribute("data-sector"))
    reply = steering.evaluate(
        """([code, sector]) => new Promise(done => io({auth: {workshop: code}}).timeout(5000)
             .emit('card:enter', {client_id: 'announce-0001', kind: 'bottleneck',
                                   sector_id: sector, text: 'Kartu yang diumumkan'},
                   (e, a) => done(a || {ok: false})))""",
        [links["code"], sector],
    )
    assert reply["ok"], reply
    expect(announcer).to_contain_text("Kartu yang diumumkan")
