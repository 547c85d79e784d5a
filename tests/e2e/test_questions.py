"""Speakers' questions in Chromium (issue 28, point 2): phones ask (one without
its name) and upvote, the cockpit sets the speaker, approves and highlights,
the projector at 1280 x 720 shows the highlighted question large and the next
ones readable from the back, marked answered; a phone that reloads keeps its
upvote; nobody else ever sees the name behind the anonymous question."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from workshop.core.models import Workshop
from workshop.extensions import db
from workshop.questions.models import Question

from .helpers import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    choose_phase,
    fail_on_dialog,
    join,
    show_tab,
    steer,
    violations,
    watch_errors,
)

SECTOR = "Administrasi Kependudukan"
SECRET = "Mengapa pungutan di loket KTP-el masih ada?"
OPEN = "Kapan layanan keliling dimulai di desa kami?"


def font_px(page: Page, selector: str) -> float:
    return float(
        page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    )


def inside_viewport(page: Page, selector: str) -> bool:
    return bool(
        page.locator(selector).first.evaluate(
            "e => { const r = e.getBoundingClientRect(); return r.top >= 0"
            " && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }"
        )
    )


def test_phones_ask_and_upvote_the_cockpit_steers_the_projector_shows(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek tanya jawab")
    # bypass_csp: axe-core is added to the pages at the end.
    laptop = browser.new_context(**LAPTOP, bypass_csp=True)
    hall = browser.new_context(**PROJECTOR, bypass_csp=True)
    phones = [browser.new_context(**PHONE, bypass_csp=True) for _ in range(2)]
    errors: list[str] = []
    try:
        steering = laptop.new_page()
        steering.on("dialog", fail_on_dialog)
        watch_errors(steering, errors)
        steering.goto(links["facilitator_url"])
        expect(steering.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
        projector = hall.new_page()
        watch_errors(projector, errors)
        projector.goto(links["presenter_url"])
        andi, budi = (context.new_page() for context in phones)
        for page, name in ((andi, "Andi"), (budi, "Budi")):
            page.on("dialog", fail_on_dialog)
            watch_errors(page, errors)
            join(page, links["join_url"], name, "Disdukcapil", SECTOR)

        # The cockpit's kind picker offers the step; it is added, then opened from the phase bar.
        show_tab(steering, "settings")
        kinds = steering.locator("#phase-add-kind")
        expect(kinds.locator("option", has_text="Tanya jawab narasumber")).to_have_count(1)
        kinds.select_option(label="Tanya jawab narasumber")
        steering.locator("#phase-add").get_by_role("button", name="Tambah fase").click()
        expect(
            steering.locator("#phase-bar .phase-button", has_text="Tanya jawab narasumber")
        ).to_be_visible()
        show_tab(steering, "boards")
        choose_phase(steering, "Tanya jawab narasumber")
        panel = steering.locator("#questions-steer")
        expect(panel).to_be_visible()
        steering.locator("#questions-speaker").fill("Dr. Ratna Sari")
        steering.locator("#questions-topic-input").fill("Inovasi layanan adminduk")
        steering.locator("#questions-approval").check()
        panel.get_by_role("button", name="Simpan").click()

        # Phones: the question panel instead of the board, with the speaker's name.
        for page in (andi, budi):
            expect(page.locator("#questions-title")).to_have_text(
                "Tanya jawab dengan Dr. Ratna Sari"
            )
            expect(page.locator("#post-form")).to_be_hidden()
        expect(projector.locator("#questions-speaker")).to_have_text(
            "Tanya jawab dengan Dr. Ratna Sari"
        )
        expect(projector.locator("#boards")).to_be_hidden()

        # Andi asks without his name: it waits for approval, unseen by Budi.
        andi.locator("#question-text").fill(SECRET)
        andi.get_by_label("Tanya tanpa nama saya").check()
        andi.get_by_role("button", name="Kirim pertanyaan").click()
        mine = andi.locator(".question", has_text=SECRET)
        expect(mine).to_contain_text("Menunggu persetujuan fasilitator")
        expect(mine).to_contain_text("Andi (Anda)")
        budi.locator("#question-text").fill(OPEN)
        budi.get_by_role("button", name="Kirim pertanyaan").click()
        expect(budi.locator(".question", has_text=OPEN)).to_be_visible()
        expect(budi.locator(".question", has_text=SECRET)).to_have_count(0)

        # The cockpit approves both; the anonymous one is anonymous there too.
        waiting = steering.locator("#questions-pending .fac-question")
        expect(waiting).to_have_count(2)
        secret_row = waiting.filter(has_text=SECRET)
        expect(secret_row).to_contain_text("Anonim")
        expect(secret_row).not_to_contain_text("Andi")
        for text in (SECRET, OPEN):
            steering.locator("#questions-pending .fac-question", has_text=text).get_by_role(
                "button", name="Setujui"
            ).click()
        expect(waiting).to_have_count(0)

        # Budi upvotes Andi's question, once; Andi cannot upvote his own.
        theirs = budi.locator(".question", has_text=SECRET)
        expect(theirs).to_contain_text("Anonim")
        theirs.get_by_role("button", name="Dukung").click()
        expect(theirs.locator(".question-upvote")).to_have_attribute("aria-pressed", "true")
        expect(theirs).to_contain_text("1 dukungan")
        expect(
            andi.locator(".question", has_text=SECRET).locator(".question-upvote")
        ).to_be_hidden()
        andi.locator(".question", has_text=OPEN).get_by_role("button", name="Dukung").click()
        expect(budi.locator(".question", has_text=OPEN)).to_contain_text("1 dukungan")

        # Highlighted: large on the projector, the other one under it, readable.
        shown = steering.locator("#questions-shown .fac-question", has_text=SECRET)
        shown.get_by_role("button", name="Tampilkan di proyektor").click()
        expect(projector.locator("#questions-lit-text")).to_have_text(SECRET)
        expect(projector.locator("#questions-lit-meta")).to_have_text("Anonim · 1 dukungan")
        expect(projector.locator("#questions-top .questions-text")).to_have_text([OPEN])
        assert font_px(projector, "#questions-lit-text") >= 40
        assert font_px(projector, "#questions-top .questions-text") >= 28
        assert inside_viewport(projector, "#questions-lit") and inside_viewport(
            projector, "#questions-top"
        )
        expect(budi.locator(".question", has_text=SECRET)).to_contain_text("Sedang tampil di layar")

        # Marked answered with a note: the projector says so, the phones too.
        shown.locator(".fac-question-note").fill("Dijawab: pengaduan lewat SP4N-LAPOR.")
        shown.get_by_role("button", name="Tandai terjawab").click()
        expect(projector.locator("#questions-lit-meta")).to_contain_text("Terjawab")
        expect(budi.locator(".question", has_text=SECRET)).to_contain_text("Terjawab")
        expect(
            budi.locator(".question", has_text=SECRET).locator(".question-upvote")
        ).to_be_hidden()

        # A phone that reloads (a reconnect) finds its upvote and the answers again.
        andi.reload()
        again = andi.locator(".question", has_text=OPEN)
        expect(again.locator(".question-upvote")).to_have_attribute("aria-pressed", "true")
        expect(andi.locator(".question", has_text=SECRET)).to_contain_text("Terjawab")

        # Nobody but Andi ever saw his name on the anonymous question.
        expect(budi.locator(".question", has_text=SECRET)).not_to_contain_text("Andi")
        expect(projector.locator("#questions-stage")).not_to_contain_text("Andi")
        expect(steering.locator("#questions-steer")).not_to_contain_text("Andi")
        expect(steering.locator("#questions-steer")).to_contain_text(OPEN)
        assert errors == []
        found = {
            name: violations(page)
            for name, page in (("phone", budi), ("projector", projector), ("cockpit", steering))
        }
        assert found == {"phone": [], "projector": [], "cockpit": []}
    finally:
        for context in (*phones, hall, laptop):
            context.close()


def test_a_question_typed_offline_waits_on_the_phone_and_goes_once(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek tanya jawab luring")
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    try:
        steering = laptop.new_page()
        steering.goto(links["facilitator_url"])
        expect(steering.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
        assert steer(steering, "phase:save", {"name": "Tanya jawab", "kind": "questions"})["ok"]
        choose_phase(steering, "Tanya jawab")
        page = phone.new_page()
        join(page, links["join_url"], "Citra", "Puskesmas", SECTOR)
        expect(page.locator("#questions-panel")).to_be_visible()
        expect(page.locator("#connection")).to_have_text("Terhubung")

        phone.set_offline(True)
        expect(page.locator("#connection")).to_have_class(re.compile(r"\boffline\b"), timeout=15000)
        page.locator("#question-text").fill(OPEN)
        page.get_by_role("button", name="Kirim pertanyaan").click()
        waiting = page.locator(".question.queued", has_text=OPEN)
        expect(waiting).to_contain_text("Disimpan di ponsel ini")
        kept = page.evaluate(
            "Object.keys(localStorage).filter(k => k.startsWith('urai:questions'))"
        )
        assert kept, "the question waits in the phone's storage"

        phone.set_offline(False)
        expect(page.locator("#connection")).to_have_text("Terhubung", timeout=20000)
        expect(page.locator(".question:not(.queued)", has_text=OPEN)).to_have_count(1)
        expect(page.locator(".question.queued")).to_have_count(0)
        expect(steering.locator("#questions-shown .fac-question", has_text=OPEN)).to_have_count(1)
    finally:
        for context in (phone, laptop):
            context.close()
    with live_server.app.app_context():
        workshop = Workshop.by_code(links["code"])
        query = select(Question.text).where(Question.workshop_id == workshop.id)
        sent = list(db.session.scalars(query))
        assert sent == [OPEN], "sent once"
