"""The facilitator's page as a cockpit at 1366 x 768 (issue 24): the session's
controls in view and settings one step away, compact cards whose actions are
in one menu, shortcuts for the frequent steps that keep out of the way while
typing, and an arriving card painted without touching the others."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.conftest import card_of, post_through_socket
from tests.live import join_session, socket_client

from .helpers import LAPTOP, PHONE, fail_on_dialog, join, steer

SECTOR = "Kesehatan"

# Which cards' elements changed since the observer was put on the boards: the
# ids of the cards (li[data-card]) holding a changed node, the changed node's own
# card included (a list's children changing counts for the card holding the list).
WATCH = """() => {
  window.__touched = new Set();
  new MutationObserver(records => records.forEach(r => {
    const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    const card = node && node.closest('li[data-card]');
    if (card) window.__touched.add(Number(card.getAttribute('data-card')));
  })).observe(document.getElementById('boards'),
    {subtree: true, childList: true, attributes: true, characterData: true});
}"""

SIZE = """() => {
  const cards = [...document.querySelectorAll('#boards li.fac-card')]
    .filter(c => c.getClientRects().length > 0);
  return {height: document.documentElement.scrollHeight, cards: cards.length,
          nodes: document.getElementsByTagName('*').length};
}"""


def open_cockpit(browser: Browser, url: str) -> Page:
    page = browser.new_context(**LAPTOP).new_page()
    page.on("dialog", fail_on_dialog)
    page.goto(url)
    expect(page.locator("#connection")).to_have_text("Terhubung")
    return page


def board_of(page: Page, name: str) -> int:
    column = page.locator(".board-column", has=page.get_by_role("heading", name=name))
    return int(column.get_attribute("data-sector") or 0)


def enter(page: Page, sector: int, client_id: str, text: str) -> int:
    """A paper card typed in on the facilitator's page (card:enter), as its form sends it."""
    reply = steer(
        page,
        "card:enter",
        {"client_id": client_id, "kind": "bottleneck", "sector_id": sector, "text": text},
    )
    assert reply["ok"], reply
    return int(reply["card"]["id"])


def card(page: Page, card_id: int):
    return page.locator(f'#boards li.fac-card[data-card="{card_id}"]')


def test_the_demo_workshop_fits_120_px_a_card_and_settings_wait_to_be_asked(
    live_server, browser: Browser
):
    links = live_server.demo_workshop()
    page = open_cockpit(browser, links["facilitator_url"])
    try:
        expect(page.locator("#boards li.fac-card").first).to_be_visible()
        expect(page.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
        size = page.evaluate(SIZE)
        assert size["cards"] >= 100, size
        assert size["height"] / size["cards"] <= 120, size

        # The session's controls are in view: the phase, the next step, the timer.
        for part in ("#bar-phase", "#bar-next", "#phase-bar", "#timer-start", "#bar-keys"):
            expect(page.locator(part)).to_be_in_viewport()
        # Settings wait for the facilitator to ask for them.
        settings = (
            "#setting-approval_required",
            "#vote-budget",
            "#timer-lock",
            "#phase-list",
            "#bones-form",
            "#scoring-rows",
        )
        for part in settings:
            expect(page.locator(part)).to_be_hidden()
        page.get_by_role("tab", name="Pengaturan").click()
        for part in settings[:-1]:
            expect(page.locator(part)).to_be_visible()
        expect(page.locator("#boards")).to_be_hidden()
        page.get_by_role("tab", name="Papan langsung").click()
        expect(page.locator("#boards")).to_be_visible()
        expect(page.locator("#vote-budget")).to_be_hidden()
    finally:
        page.context.close()


def test_a_cards_actions_are_in_one_menu_and_hiding_reaches_the_phones(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek menu kartu", phase="identify")
    steering = open_cockpit(browser, links["facilitator_url"])
    phones = [browser.new_context(**PHONE) for _ in range(2)]
    try:
        andi, budi = (context.new_page() for context in phones)
        join(andi, links["join_url"], "Andi", "Dinkes", SECTOR)
        join(budi, links["join_url"], "Budi", "Puskesmas Tamalate", SECTOR)
        andi.locator("#post-text").fill("Obat sering kosong di Puskesmas")
        andi.get_by_role("button", name="Kirim sumbatan").click()
        on_budi = budi.locator("article.card", has_text="Obat sering kosong")
        expect(on_budi).to_have_count(1)
        card_id = int(on_budi.get_attribute("data-card") or 0)

        # The card on the laptop: its text, author and tallies, and one button.
        mine = card(steering, card_id)
        expect(mine.locator(".card-text")).to_have_text("Obat sering kosong di Puskesmas")
        expect(mine.locator(".card-author")).to_contain_text("Andi")
        expect(mine.locator(".card-votes")).to_have_text("0")
        expect(mine.get_by_role("button")).to_have_count(1)
        expect(mine.locator("details:visible")).to_have_count(0)
        box = mine.bounding_box()
        assert box is not None and box["height"] <= 120, box

        # Its menu holds every action the card allows, built on opening.
        opener = mine.get_by_role("button", name=re.compile(r"^Tindakan: Obat sering kosong"))
        expect(opener).to_have_attribute("aria-haspopup", "menu")
        opener.click()
        menu = steering.get_by_role("menu")
        expect(menu).to_be_visible()
        expect(opener).to_have_attribute("aria-expanded", "true")
        expect(menu.get_by_role("menuitem", name="Sorot di layar")).to_be_visible()
        expect(menu.get_by_role("menuitemcheckbox", name="Analisis akar masalah")).to_be_visible()
        # Visible already: nothing to approve.
        expect(menu.get_by_role("menuitem", name="Setujui")).to_have_count(0)
        steering.keyboard.press("Escape")
        expect(menu).to_be_hidden()
        expect(opener).to_be_focused()

        # Hide it from the menu: the other phone sees it go.
        opener.click()
        menu.get_by_role("menuitem", name="Sembunyikan").click()
        expect(menu).to_be_hidden()
        expect(on_budi).to_have_count(0)
        expect(mine).to_have_class(re.compile(r"\bstatus-hidden\b"))
        expect(mine.locator(".fac-status")).to_have_text("Disembunyikan")
        # Now the menu offers to show it again, and the longer forms in a dialog.
        opener.click()
        expect(menu.get_by_role("menuitem", name="Sembunyikan")).to_have_count(0)
        menu.get_by_role("menuitem", name="Tampilkan").click()
        expect(on_budi).to_have_count(1)
        opener.click()
        menu.get_by_role("menuitem", name="Moderasi…").click()
        dialog = steering.get_by_role("dialog", name="Obat sering kosong di Puskesmas")
        edit = dialog.get_by_role("group", name="Ubah kartu")
        expect(edit.get_by_label("Teks")).to_have_value("Obat sering kosong di Puskesmas")
        edit.get_by_label("Teks").fill("Obat sering kosong di Puskesmas Tamalate")
        edit.get_by_role("button", name="Simpan perubahan").click()
        expect(on_budi.locator(".card-text")).to_have_text(
            "Obat sering kosong di Puskesmas Tamalate"
        )
        dialog.get_by_role("button", name="Tutup").click()
        expect(dialog).to_be_hidden()
    finally:
        for context in phones:
            context.close()
        steering.context.close()


def test_shortcuts_steer_and_never_fire_while_typing(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek pintasan")
    page = open_cockpit(browser, links["facilitator_url"])
    try:
        current = page.locator("#phase-bar .phase-button[aria-current=step]")
        expect(current).to_have_text("Pembukaan")
        expect(page.locator("#bar-next")).to_have_attribute("aria-disabled", "false")

        # Typing an "n" in a field types it; the phase stays.
        page.locator("#timer-minutes").fill("")
        page.locator("#timer-minutes").press("n")
        page.get_by_role("tab", name="Kartu kertas dan daftar hadir").click()
        page.locator("#paper-text").press_sequentially("antrean")
        expect(page.locator("#paper-text")).to_have_value("antrean")
        expect(current).to_have_text("Pembukaan")

        # Outside a field: N moves on, T starts the timer and pauses it, B shows the boards.
        page.locator("body").click(position={"x": 5, "y": 300})
        page.keyboard.press("b")
        expect(page.locator("#boards")).to_be_visible()
        page.locator("#timer-minutes").fill("5")
        page.locator("body").click(position={"x": 5, "y": 300})
        page.keyboard.press("n")
        expect(current).to_have_text("Identifikasi sumbatan")
        page.keyboard.press("t")
        expect(page.locator("#timer-display")).to_have_class(re.compile(r"\brunning\b"))
        page.keyboard.press("t")
        expect(page.locator("#timer-display")).to_have_class(re.compile(r"\bpaused\b"))

        # S: the spotlight off, from wherever the card is.
        sector = board_of(page, SECTOR)
        card_id = enter(page, sector, "cockpit-keys-0001", "Antrean poli tiga jam")
        assert steer(page, "spotlight:set", {"card_id": card_id})["ok"]
        expect(page.locator("#bar-spotlight-off")).to_be_visible()
        expect(card(page, card_id).locator(".fac-on-screen")).to_be_visible()
        page.keyboard.press("s")
        expect(page.locator("#bar-spotlight-off")).to_be_hidden()
        expect(card(page, card_id).locator(".fac-on-screen")).to_have_count(0)

        # A: the oldest card waiting is approved.
        assert steer(page, "settings:update", {"approval_required": True})["ok"]
        session = join_session(live_server.url, links["code"], "Andi", sector)
        andi = socket_client(live_server.url, session, links["code"])
        try:
            assert andi.call("sync", {"sector_id": sector}, timeout=10)["mode"] == "snapshot"
            waiting = card_of(post_through_socket(andi, sector, "Tulisan tangan tidak terbaca"))
            expect(page.locator("#queue-list > li")).to_have_count(1)
            expect(card(page, waiting["id"])).to_have_class(re.compile(r"\bstatus-pending\b"))
            page.keyboard.press("a")
            expect(page.locator("#queue-list > li")).to_have_count(0)
            expect(card(page, waiting["id"])).to_have_class(re.compile(r"\bstatus-visible\b"))
        finally:
            andi.disconnect()

        # "?" lists them.
        page.keyboard.press("?")
        keys = page.get_by_role("dialog", name="Pintasan papan ketik")
        expect(keys).to_be_visible()
        expect(keys).to_contain_text("Fase berikutnya")
        page.keyboard.press("Escape")
        expect(keys).to_be_hidden()
    finally:
        page.context.close()


def test_an_arriving_card_is_painted_without_redrawing_the_others(live_server, browser: Browser):
    links = live_server.demo_workshop()
    page = open_cockpit(browser, links["facilitator_url"])
    try:
        expect(page.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
        sector = board_of(page, SECTOR)
        column = page.locator(f'.board-column[data-sector="{sector}"]')
        first = column.locator("li.fac-card").first
        expect(first).to_be_visible()
        kept = int(first.get_attribute("data-card") or 0)
        first.evaluate("node => { node.__kept = true; }")
        before = page.evaluate(SIZE)["cards"]
        page.evaluate(WATCH)

        arrived = enter(page, sector, "cockpit-paint-0001", "Antrean loket farmasi panjang")
        expect(card(page, arrived).locator(".card-text")).to_have_text(
            "Antrean loket farmasi panjang"
        )
        # Another arrives while the first is on screen; then votes reach one card only.
        second = enter(page, sector, "cockpit-paint-0002", "Ruang tunggu sempit")
        expect(card(page, second)).to_be_visible()
        page.wait_for_timeout(300)  # let any redraw that would follow land
        touched = set(page.evaluate("[...window.__touched]"))
        assert touched <= {arrived, second}, sorted(touched)
        assert page.evaluate(f"""document.querySelector('li[data-card="{kept}"]').__kept""")
        assert page.evaluate(SIZE)["cards"] == before + 2
    finally:
        page.context.close()


def test_merge_suggestions_show_the_best_few_and_more_on_request(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek saran bertahap", phase="identify")
    page = open_cockpit(browser, links["facilitator_url"])
    try:
        sector = board_of(page, SECTOR)
        for n in range(8):
            text = f"Antrean pendaftaran pasien BPJS di Puskesmas sampai {n + 2} jam"
            enter(page, sector, f"cockpit-look-{n:04d}", text)
        page.get_by_role("tab", name="Saran penggabungan").click()
        board = page.locator(f'.fac-suggest-board[data-sector="{sector}"]')
        shown = board.locator(".fac-suggestion")
        expect(shown).to_have_count(3, timeout=10000)
        more = board.get_by_role("button", name="3 lagi")
        expect(more).to_be_visible()
        more.click()
        expect(shown).to_have_count(6)
    finally:
        page.context.close()
