"""What the end-to-end tests share: the devices they open pages on, and the
steps many of them take (joining from a phone, opening the facilitator's page,
choosing a phase, sending a steering event, running axe-core). Test modules
import from here, never from each other."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import socketio
from playwright.sync_api import Browser, BrowserContext, Dialog, Error, Locator, Page, expect

from tests.live import LiveServer, key_session, socket_client

# A mid-range Android phone, a 360 x 640 one, the smallest (320 px), in Indonesian.
PHONE: dict[str, Any] = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "id-ID",
}
SHORT_PHONE: dict[str, Any] = {**PHONE, "viewport": {"width": 360, "height": 640}}
SMALL_PHONE: dict[str, Any] = {
    "viewport": {"width": 320, "height": 640},
    "is_mobile": True,
    "has_touch": True,
    "locale": "id-ID",
}
# The facilitator's laptop; a projector at the laptop's size, and at 1280 x 720.
LAPTOP: dict[str, Any] = {"viewport": {"width": 1366, "height": 768}, "locale": "id-ID"}
PROJECTOR: dict[str, Any] = {"viewport": {"width": 1280, "height": 720}, "locale": "id-ID"}

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Controls smaller than a thumb (44 px), found in the page.
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

CODE = "JSON.parse(document.getElementById('page-config').textContent).code"


def fail_on_dialog(dialog: Dialog) -> None:
    raise AssertionError(f"a dialog opened: {dialog.message}")


def watch_errors(page: Page, errors: list[str]) -> None:
    """Collect the page's script errors and console errors into `errors`."""
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on(
        "console",
        lambda m: m.type == "error" and errors.append(f"{page.url}: console: {m.text}"),
    )


def join(page: Page, url: str, name: str, agency: str, sector: str) -> None:
    """Join through the phone's form; lands on the sector's board."""
    page.goto(url)
    page.get_by_label("Nama").fill(name)
    page.get_by_label("Instansi (OPD)").fill(agency)
    page.get_by_label(sector).check()
    page.get_by_role("button", name="Gabung").click()
    expect(page).to_have_url(re.compile(r"/board$"))


def open_steering(laptop: BrowserContext, facilitator_url: str) -> Page:
    """The facilitator's page, once its buttons have the session's state."""
    steering = laptop.new_page()
    steering.on("dialog", fail_on_dialog)
    steering.goto(facilitator_url)
    expect(steering.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
    return steering


def show_tab(steering: Page, key: str) -> None:
    """Open one of the facilitator cockpit's tabs: boards, scoring, suggestions,
    paper, followup, exports, settings, setup."""
    steering.locator(f"#tab-{key}").click()
    expect(steering.locator(f"#panel-{key}")).to_be_visible()


def card_menu(steering: Page, card: Locator) -> Locator:
    """Open the facilitator's menu of `card` (an li.fac-card); returns the menu."""
    card.locator(":scope > .fac-card-row > [data-card-menu]").click()
    menu = steering.locator("#card-menu")
    expect(menu).to_be_visible()
    return menu


def choose_phase(steering: Page, name: str) -> None:
    steering.locator("#phase-bar .phase-button", has_text=name).click()
    expect(steering.locator(".phase-button[aria-current=step]")).to_contain_text(name)


def steer(page: Page, event: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Send one steering event from the facilitator's browser, as its page would."""
    reply: dict[str, Any] = page.evaluate(
        """([code, event, payload]) => new Promise(done => io({auth: {workshop: code}})
             .timeout(5000).emit(event, payload, (e, a) => done(a || {ok: false})))""",
        [page.evaluate(CODE), event, payload],
    )
    return reply


def facilitator_socket(server: LiveServer, links: dict[str, Any]) -> socketio.Client:
    """The facilitator's socket, as the laptop's page would open it."""
    return socket_client(server.url, key_session(links["facilitator_url"]), links["code"])


# Timers of a page whose context ran `context.clock.install()`: the projector's
# page turns and rotation, moved on by the test rather than waited for.


def hold(page: Page) -> None:
    """Stop the page's clock, 50 ms on (a turn may fall in them: look again after)."""
    for _attempt in range(5):
        try:
            page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 0.05)
            return
        except Error as error:  # the clock ran past that moment on its way here
            if "to the past" not in str(error):
                raise
    raise AssertionError("the page's clock could not be stopped")


def tick(page: Page, done: Callable[[], bool], seconds: int) -> None:
    """Look (`done()`), stop the page's clock, look again, then move it on a second at
    a time until `done()`: at most `seconds`, each page and group seen as it turns.
    The clock runs on its own again afterwards (the page's other timers need it)."""
    if done():
        return
    hold(page)
    try:
        for _second in range(seconds):
            if done():
                return
            page.clock.run_for(1000)
        assert done(), f"not done after {seconds} s of the page's clock"
    finally:
        page.clock.resume()


def violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page (needs bypass_csp)."""
    if not AXE.exists():
        pytest.fail("npm's axe-core is needed; `make test` installs it (npm ci).")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:3],
        }
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


def projector_page(browser: Browser, size: tuple[int, int], url: str, prefs: str) -> Page:
    """The projector's page at `size`, its preferences (`urai:projector`, JSON) set,
    on a fake clock that runs on its own until `tick` holds it."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="id-ID")
    context.clock.install()
    page = context.new_page()
    page.add_init_script(f"localStorage.setItem('urai:projector', '{prefs}')")
    page.goto(url)
    return page
