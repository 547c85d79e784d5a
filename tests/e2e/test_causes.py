"""Root causes live: the facilitator chooses a bottleneck for analysis, two
phones of its sector add a cause on a bone and a "why?" under it, and the
projector draws both on its fishbone and, after "T", the "why?" under its
cause in the problem tree; the phone's cause view fits 360 px."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from .helpers import PHONE, PROJECTOR, card_menu, choose_phase, join, open_steering

SECTOR = "Administrasi Kependudukan"
BOTTLENECK = "Pungutan liar untuk mempercepat KTP-el"
CAUSE = "Calo menunggu di depan kantor"
WHY = "Warga tidak tahu bahwa KTP-el <gratis>"
SOLUTION = "Spanduk tarif nol rupiah di loket"
PROPOSE, SOLUTION_LABEL, SEND_SOLUTION = "Usulkan solusi", "Usulan solusi Anda", "Kirim solusi"
ANSWERS_LABEL = "Akar masalah yang dijawab (opsional)"

# The texts the SVG shows of each card, its lines joined again.
SVG_TEXTS = """svg => Object.fromEntries([...svg.querySelectorAll('text[data-card]')].map(t =>
  [t.dataset.card, [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ')
     .replace(/^★ /, '')]))"""
# Controls in the cause view smaller than a thumb, text smaller than 16 px.
SMALL = """root => {
  const out = [];
  const shown = e => e.offsetParent !== null;
  for (const e of root.querySelectorAll('button, select, textarea, input')) {
    const r = e.getBoundingClientRect();
    if (shown(e) && (r.height < 43.5 || r.width < 43.5)) out.push(e.outerHTML.slice(0, 60));
  }
  for (const e of root.querySelectorAll('p, h3, h4, li, button, label, select, textarea')) {
    const px = parseFloat(getComputedStyle(e).fontSize);
    if (shown(e) && px < 16) out.push('font ' + e.outerHTML.slice(0, 60));
  }
  return out;
}"""
# The scale of the drawing (CSS px per unit), then the font size of every text in it.
SIZES = """svg => [svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
  ...[...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize))]"""


def svg_texts(projector: Page, view: str) -> dict[str, str]:
    return projector.locator(f".causes-svg[data-view={view}]").evaluate(SVG_TEXTS)


def test_two_phones_add_a_cause_and_its_why_and_the_projector_draws_them(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek akar masalah", phase="identify")
    laptop = browser.new_context(**PROJECTOR)
    phones = [browser.new_context(**PHONE) for _ in range(2)]
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        projector = laptop.new_page()
        projector.goto(links["presenter_url"])
        first, second = (context.new_page() for context in phones)
        join(first, links["join_url"], "Andi", "Disdukcapil", SECTOR)
        join(second, links["join_url"], "Budi", "Kecamatan Somba Opu", SECTOR)
        first.locator("#post-text").fill(BOTTLENECK)
        first.get_by_role("button", name="Kirim sumbatan").click()
        card = first.locator("article.card:not(.pending)")
        expect(card.locator(".card-text")).to_have_text(BOTTLENECK)
        bottleneck_id = card.get_attribute("data-card")

        # The facilitator chooses it for analysis and opens the causes phase.
        steering_card = steering.locator(f'li.card[data-card="{bottleneck_id}"]')
        card_menu(steering, steering_card).get_by_role(
            "menuitemcheckbox", name="Analisis akar masalah"
        ).click()
        expect(steering_card.locator(".fac-analysed-badge")).to_be_visible()
        expect(card.locator(".causes")).to_have_count(1)
        choose_phase(steering, "Akar masalah")

        # The first phone adds a cause on the Metode bone.
        card.get_by_role("button", name="Tambah penyebab").tap()
        card.get_by_label("Kategori (tulang pada diagram tulang ikan)").select_option(
            label="Metode"
        )
        card.get_by_label("Penyebabnya").fill(CAUSE)
        card.get_by_role("button", name="Kirim penyebab").tap()
        mine = card.locator('.bone-section[data-bone="method"] li.cause:not(.pending)')
        expect(mine.locator(".card-text")).to_have_text(CAUSE)
        expect(mine.locator(".card-status")).to_have_text("Tersimpan")
        cause_id = mine.get_attribute("data-card")

        # The second phone sees it live and answers "why?" under it.
        other = second.locator(f'li.cause[data-card="{cause_id}"]')
        expect(other.locator(".card-text").first).to_have_text(CAUSE)
        other.get_by_role("button", name="Mengapa?").first.tap()
        other.get_by_label("Mengapa hal ini terjadi?").fill(WHY)
        other.get_by_role("button", name="Kirim jawaban").tap()
        why = other.locator(".cause-children > li.cause:not(.pending)")
        expect(why.locator(".card-text")).to_have_text(WHY)
        why_id = why.get_attribute("data-card")
        expect(
            first.locator(f'li.cause[data-card="{cause_id}"] li.cause[data-card="{why_id}"]')
        ).to_have_count(1)

        # The facilitator sees the tree under the bottleneck and marks the root cause.
        nested = steering_card.locator(
            f'li.cause[data-card="{cause_id}"] li.cause[data-card="{why_id}"]'
        )
        expect(nested).to_have_count(1)
        card_menu(steering, nested).get_by_role("menuitemcheckbox", name="Akar masalah").click()
        expect(nested.locator(".fac-root-badge")).to_be_visible()
        expect(first.locator(f'li.cause[data-card="{why_id}"] .root-badge')).to_be_visible()

        # The projector: the fishbone with both texts, large, drawn 1:1.
        fishbone = projector.locator(".causes-svg[data-view=fishbone]")
        expect(fishbone).to_have_attribute("data-card", bottleneck_id)
        expect(fishbone.locator(f'text.root[data-card="{why_id}"]')).to_have_count(1)
        texts = svg_texts(projector, "fishbone")
        assert texts[cause_id] == CAUSE
        assert texts[why_id] == WHY
        assert projector.locator("#boards").is_hidden()
        sizes = fishbone.evaluate(SIZES)
        assert abs(sizes[0] - 1) < 0.01, "drawn at 1 px per unit"
        assert min(sizes[1:]) >= 20, "20 px text at 1280 x 720"
        box = fishbone.bounding_box()
        assert box["y"] + box["height"] <= 720 and box["x"] + box["width"] <= 1280

        # "T": the problem tree, the why in the row under its cause.
        projector.keyboard.press("t")
        tree = projector.locator(".causes-svg[data-view=tree]")
        expect(tree).to_have_count(1)
        expect(projector.locator("#causes-view")).to_have_attribute("aria-pressed", "true")
        assert svg_texts(projector, "tree")[why_id] == WHY
        parent = tree.locator(f'rect[data-card="{cause_id}"]').bounding_box()
        child = tree.locator(f'rect[data-card="{why_id}"]').bounding_box()
        assert child["y"] > parent["y"] + parent["height"]
        assert parent["x"] <= child["x"] + child["width"] / 2 <= parent["x"] + parent["width"]
        assert tree.locator(f'text[data-card="{why_id}"]').get_attribute("data-parent") == cause_id

        # A new cause arrives while the tree is up (the form stays open for
        # the next one): drawn without a reload.
        projector.evaluate("window.__still = true")
        card.get_by_label("Penyebabnya").fill("Blanko sering habis")
        card.get_by_role("button", name="Kirim penyebab").tap()
        expect(tree.locator("text", has_text="Blanko sering habis")).to_have_count(1)
        assert projector.evaluate("window.__still") is True

        # The phone's cause view fits 360 px, with thumb-sized controls and 16 px text.
        for page in (first, second):
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
            causes = page.locator(".causes").first
            assert causes.evaluate("e => e.scrollWidth <= e.clientWidth")
            assert causes.evaluate(SMALL) == []

        # Back to the boards in another phase; the focus brings one fishbone back.
        choose_phase(steering, "Solusi")
        expect(projector.locator(".board-column")).to_have_count(6)

        # A solution says which root cause it answers; every screen names it.
        on_second = second.locator(f'article.card[data-card="{bottleneck_id}"]')
        on_second.get_by_role("button", name=PROPOSE).tap()
        form = on_second.locator("form.solution-form")
        form.get_by_label(SOLUTION_LABEL).fill(SOLUTION)
        form.get_by_label(ANSWERS_LABEL).select_option(value=why_id)
        form.get_by_role("button", name=SEND_SOLUTION).tap()
        answered = on_second.locator("li.solution:not(.pending) .answers")
        expect(answered).to_have_text(f"Menjawab akar masalah: {WHY}")
        expect(steering_card.locator(".answers")).to_have_text(f"Menjawab akar masalah: {WHY}")
        expect(projector.locator("#causes-stage")).to_be_hidden()
        card_menu(steering, steering_card).get_by_role(
            "menuitem", name="Tampilkan di proyektor"
        ).click()
        expect(projector.locator(".causes-svg")).to_have_attribute("data-card", bottleneck_id)
        steering.locator("#bar-focus-off").click()
        expect(projector.locator("#causes-stage")).to_be_hidden()
        expect(projector.locator("body")).not_to_have_class(re.compile(r"causes-mode"))
    finally:
        for context in (*phones, laptop):
            context.close()
