"""A test answered without a connection (issue 28): the answer waits on the
phone, says so, survives a reload, and goes out once when the network returns."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from .helpers import CODE, LAPTOP, PHONE, join, open_steering, steer

SECTOR = "Administrasi Kependudukan"


def test_an_answer_waits_offline_and_counts_once_back_online(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek pre-test offline")
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        page = phone.new_page()
        join(page, links["join_url"], "Andi Rahmawati", "Disdukcapil", SECTOR)
        step = steer(steering, "phase:save", {"name": "", "kind": "pretest"})["phase"]["id"]
        question = {"text": "Apa arti sumbatan?", "choices": ["Hambatan", "Anggaran"], "answer": 0}
        assert steer(steering, "test:save", question)["ok"]
        assert steer(steering, "phase:set", {"phase_id": step})["ok"]
        test = page.locator("[data-activity=pretest]")
        expect(test.locator(".test-question")).to_have_count(1)

        phone.set_offline(True)
        expect(page.locator("#connection")).to_have_class(re.compile(r"\boffline\b"), timeout=15000)
        test.get_by_role("button", name="A. Hambatan").click()
        expect(test).to_contain_text("Menunggu koneksi; jawaban akan dikirim.")
        waiting = page.evaluate("localStorage.getItem('urai:test-pretest:' + " + CODE + ")")
        assert '"choice":0' in waiting

        phone.set_offline(False)
        expect(test).to_contain_text("Jawaban terkirim.", timeout=20000)
        expect(steering.locator("[data-activity=pretest] [data-test-phones]")).to_have_text(
            "1 dari 1 ponsel sudah menjawab."
        )
        state = steer(steering, "sync", {})
        results = state["snapshot"]["activities"]["pretest"]["results"]
        assert results["phones"]["pre"] == 1
    finally:
        for context in (laptop, phone):
            context.close()
