"""What a participant's phone downloads, measured in Chromium.

    python bench/weight.py

Starts the app, and in a phone-sized Chromium with an empty cache opens the
join page, joins, and lands on the sector board; sums the bytes transferred
(compressed, headers included) for every page, stylesheet and script, the
Socket.IO client included. Then, with Chromium's network throttled to the
classic "Slow 3G" profile (400 ms round trip, 400 kbit/s down and up), times
how long until the join form can be used. Prints a JSON object last.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from tests.live import CHROMIUM_ARGS, LiveServer

TRANSFERRED = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const files = performance.getEntriesByType('resource')
    .filter(e => !e.name.includes('/socket.io/'))
    .map(e => ({name: e.name.split('/').pop().split('?')[0], bytes: e.transferSize,
                body: e.decodedBodySize}));
  return {page: nav.transferSize, files};
}"""
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}


def main() -> None:
    server = LiveServer(Path(tempfile.mkdtemp(prefix="urai-weight-")) / "instance")
    server.start()
    try:
        links = server.cli("demo", "--json")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            phone = {
                "viewport": {"width": 360, "height": 740},
                "is_mobile": True,
                "locale": "id-ID",
            }
            context = browser.new_context(**phone)
            page = context.new_page()
            page.goto(links["join_url"])
            join = page.evaluate(TRANSFERRED)
            page.get_by_label("Nama").fill("Peserta")
            page.get_by_label("Instansi (OPD)").fill("Dinas")
            page.get_by_label("Kesehatan").check()
            page.get_by_role("button", name="Gabung").click()
            page.wait_for_selector("#connection.online")
            time.sleep(0.5)
            board = page.evaluate(TRANSFERRED)
            total = join["page"] + sum(f["bytes"] for f in join["files"])
            total += board["page"] + sum(f["bytes"] for f in board["files"])
            context.close()

            slow = browser.new_context(**phone)
            page = slow.new_page()
            cdp = slow.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
            started = time.perf_counter()
            page.goto(links["join_url"], wait_until="commit")
            page.get_by_label("Nama").wait_for(state="visible")
            page.wait_for_load_state("load")
            usable = time.perf_counter() - started
            slow.close()
            browser.close()
    finally:
        server.stop()
    files = {f["name"]: f["bytes"] for f in join["files"] + board["files"] if f["bytes"]}
    print("| what | bytes transferred |")
    print("|---|---|")
    print(f"| join page (HTML) | {join['page']:,} |")
    print(f"| board page (HTML) | {board['page']:,} |")
    for name, size in files.items():
        print(f"| {name} | {size:,} |")
    print(f"| **first visit, everything** | **{total:,}** |")
    print(
        json.dumps(
            {
                "first_visit_bytes": total,
                "join_form_usable_slow_3g_s": round(usable, 2),
                "files": files,
            }
        )
    )


if __name__ == "__main__":
    main()
