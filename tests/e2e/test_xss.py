"""Hostile text typed as names, agencies, cards, solutions and cluster titles is
shown as typed and never runs, on the phone board, the facilitator page and
the projector."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from .helpers import LAPTOP, PHONE

PAYLOADS = [
    "<script>window.__xss=1;alert('script')</script>",
    "<img src=x onerror=\"window.__xss=1;alert('img')\">",
    "<svg/onload=window.__xss=1;alert('svg')>",
    "javascript:window.__xss=1;alert('url')",
    '"><b id=injected>tebal</b><a href="javascript:alert(1)">klik</a>',
    "\u202eKTP-el gnp.exe \u202c antrean",
    "{{ 7*7 }} {% if 1 %}x{% endif %} ${7*7}",
    "<iframe srcdoc='<script>parent.__xss=1</script>'></iframe>",
]
NAME = '<img src=x onerror="window.__xss=1">Andi'
AGENCY = "<script>window.__xss=1</script>Dinkes"
CLUSTER = "<svg onload=window.__xss=1>Antrean</svg>"


def guard(page: Page) -> None:
    def dialog(d):
        raise AssertionError(f"a dialog opened: {d.message}")

    page.on("dialog", dialog)


def assert_inert(page: Page) -> None:
    assert page.evaluate("window.__xss") is None, "no injected script ran"
    assert page.locator("#injected").count() == 0, "no markup from user text"
    injected = (
        "main iframe, main script:not([type='application/json']), main img[src=x], main svg[onload]"
    )
    assert page.locator(injected).count() == 0


def test_hostile_text_is_shown_as_typed_and_never_runs(live_server, browser: Browser):
    links = live_server.create_workshop("Uji XSS", phase="identify")
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    try:
        steering = laptop.new_page()
        guard(steering)
        steering.goto(links["facilitator_url"])
        expect(steering.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
        projector = laptop.new_page()
        guard(projector)
        projector.goto(links["presenter_url"])

        page = phone.new_page()
        guard(page)
        page.goto(links["join_url"])
        page.get_by_label("Nama").fill(NAME)
        page.get_by_label("Instansi (OPD)").fill(AGENCY)
        page.get_by_label("Kesehatan").check()
        page.get_by_role("button", name="Gabung").click()
        expect(page).to_have_url(re.compile(r"/board$"))
        expect(page.locator(".topbar .who")).to_have_text(NAME)
        for text in PAYLOADS:
            page.locator("#post-text").fill(text)
            page.get_by_role("button", name="Kirim sumbatan").click()
        cards = page.locator("article.card:not(.pending)")
        expect(cards).to_have_count(len(PAYLOADS))
        first = cards.filter(has_text="KTP-el gnp.exe").first
        first.get_by_role("button", name="Usulkan solusi").click()
        first.locator("textarea").fill(PAYLOADS[0])
        first.get_by_role("button", name="Kirim solusi").click()
        expect(first.locator(".solution:not(.pending) .card-text")).to_have_text(PAYLOADS[0])

        # A cluster titled with markup, made on the facilitator's page.
        board = steering.locator(
            ".board-column", has=steering.get_by_role("heading", name="Kesehatan")
        )
        sector_id = int(board.get_attribute("data-sector"))
        card_id = int(first.get_attribute("data-card"))
        reply = steering.evaluate(
            """([code, sector, title, card]) => new Promise(done => {
                 const s = io({auth: {workshop: code}});
                 setTimeout(() => done({ok: false, error: 'no answer'}), 10000);
                 s.timeout(5000).emit('cluster:save', {sector_id: sector, title}, (e, a) => {
                   if (e || !a.ok) return done({ok: false, error: String(e), reply: a});
                   s.timeout(5000).emit('card:cluster', {card_id: card, cluster_id: a.cluster.id},
                          (e2, b) => done(b || {ok: false, error: String(e2)}));
                 });
               })""",
            [links["code"], sector_id, CLUSTER, card_id],
        )
        assert reply["ok"], reply

        for view in (page, steering, projector):
            for text in PAYLOADS:
                shown = view.locator(".card-text", has_text=text.strip()[:20]).first
                expect(shown).to_have_text(text.strip())
            assert_inert(view)
        expect(steering.get_by_text(NAME).first).to_be_visible()
        expect(steering.get_by_text(AGENCY).first).to_be_visible()
        expect(steering.get_by_text(CLUSTER).first).to_be_visible()
        expect(projector.get_by_text(CLUSTER).first).to_be_visible()
        expect(page.get_by_text(CLUSTER).first).to_be_visible()
        for view in (page, steering, projector):
            assert_inert(view)
    finally:
        phone.close()
        laptop.close()
