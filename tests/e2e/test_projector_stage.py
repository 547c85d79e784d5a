"""The projector as a stage for a hall of 100-200 read from 10 m, at 1280 x 720,
1024 x 768 and 1920 x 1080: the join strip folds after the opening (J brings
it back), long boards turn their pages by themselves with every card whole,
a results view shows each sector's top three, the facilitator's spotlight
puts one card in the middle, one sector at a time fills the width, and no
word is broken inside.

Pages and groups turn on the projector's own clock: Playwright's fake clock,
paused once the page is up and moved on a second at a time by the test, so no
test waits for the wall clock and a busy machine changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import card_of, post_through_socket
from tests.live import join_session, socket_client

from .helpers import card_menu, facilitator_socket, projector_page, tick

SIZES = [(1280, 720), (1024, 768), (1920, 1080)]
IDS = [f"{w}x{h}" for w, h in SIZES]
# One second a page, one second a group: the test watches every page go by.
FAST = '{"pageSeconds": 1, "seconds": 1}'

# Every word of the elements matching `selector` whose letters do not all sit
# on one line: a word broken inside. Words are split at spaces, hyphens and
# slashes, where a line may break.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    if (!root.getClientRects().length || getComputedStyle(root).visibility === 'hidden') continue;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /[^\\s\\-\\/]+/g;
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const tops = new Set(rects.map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

# Card texts cut off (an ellipsis, a line clamp or a box too small): by a line,
# not by the rounding of a fractional line height.
CLIPPED = """() => [...document.querySelectorAll(
  '.card-text, .vote-label, .rank-text, .result-text, .spotlight-text')]
  .filter(e => e.getClientRects().length && e.scrollHeight > e.clientHeight + 4)
  .map(e => e.textContent)"""


def steer(live_server, links) -> Any:
    """The facilitator's socket, as the laptop's page would open it."""
    return facilitator_socket(live_server, links)


def projector(browser: Browser, size: tuple[int, int], url: str, prefs: str = FAST) -> Page:
    return projector_page(browser, size, url, prefs)


@pytest.fixture(scope="module")
def demo(live_server) -> dict[str, Any]:
    return live_server.demo_workshop()


@pytest.fixture(scope="module")
def long_board(live_server) -> Iterator[dict[str, Any]]:
    """A fresh workshop identifying bottlenecks: 40 long ones on one board, posted by
    two phones (20 each: within a phone's burst of the flood control)."""
    links: dict[str, Any] = live_server.create_workshop("Bimtek panggung", phase="identify")
    boss = steer(live_server, links)
    phones: list[Any] = []
    try:
        snapshot = boss.call("sync", {}, timeout=10)["snapshot"]
        sector = next(s for s in snapshot["workshop"]["sectors"] if s["name"] == "Pendidikan")
        links["sector"] = sector["id"]
        links["phases"] = [p["id"] for p in snapshot["workshop"]["phases"]]
        links["cards"] = []
        for name in ("Andi", "Rina"):
            browser = join_session(live_server.url, links["code"], name, sector["id"])
            phones.append(socket_client(live_server.url, browser, links["code"]))
        for n in range(40):
            text = (
                f"Sumbatan nomor {n + 1}: kekurangan guru di sekolah dasar wilayah pegunungan "
                "dan pulau terluar, sehingga satu guru mengajar dua sampai tiga kelas sekaligus"
            )
            ack = post_through_socket(
                phones[n % 2], sector["id"], text, client_id=f"stage-card-{n:04d}"
            )
            links["cards"].append(card_of(ack)["id"])
        yield links
    finally:
        for client in (boss, *phones):
            client.disconnect()


def strip_height(page: Page) -> float:
    return page.locator(".join-strip").bounding_box()["height"]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_join_strip_folds_after_the_opening_and_comes_back_with_j(
    live_server, browser: Browser, size
):
    links = live_server.create_workshop("Bimtek lipat")
    page = projector(browser, size, links["presenter_url"])
    boss = steer(live_server, links)
    try:
        expect(page.locator("#phase-name")).to_have_text("Pembukaan")
        expect(page.locator(".join-strip .qr")).to_be_visible()
        opened = strip_height(page)
        assert opened >= 140, "the opening shows the QR code large"

        assert boss.call("phase:step", {"direction": 1}, timeout=10)["ok"]
        expect(page.locator("#phase-name")).to_have_text("Identifikasi sumbatan")
        expect(page.locator(".join-strip .qr")).to_be_hidden()
        expect(page.locator(".join-strip .join-code")).to_be_visible()
        folded = strip_height(page)
        assert folded <= 80 < opened, (folded, opened)
        boards_top = page.locator("#boards").bounding_box()["y"]
        assert boards_top <= 0.3 * size[1], f"the boards start at {boards_top} px"

        page.keyboard.press("j")
        expect(page.locator(".join-strip .qr")).to_be_visible()
        expect(page.locator("#join-toggle")).to_have_attribute("aria-pressed", "true")
        page.keyboard.press("j")
        expect(page.locator(".join-strip .qr")).to_be_hidden()
        page.locator("#join-toggle").click()
        expect(page.locator(".join-strip .qr")).to_be_visible()
    finally:
        boss.disconnect()
        page.context.close()


def cards_in_view(page: Page) -> list[int]:
    """The cards a person in the hall sees now: whole, inside the window, not hidden."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#boards .board-column.on-stage li.card[data-card]')]
          .filter(e => {
            const b = e.getBoundingClientRect();
            const body = e.closest('.column-body').getBoundingClientRect();
            return getComputedStyle(e).visibility !== 'hidden' && b.height > 0 &&
              b.top >= body.top - 1 && b.bottom <= body.bottom + 1 && b.bottom <= innerHeight + 1;
          }).map(e => Number(e.dataset.card))"""
    )


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_a_long_board_shows_every_card_whole_within_a_few_page_turns(
    browser: Browser, long_board, size
):
    page = projector(browser, size, long_board["presenter_url"])
    try:
        column = page.locator(f'.board-column[data-sector="{long_board["sector"]}"]')
        expect(column.locator("li.card")).to_have_count(40)
        assert page.evaluate("document.documentElement.scrollHeight") <= size[1] + 1, (
            "the page is the screen: nothing to scroll"
        )
        expect(column.locator(".page-no")).not_to_have_text("")
        total = int(column.locator(".page-no").inner_text().split("/")[-1])
        assert 1 < total <= 20, f"{total} pages for 40 cards: two or more whole cards a page"
        seen: set[int] = set()

        def all_seen() -> bool:
            seen.update(cards_in_view(page))
            assert page.evaluate(CLIPPED) == [], "no card text is cut"
            return seen >= set(long_board["cards"])

        # One page a second: every card within one round of the pages.
        tick(page, all_seen, total + 3)
    finally:
        page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_results_view_shows_the_top_three_of_each_sector(browser: Browser, demo, size):
    page = projector(browser, size, demo["presenter_url"])
    try:
        # The demo is prioritising: the results come up by themselves.
        expect(page.locator("#results")).to_be_visible()
        expect(page.locator("#boards")).to_be_hidden()
        sectors = page.locator(".result-sector")
        expect(sectors).to_have_count(6)
        for i in range(6):
            items = sectors.nth(i).locator(".result-item")
            assert items.count() == 3
            assert [items.nth(n).locator(".result-rank").text_content() for n in range(3)] == [
                "1",
                "2",
                "3",
            ]
            scores = [
                int(items.nth(n).locator(".result-value").text_content().split()[-1])
                for n in range(3)
            ]
            assert scores == sorted(scores, reverse=True), scores
        text_px = page.locator(".result-text").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        assert text_px >= 21, "large type"
        assert page.evaluate(CLIPPED) == []
        # Every sector's three come on screen whole, page by page.
        seen: set[str] = set()

        def all_seen() -> bool:
            seen.update(
                page.evaluate(
                    """() => [...document.querySelectorAll('.result-item')].filter(e => {
                      const b = e.getBoundingClientRect();
                      const shown = getComputedStyle(e).visibility !== 'hidden';
                      return shown && b.top >= 0 && b.bottom <= innerHeight + 1;
                    }).map(e => e.dataset.card)"""
                )
            )
            return len(seen) >= 18

        tick(page, all_seen, 30)
        assert len(seen) == 18
        page.keyboard.press("r")
        expect(page.locator("#results")).to_be_hidden()
        expect(page.locator("#boards")).to_be_visible()
    finally:
        page.context.close()


def test_hidden_tallies_stay_hidden_in_the_results(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek suara")
    boss = steer(live_server, links)
    page = projector(browser, SIZES[0], links["presenter_url"])
    try:
        snapshot = boss.call("sync", {}, timeout=10)["snapshot"]
        sector = snapshot["workshop"]["sectors"][0]["id"]
        card = boss.call(
            "card:enter",
            {
                "client_id": "tally-card-0001",
                "kind": "bottleneck",
                "sector_id": sector,
                "text": "Antre",
            },
            timeout=10,
        )["card"]
        close = next(p["id"] for p in snapshot["workshop"]["phases"] if p["kind"] == "close")
        assert boss.call("settings:update", {"votes_revealed": False}, timeout=10)["ok"]
        assert boss.call("phase:set", {"phase_id": close}, timeout=10)["ok"]
        expect(page.locator("#results")).to_be_visible()
        expect(page.locator(f'.result-item[data-card="{card["id"]}"]')).to_have_count(0)
        assert boss.call("settings:update", {"votes_revealed": True}, timeout=10)["ok"]
        # Still no votes on it: nothing to rank by.
        expect(page.locator(".result-sector").first.locator(".empty")).to_be_visible()
    finally:
        boss.disconnect()
        page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_facilitator_spotlights_a_card_and_clears_it(browser: Browser, demo, size):
    laptop = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page = projector(browser, size, demo["presenter_url"])
    try:
        steering = laptop.new_page()
        steering.goto(demo["facilitator_url"])
        target = page.locator(".result-item").first.get_attribute("data-card")
        text = page.locator(".result-item .result-text").first.text_content()
        expect(page.locator("#spotlight")).to_be_hidden()
        steering_card = steering.locator(f'#boards li.fac-card[data-card="{target}"]')
        card_menu(steering, steering_card).locator(f'[data-spotlight="{target}"]').click()
        spot = page.locator("#spotlight")
        expect(spot).to_be_visible()
        expect(page.locator("#spotlight-text")).to_have_text(text)
        box = page.locator(".spotlight-card").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= size[0]
        assert box["y"] >= 0 and box["y"] + box["height"] <= size[1]
        centre = box["x"] + box["width"] / 2
        assert abs(centre - size[0] / 2) < 0.05 * size[0], "in the middle"
        assert (
            page.locator("#spotlight-text").evaluate(
                "e => parseFloat(getComputedStyle(e).fontSize)"
            )
            >= 30
        )
        assert page.evaluate(CLIPPED) == []
        expect(steering.locator("#bar-spotlight-off")).to_be_visible()  # the cockpit's "off"
        off = card_menu(steering, steering_card).locator(f'[data-spotlight-off="{target}"]')
        expect(off).to_be_visible()
        off.click()
        expect(spot).to_be_hidden()
        expect(steering.locator("#bar-spotlight-off")).to_be_hidden()
        menu = card_menu(steering, steering_card)
        expect(menu.locator(f'[data-spotlight="{target}"]')).to_be_visible()
    finally:
        laptop.close()
        page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_one_sector_at_a_time_fills_the_width(browser: Browser, demo, size):
    prefs = '{"rotate": true, "pageSeconds": 1, "seconds": 1}'
    page = projector(browser, size, demo["presenter_url"], prefs)
    try:
        expect(page.locator("#results")).to_be_visible()
        page.keyboard.press("r")  # from the results to the boards
        column = page.locator(".board-column:visible")
        expect(column).to_have_count(1)
        width = column.bounding_box()["width"]
        assert width >= 0.8 * size[0], f"the sector on stage is {width} of {size[0]} px wide"
        first = column.locator("h2").inner_text()
        # The sector's pages go by, then the next sector comes on.
        tick(page, lambda: column.locator("h2").inner_text() != first, 30)
        expect(column).to_have_count(1)
    finally:
        page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_no_word_is_broken_inside(live_server, browser: Browser, demo, size):
    page = projector(browser, size, demo["presenter_url"])
    boss = steer(live_server, demo)
    try:
        # The results are up (their pages turn: the first item may be on another).
        expect(page.locator(".result-item:not(.off-page)").first).to_be_visible()
        texts = ".phase-name, .result-sector-name, .result-text, .join-code, .presenter-title"
        assert page.evaluate(BROKEN_WORDS, texts) == []
        page.keyboard.press("r")
        expect(page.locator(".board-column.on-stage").first).to_be_visible()
        boards = ".board-column.on-stage h2, .board-column.on-stage .rank-text, .chart-title"
        # Every group of boards in turn: "Administrasi Kependudukan" is in the second at 1280.
        names: set[str] = set()

        def all_named() -> bool:
            names.update(page.locator(".board-column.on-stage h2").all_inner_texts())
            assert page.evaluate(BROKEN_WORDS, boards) == []
            return len(names) >= 6

        tick(page, all_named, 60)
        assert len(names) == 6
        group = page.locator("#group-no")
        if size[0] < 1500:  # six boards in two groups of three take turns
            expect(group).to_have_text(re.compile(r"^Sektor [14]-[36] dari 6$"))
        else:
            expect(group).to_be_hidden()
        # The phase that names the bottlenecks, and its card texts ("Kekurangan ...").
        snapshot = boss.call("sync", {}, timeout=10)["snapshot"]
        identify = next(p["id"] for p in snapshot["workshop"]["phases"] if p["kind"] == "identify")
        assert boss.call("phase:set", {"phase_id": identify}, timeout=10)["ok"]
        expect(page.locator("#phase-name")).to_have_text("Identifikasi sumbatan")
        expect(
            page.locator(".board-column.on-stage li.card:not(.off-page) .card-text").first
        ).to_be_visible()
        cards = "#phase-name, .board-column.on-stage h2, .board-column.on-stage .card-text"
        assert page.evaluate(BROKEN_WORDS, cards) == []
        assert page.evaluate(CLIPPED) == []
        assert page.evaluate("document.documentElement.scrollHeight") <= size[1] + 1, (
            "the page is the screen: nothing below it"
        )
    finally:
        prioritise = next(
            p["id"]
            for p in boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]["phases"]
            if p["kind"] == "prioritise"
        )
        boss.call("phase:set", {"phase_id": prioritise}, timeout=10)
        boss.disconnect()
        page.context.close()


def test_with_reduced_motion_pages_turn_without_moving(browser: Browser, long_board):
    context = browser.new_context(
        viewport={"width": 1280, "height": 720}, locale="id-ID", reduced_motion="reduce"
    )
    context.clock.install()
    page = context.new_page()
    page.add_init_script(f"localStorage.setItem('urai:projector', '{FAST}')")
    try:
        page.goto(long_board["presenter_url"])
        column = page.locator(f'.board-column[data-sector="{long_board["sector"]}"]')
        label = column.locator(".page-no")
        expect(label).to_contain_text("1/")
        before = label.inner_text()
        tick(page, lambda: label.inner_text() != before, 3)  # it turned
        body = column.locator(".column-body")
        assert body.evaluate("e => getComputedStyle(e).animationName") == "none"
        assert body.evaluate("e => getComputedStyle(e).scrollBehavior") == "auto"
    finally:
        context.close()
