"""The facilitator's cockpit in Chromium at 1366 x 768 (issue 24): the demo
workshop's DOM nodes, page height and height per visible card; then a seeded
room (`--room N`: N bottlenecks, three quarters on one board, look-alike
texts, typed in through the real protocol) with its first render, DOM nodes
and height, and 30 cards arriving at two a second: long tasks, total blocking
time and emit-to-painted p50/p95 (the server's round trip included).
`--suggestions` opens the merge suggestions' tab before the cards arrive.

    python bench/cockpit.py [--room 400] [--suggestions]

Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.helpers import facilitator_socket
from tests.live import LiveServer

LAPTOP = {"viewport": {"width": 1366, "height": 768}, "locale": "id-ID"}

SIZE = """() => {
  const cards = [...document.querySelectorAll('#boards li.fac-card')]
    .filter(c => c.getClientRects().length > 0);
  const height = document.documentElement.scrollHeight;
  return {dom_nodes: document.getElementsByTagName('*').length, page_height: height,
          visible_cards: cards.length, px_per_card: Math.round(height / Math.max(1, cards.length))};
}"""

ARRIVALS = """([code, sector]) => new Promise(done => {
  const longs = [];
  new PerformanceObserver(l => l.getEntries().forEach(e => longs.push(e.duration)))
    .observe({entryTypes: ['longtask']});
  const sock = io({auth: {workshop: code}});
  const boards = document.getElementById('boards');
  const lat = [];
  let n = 0;
  function one() {
    const text = 'Kartu datang nomor ' + n;
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (![...boards.querySelectorAll('.card-text')].some(e => e.textContent === text)) return;
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(() => lat.push(performance.now() - t0), 0));
    });
    seen.observe(boards, {subtree: true, childList: true, characterData: true});
    sock.emit('card:enter', {client_id: 'arrive-' + n, kind: 'bottleneck', sector_id: sector,
                             text: text}, () => {});
    n += 1;
    if (n < 30) setTimeout(one, 500);
    else setTimeout(() => {
      lat.sort((a, b) => a - b);
      const q = f => Math.round(lat[Math.min(lat.length - 1, Math.floor(f * lat.length))]);
      done({painted: lat.length, p50_ms: q(0.5), p95_ms: q(0.95), long_tasks: longs.length,
            longest_task_ms: Math.round(Math.max(0, ...longs)),
            blocking_ms: Math.round(longs.reduce((a, d) => a + Math.max(0, d - 50), 0))});
    }, 3000);
  }
  one();
})"""


def demo(server: LiveServer, page: Page) -> dict[str, Any]:
    page.goto(server.demo_workshop()["facilitator_url"])
    expect(page.locator("#connection")).to_have_text("Terhubung")
    expect(page.locator("#boards li.fac-card").first).to_be_attached()
    page.wait_for_timeout(1500)
    return dict(page.evaluate(SIZE))


def room(server: LiveServer, page: Page, count: int, suggestions: bool) -> dict[str, Any]:
    links = server.create_workshop("Bimtek ruang penuh", phase="identify")
    boss = facilitator_socket(server, links)
    snapshot = boss.call("sync", {}, timeout=10)["snapshot"]
    sectors = [s["id"] for s in snapshot["workshop"]["sectors"]]
    for i in range(count):
        sector = sectors[0] if i < count * 3 // 4 else sectors[1 + i % (len(sectors) - 1)]
        text = (
            f"Antrean KTP-el di Disdukcapil lama sekali nomor {i}"
            if i % 2
            else f"Blanko habis dan server lambat di kecamatan {i}"
        )
        card = {"client_id": f"room-{i:05d}", "kind": "bottleneck", "sector_id": sector}
        assert boss.call("card:enter", {**card, "text": text}, timeout=20)["ok"]
    boss.disconnect()
    start = time.monotonic()
    page.goto(links["facilitator_url"])
    expect(page.locator("#boards li.fac-card")).to_have_count(count, timeout=120000)
    out: dict[str, Any] = {"first_render_s": round(time.monotonic() - start, 2)}
    out.update(page.evaluate(SIZE))
    if suggestions:
        page.locator("#tab-suggestions").click()
        expect(page.locator(".fac-suggestion").first).to_be_visible(timeout=60000)
        out["suggestions_shown"] = page.locator(".fac-suggestion").count()
    page.wait_for_timeout(2000)
    out.update(page.evaluate(ARRIVALS, [links["code"], sectors[0]]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--room", type=int, default=0, help="bottlenecks in the seeded room")
    parser.add_argument("--suggestions", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp()) / "instance"
    server = LiveServer(folder, EVENT_RATE="10000", EVENT_BURST="10000")
    server.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
            result = {"demo": demo(server, browser.new_context(**LAPTOP).new_page())}
            if args.room:
                page = browser.new_context(**LAPTOP).new_page()
                result["room"] = room(server, page, args.room, args.suggestions)
            browser.close()
    finally:
        server.stop()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
