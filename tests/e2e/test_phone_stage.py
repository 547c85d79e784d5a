"""A 360x640 phone (and the same phone with its keyboard up: 360x360) through
a session (issue 16): posting says "Terkirim" and shows the new card; little
chrome above the text box; the vote row reads whole words; a compact USG row a
card, with one form, shared scores that say who changed them and never
silently overwrite each other; a home page that leads with the join code; and
default phase names in the phone's language."""

from __future__ import annotations

import re
from itertools import count
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from .helpers import SHORT_PHONE, facilitator_socket

PHONE = SHORT_PHONE  # 360 x 640
ENGLISH = {**PHONE, "locale": "en-US"}
SECTOR = "Administrasi Kependudukan"
ids = count(1)

# Each word of the element's text on one line (a word split over two lines has two boxes).
BROKEN_WORDS = """(node) => {
  const broken = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode;
    for (const m of text.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      const boxes = [...range.getClientRects()].filter(r => r.width > 0);
      const tops = new Set(boxes.map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""
LINES = """(node) => Math.round(
  node.getBoundingClientRect().height / parseFloat(getComputedStyle(node).lineHeight))"""
IN_VIEW = """(node) => { const r = node.getBoundingClientRect();
  const h = window.visualViewport ? window.visualViewport.height : innerHeight;
  return r.top >= 0 && r.bottom <= h + 0.5 && r.left >= 0 && r.right <= innerWidth + 0.5; }"""


class Room:
    """A workshop, steered over its socket (the laptop is not under test here)."""

    def __init__(self, live_server, **options: str) -> None:
        self.links = live_server.create_workshop("Bimtek ponsel", **options)
        self.code = self.links["code"]
        self.steer = facilitator_socket(live_server, self.links)
        self.snapshot = self.call("sync", {"since": None})["snapshot"]

    def call(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        reply = self.steer.call(event, payload, timeout=10)
        assert reply["ok"], reply
        return reply

    def phase(self, kind: str) -> None:
        phases = self.snapshot["workshop"]["phases"]
        self.call("phase:set", {"phase_id": next(p["id"] for p in phases if p["kind"] == kind)})

    def sector_id(self, name: str) -> int:
        return next(s["id"] for s in self.snapshot["workshop"]["sectors"] if s["name"] == name)

    def enter(self, text: str, sector: str = SECTOR, **extra: Any) -> dict[str, Any]:
        payload = {"client_id": f"phone-stage-{next(ids):04}", "text": text, **extra}
        payload.setdefault("kind", "bottleneck")
        if payload["kind"] == "bottleneck":
            payload["sector_id"] = self.sector_id(sector)
        return self.call("card:enter", payload)["card"]

    def close(self) -> None:
        self.steer.disconnect()


@pytest.fixture
def room(live_server):
    made = Room(live_server)
    yield made
    made.close()


def join(page: Page, url: str, name: str, english: bool = False) -> None:
    page.goto(url)
    page.get_by_label("Name" if english else "Nama").fill(name)
    page.get_by_label("Agency (OPD)" if english else "Instansi (OPD)").fill("Disdukcapil")
    page.get_by_label(SECTOR).check()
    page.get_by_role("button", name="Join" if english else "Gabung").click()
    expect(page).to_have_url(re.compile(r"/board$"))
    expect(page.locator("#connection")).to_have_class(re.compile(r"\bonline\b"))


# IN_VIEW, asked again at each frame until it holds (smooth scrolling takes some
# frames), or false after 600 frames: a state waited for in the page, not a time.
IN_VIEW_SOON = (
    """(node) => new Promise(done => { const inView = """
    + IN_VIEW
    + """; let frames = 0;
  const check = () => inView(node) ? done(true)
    : (++frames > 600 ? done(false) : requestAnimationFrame(check));
  check(); })"""
)


def wait_in_view(locator) -> None:
    """Until the element is wholly inside the (visual) viewport; smooth scrolling takes a moment."""
    assert locator.evaluate(IN_VIEW_SOON), f"not in view: {locator}"


def textarea_top(page: Page) -> float:
    return page.evaluate(
        "document.getElementById('post-text').getBoundingClientRect().top + scrollY"
    )


def test_posting_says_sent_and_brings_the_new_card_into_view(room, browser: Browser):
    room.phase("identify")
    for n in range(6):
        room.enter(f"Sumbatan lama nomor {n} yang sudah ada di papan sektor ini")
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        join(page, room.links["join_url"], "Sari")
        expect(page.locator("article.card")).to_have_count(6)
        page.locator("#post-text").fill("Antrean KTP-el sampai tiga jam di kecamatan")
        page.get_by_role("button", name="Kirim sumbatan").click()
        sent = page.locator("#post-sent")
        expect(sent).to_have_text(re.compile("Terkirim"))
        expect(sent).to_have_attribute("aria-live", "polite")
        assert sent.evaluate(IN_VIEW)
        card = page.locator("article.card", has_text="Antrean KTP-el sampai tiga jam")
        expect(card).to_have_class(re.compile(r"\bjust-posted\b"))
        wait_in_view(card)
        # Typing the next one clears the confirmation.
        page.locator("#post-text").fill("Berikutnya")
        expect(sent).to_be_hidden()
    finally:
        context.close()


def test_text_box_near_the_top_and_send_button_above_the_keyboard(room, browser: Browser):
    room.phase("identify")
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        join(page, room.links["join_url"], "Sari")
        expect(page.locator("#post-fields")).to_be_enabled()
        # Before: 485 px of header, banner, prompt, connection, link, tabs and heading.
        assert textarea_top(page) <= 320
        # The connection is a dot in the header, its words kept for screen readers.
        status = page.locator("#connection")
        expect(status).to_have_text("Terhubung")
        assert status.evaluate("n => n.getBoundingClientRect().height") <= 44
        assert status.evaluate("n => n.closest('.topbar') !== null")
        # The own sector is first among the tabs, and marked.
        own = page.locator("#sector-tabs .tab").first
        expect(own).to_contain_text(SECTOR)
        expect(own.locator(".tab-own")).to_be_visible()
        # The keyboard takes half the screen: the box and its send button stay in view.
        page.set_viewport_size({"width": 360, "height": 360})
        page.locator("#post-text").focus()
        page.locator("#post-text").press_sequentially("Antrean")
        send = page.get_by_role("button", name="Kirim sumbatan")
        # (expect polls from Python: the page's CSP forbids the eval of wait_for_function)
        expect(send).to_be_in_viewport(ratio=1)
        assert send.evaluate(IN_VIEW)
        assert page.locator("#post-text").evaluate("n => n.getBoundingClientRect().top >= 0")
    finally:
        context.close()


def test_one_quiet_note_when_nothing_is_collected(room, browser: Browser):
    room.phase("vote")
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        join(page, room.links["join_url"], "Sari")
        notes = page.locator(".board-note:visible")
        expect(notes).to_have_count(1)
        # And when they are collected again (issue 24).
        expect(notes).to_have_text(
            "Fase ini tidak mengumpulkan sumbatan atau solusi baru: solusi dibuka pada fase Solusi."
        )
    finally:
        context.close()


def test_vote_rows_keep_their_words_whole_at_360_px(room, browser: Browser):
    room.phase("identify")
    card = room.enter("Izin usaha mikro harus bolak-balik ke tiga kantor")
    room.enter("Satu loket terpadu di kecamatan", kind="solution", parent_id=card["id"])
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        join(page, room.links["join_url"], "Sari")
        for kind, row in (
            ("vote", "article.card > .vote-row"),
            ("prioritise", "li.solution .vote-row"),
        ):
            room.phase(kind)
            label = page.locator(row).first.locator(".my-votes")
            expect(label).to_be_visible()
            assert label.evaluate(LINES) <= 2, kind
            assert label.evaluate(BROKEN_WORDS) == [], kind
            for button in page.locator(row).first.locator(".button").all():
                assert button.evaluate(BROKEN_WORDS) == [], kind
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_prioritising_board_of_14_cards_is_compact(room, browser: Browser):
    room.phase("identify")
    for n in range(14):
        room.enter(f"Antrean layanan KTP-el nomor {n} terlalu panjang di kantor kecamatan")
    room.phase("prioritise")
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        join(page, room.links["join_url"], "Sari")
        expect(page.locator(".usg-open")).to_have_count(14)
        # Before: a full form on every card, 8,820 px for this board.
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 4000, height
        card = page.locator("article.card").first
        card.get_by_role("button", name="Beri skor").click()
        editor = card.locator(".usg-editor")
        expect(editor).to_be_visible()
        expect(page.locator(".usg-editor:visible")).to_have_count(1)
        expect(editor).to_contain_text("1 = sangat rendah, 3 = sedang, 5 = sangat tinggi")
        expect(editor).to_contain_text("Seberapa mendesak harus diatasi?")
        for group, value in (("u", "5"), ("s", "4"), ("g", "3")):
            editor.locator(f".usg-{group} .usg-pick", has_text=value).click()
        editor.get_by_role("button", name="Simpan skor").click()
        expect(editor).to_be_hidden()
        expect(card.locator(".usg-summary")).to_have_text("Skor USG 12 · U 5 S 4 G 3")
        expect(card.locator(".usg-changed")).to_have_text("diubah oleh Sari, baru saja")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_two_phones_scoring_one_card_never_overwrite_silently(room, browser: Browser):
    room.phase("identify")
    room.enter("Puskesmas pembantu tutup pada jam kerja")
    room.phase("prioritise")
    contexts = [browser.new_context(**PHONE) for _ in range(2)]
    try:
        sari, budi = (context.new_page() for context in contexts)
        join(sari, room.links["join_url"], "Sari")
        join(budi, room.links["join_url"], "Budi")
        # Both open the form on the unscored card at the same moment.
        for page in (sari, budi):
            page.get_by_role("button", name="Beri skor").click()
        for page, u in ((sari, "5"), (budi, "2")):
            page.locator(".usg-u .usg-pick", has_text=u).click()
        sari.get_by_role("button", name="Simpan skor").click()
        expect(sari.locator(".usg-summary")).to_contain_text("U 5")
        # Budi's form says who changed it and to what, and asks; nothing overwritten yet.
        clash = budi.locator(".usg-conflict")
        expect(clash).to_be_visible()
        expect(clash).to_contain_text("Sari mengubah skor ini saat Anda mengisinya:")
        expect(clash).to_contain_text("U 5")
        expect(budi.locator(".usg-changed")).to_have_text("diubah oleh Sari, baru saja")
        # He chooses to overwrite, knowingly: Sari's phone sees his score and his name.
        budi.get_by_role("button", name="Simpan skor saya").click()
        expect(budi.locator(".usg-editor")).to_be_hidden()
        expect(sari.locator(".usg-summary")).to_contain_text("U 2")
        expect(sari.locator(".usg-changed")).to_have_text("diubah oleh Budi, baru saja")
    finally:
        for context in contexts:
            context.close()


def test_a_phone_on_the_home_page_is_offered_the_join_code_first(live_server, browser: Browser):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        code = page.get_by_label("Kode lokakarya")
        expect(code).to_be_visible()
        assert code.evaluate(IN_VIEW)
        start = page.get_by_role("link", name="Lokakarya baru")
        expect(start).to_be_hidden()
        page.get_by_text("Fasilitator: mulai lokakarya baru").click()
        expect(start).to_be_visible()
    finally:
        context.close()


def test_english_phones_see_default_phases_in_english(room, browser: Browser):
    room.phase("identify")
    context = browser.new_context(**ENGLISH)
    try:
        page = context.new_page()
        join(page, room.links["join_url"], "Sari", english=True)
        expect(page.locator("#phase-name")).to_have_text("Identify bottlenecks")
        expect(page.locator("#phase-prompt")).to_have_text(
            "Write down the bottlenecks in your sector's services. One card, one bottleneck."
        )
        # A name the facilitator typed stays as typed.
        phase = next(p for p in room.snapshot["workshop"]["phases"] if p["kind"] == "identify")
        room.call(
            "phase:save",
            {"id": phase["id"], "name": "Curah pendapat", "prompt": "Tulis satu sumbatan."},
        )
        expect(page.locator("#phase-name")).to_have_text("Curah pendapat")
        expect(page.locator("#phase-prompt")).to_have_text("Tulis satu sumbatan.")
    finally:
        context.close()
