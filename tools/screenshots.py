"""Regenerate the README's screenshots from the demo workshop, in Chromium.

    make screenshots      (or: .venv/bin/python tools/screenshots.py)

Starts the app on a free port with a fresh database, creates the demo
workshop, and photographs the phone board (360 px), the facilitator's page
and the projector (1366 x 768) into docs/screenshots/; then, with the first
bottleneck of Administrasi Kependudukan put on the projector from the
facilitator's page, its fishbone and its problem tree (1280 x 720), and, in
the causes phase, a phone's cause view (360 px).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from tests.live import CHROMIUM_ARGS, LiveServer  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
NAMES = (
    "phone-board",
    "facilitator",
    "projector",
    "projector-fishbone",
    "projector-tree",
    "phone-causes",
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    server = LiveServer(Path(tempfile.mkdtemp(prefix="urai-shots-")) / "instance")
    server.start()
    try:
        links = server.cli("demo", "--json")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            laptop = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
            page = laptop.new_page()
            page.goto(links["facilitator_url"])
            expect(page.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
            page.screenshot(path=str(OUT / "facilitator.png"))
            projector = laptop.new_page()
            projector.goto(links["presenter_url"])
            expect(projector.locator(".board-column")).to_have_count(6)
            projector.wait_for_timeout(500)
            projector.screenshot(path=str(OUT / "projector.png"))
            phone = browser.new_context(
                viewport={"width": 360, "height": 740},
                is_mobile=True,
                has_touch=True,
                device_scale_factor=2,
                locale="id-ID",
            )
            board = phone.new_page()
            board.goto(links["join_url"])
            board.get_by_label("Nama").fill("Andi Rahmawati")
            board.get_by_label("Instansi (OPD)").fill("Puskesmas Bontonompo")
            board.get_by_label("Kesehatan").check()
            board.get_by_role("button", name="Gabung").click()
            expect(board.locator("#connection")).to_have_text("Terhubung")
            board.wait_for_timeout(500)
            board.screenshot(path=str(OUT / "phone-board.png"))
            causes(browser, links["presenter_url"], page, board)
            browser.close()
    finally:
        server.stop()
    for name in NAMES:
        print(OUT / f"{name}.png")


def causes(browser: Browser, presenter_url: str, steering: Page, board: Page) -> None:
    """The projector's fishbone and tree of one bottleneck, then a phone's cause view."""
    projector = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
    screen = projector.new_page()
    screen.goto(presenter_url)
    expect(screen.locator(".board-column")).to_have_count(6)
    column = steering.locator(".fac-column", has_text="Administrasi Kependudukan")
    analysed = column.locator("li.fac-card", has=steering.locator(".fac-analysed-badge")).first
    analysed.locator(":scope > .fac-card-row > [data-card-menu]").click()
    steering.locator("#card-menu [data-focus]").click()
    expect(screen.locator(".causes-svg[data-view=fishbone]")).to_be_visible()
    screen.wait_for_timeout(500)
    screen.screenshot(path=str(OUT / "projector-fishbone.png"))
    screen.keyboard.press("t")
    expect(screen.locator(".causes-svg[data-view=tree]")).to_be_visible()
    screen.wait_for_timeout(300)
    screen.screenshot(path=str(OUT / "projector-tree.png"))
    screen.keyboard.press("t")
    steering.locator("#bar-focus-off").click()
    projector.close()

    steering.locator("#phase-bar .phase-button", has_text="Akar masalah").click()
    expect(board.locator("#phase-name")).to_have_text("Akar masalah")
    section = board.locator(".causes").first
    expect(section.get_by_role("button", name="Tambah penyebab")).to_be_visible()
    # The bottleneck's top just under the phase banner.
    top = "e => window.scrollTo(0, e.closest('article').getBoundingClientRect().top + scrollY - 56)"
    section.evaluate(top)
    board.wait_for_timeout(300)
    board.screenshot(path=str(OUT / "phone-causes.png"))


if __name__ == "__main__":
    main()
