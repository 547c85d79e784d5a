"""Polls and word clouds in the browser: phones answer, the projector (1280x720)
draws the bars or the cloud, the cockpit edits, reveals and moderates."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, Page, expect

from .helpers import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    facilitator_socket,
    fail_on_dialog,
    join,
    violations,
    watch_errors,
)


def add_step(server: Any, links: dict[str, Any], kind: str) -> int:
    """A poll or word-cloud step made current, as the phase set-up would."""
    boss = facilitator_socket(server, links)
    try:
        reply = boss.call("phase:save", {"name": "Polling", "kind": kind}, timeout=10)
        assert reply["ok"], reply
        phase_id: int = reply["phase"]["id"]
        assert boss.call("phase:set", {"phase_id": phase_id}, timeout=10)["ok"]
    finally:
        boss.disconnect()
    return phase_id


def open_cockpit(browser: Browser, url: str, errors: list[str]) -> Page:
    """The facilitator's page with its poll panel (the step is the last: no "next")."""
    steering = browser.new_context(**LAPTOP).new_page()
    steering.on("dialog", fail_on_dialog)
    watch_errors(steering, errors)
    steering.goto(url)
    expect(steering.locator(".poll-cockpit:visible")).to_be_visible()
    return steering


def phones(browser: Browser, links: dict[str, Any], n: int, errors: list[str]) -> list[Page]:
    pages = []
    for i in range(n):
        page = browser.new_context(**PHONE).new_page()
        watch_errors(page, errors)
        join(page, links["join_url"], f"Peserta {i}", "Dinas Dukcapil", "Administrasi Kependudukan")
        pages.append(page)
    return pages


def test_a_poll_hidden_then_revealed(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek Polling")
    add_step(live_server, links, "poll")
    errors: list[str] = []
    steering = open_cockpit(browser, links["facilitator_url"], errors)
    cockpit = steering.locator("#poll-cockpit")
    expect(cockpit).to_be_visible()
    # The facilitator types the question and options, results hidden until revealed.
    cockpit.get_by_label("Pertanyaan").fill("Layanan mana paling mendesak dibenahi?")
    options = cockpit.locator("#poll-edit-options input")
    options.nth(0).fill("KTP-el")
    options.nth(1).fill("Akta kelahiran")
    cockpit.get_by_role("button", name="Tambah opsi").click()
    options.nth(2).fill("Kartu keluarga")
    cockpit.get_by_label("Hasil").select_option("hidden")
    cockpit.get_by_role("button", name="Simpan").click()
    expect(cockpit.locator("#poll-edit-msg")).to_have_text("Tersimpan")

    projector = browser.new_context(**PROJECTOR).new_page()
    watch_errors(projector, errors)
    projector.goto(links["presenter_url"])
    stage = projector.locator('.poll-stage[data-activity="poll"]')
    expect(stage.locator(".poll-question")).to_have_text("Layanan mana paling mendesak dibenahi?")
    expect(projector.locator("#boards")).to_be_hidden()

    room = phones(browser, links, 3, errors)
    for page, choice in zip(room, ["KTP-el", "Akta kelahiran", "KTP-el"], strict=True):
        panel = page.locator('.poll-phone[data-activity="poll"]')
        expect(panel).to_be_visible()
        expect(page.locator("#post-form")).to_be_hidden()
        panel.get_by_role("button", name=choice).click()
        expect(panel.get_by_role("button", name=choice)).to_have_attribute("aria-pressed", "true")
    # A phone changes its mind: still three answers.
    changed = (
        room[2]
        .locator('.poll-phone[data-activity="poll"]')
        .get_by_role("button", name="Kartu keluarga")
    )
    changed.click()
    expect(changed).to_have_attribute("aria-pressed", "true")

    expect(stage.locator("[data-poll-total]")).to_have_text("3 jawaban")
    expect(stage.locator("[data-poll-hidden]")).to_be_visible()
    expect(stage.locator("[data-poll-bars]")).to_be_hidden()
    expect(cockpit.locator("#poll-cockpit-bars .poll-bar")).to_have_count(3)

    cockpit.get_by_role("button", name="Tampilkan hasil").click()
    bars = stage.locator("[data-poll-bars] .poll-bar")
    expect(bars).to_have_count(3)
    expect(bars.nth(0).locator(".poll-bar-count")).to_have_text("1 · 33%")
    expect(bars.nth(1).locator(".poll-bar-count")).to_have_text("1 · 33%")
    expect(bars.nth(2).locator(".poll-bar-count")).to_have_text("1 · 33%")
    # Large enough for the back row, and all on the 1280x720 screen.
    size = bars.nth(0).evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 24, size
    box = bars.nth(2).bounding_box()
    assert box is not None and box["y"] + box["height"] <= 720

    # Closed: the phones see the result, their own choice marked.
    cockpit.get_by_role("button", name="Tutup jawaban").click()
    expect(room[0].locator("[data-poll-results] .poll-bar")).to_have_count(3)
    expect(room[0].locator('[data-activity="poll"] [data-poll-note]')).to_have_text(
        "Polling ini sudah ditutup."
    )
    expect(
        room[0].locator('.poll-phone[data-activity="poll"]').get_by_role("button", name="KTP-el")
    ).to_be_disabled()
    assert errors == []


def test_a_word_cloud_with_stop_words_profanity_and_a_hidden_word(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek Awan Kata")
    add_step(live_server, links, "wordcloud")
    errors: list[str] = []
    steering = open_cockpit(browser, links["facilitator_url"], errors)
    cockpit = steering.locator("#wordcloud-cockpit")
    cockpit.get_by_label("Pertanyaan").fill("Satu kata tentang pelayanan kita?")
    cockpit.get_by_role("button", name="Simpan").click()
    projector = browser.new_context(**PROJECTOR).new_page()
    watch_errors(projector, errors)
    projector.goto(links["presenter_url"])
    cloud = projector.locator(".poll-stage [data-poll-cloud]")

    room = phones(browser, links, 3, errors)
    answers = [
        ["Pelayanan yang CEPAT!", "antrean", "anjing"],
        ["pelayanan cepat", "calo"],
        ["Pelayanan, cepat", "antrean"],
    ]
    for page, texts in zip(room, answers, strict=True):
        for text in texts:
            page.locator("#wordcloud-text").fill(text)
            page.locator("#wordcloud-form").get_by_role("button", name="Kirim").click()
            expect(page.locator("#wordcloud-mine li", has_text=text)).to_be_visible()
    expect(room[0].locator("#wordcloud-form")).to_be_hidden()  # three entries sent
    expect(room[0].locator("#wordcloud-mine li", has_text="anjing")).to_contain_text("menunggu")

    words = cloud.locator(".wordcloud-word")
    expect(words).to_have_count(3)
    expect(cloud.get_by_text("pelayanan cepat", exact=True)).to_be_visible()
    expect(cloud.get_by_text("anjing")).to_have_count(0)
    size = "e => parseFloat(e.style.fontSize)"
    big = cloud.get_by_text("pelayanan cepat", exact=True).evaluate(size)
    small = cloud.get_by_text("calo", exact=True).evaluate(size)
    assert big > small >= 24, (big, small)
    boxes = [words.nth(i).bounding_box() for i in range(3)]
    for i, a in enumerate(boxes):
        assert a and a["x"] >= 0 and a["y"] + a["height"] <= 720
        for b in boxes[i + 1 :]:
            assert b
            apart = (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            )
            assert apart, (a, b)

    # The cockpit sees what the filter held, and takes a word off the projector.
    expect(cockpit.locator("#wordcloud-held li")).to_have_text(["anjing" + "Loloskan"])
    cockpit.get_by_role("button", name="Sembunyikan: calo").click()
    expect(cloud.get_by_text("calo", exact=True)).to_have_count(0)
    expect(words).to_have_count(2)
    expect(cockpit.locator("#wordcloud-terms li.hidden-term")).to_contain_text("calo")
    assert errors == []


def test_an_answer_typed_offline_waits_on_the_phone_and_counts_once(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek Awan Kata Luring")
    phase_id = add_step(live_server, links, "wordcloud")
    errors: list[str] = []
    (page,) = phones(browser, links, 1, errors)
    expect(page.locator("#connection")).to_have_text("Terhubung")
    page.context.set_offline(True)
    expect(page.locator("#connection")).to_have_class(re.compile(r"\boffline\b"), timeout=15000)
    page.locator("#wordcloud-text").fill("Jaringan lambat")
    page.locator("#wordcloud-form").get_by_role("button", name="Kirim").click()
    expect(page.locator('[data-activity="wordcloud"] [data-poll-note]')).to_have_text(
        "Disimpan di ponsel ini: dikirim saat koneksi kembali."
    )
    expect(page.locator("#wordcloud-mine li")).to_have_text(["Jaringan lambat"])
    page.context.set_offline(False)
    expect(page.locator("#connection")).to_have_text("Terhubung", timeout=20000)
    expect(page.locator('[data-activity="wordcloud"] [data-poll-note]')).not_to_have_text(
        re.compile("Disimpan"), timeout=20000
    )
    boss = facilitator_socket(live_server, links)
    try:
        (state,) = boss.call("sync", {}, timeout=10)["snapshot"]["activities"]["wordcloud"]
    finally:
        boss.disconnect()
    assert state["phase_id"] == phase_id
    assert state["terms"] == [{"term": "jaringan lambat", "count": 1, "hidden": False}]
    expect(page.locator("#wordcloud-mine li")).to_have_text(["Jaringan lambat"])
    # The browser's own words for the socket cut off by the network, none of the page's.
    assert [e for e in errors if "WebSocket connection to" not in e] == []


def test_the_poll_panels_pass_axe(live_server, browser: Browser):
    """No serious or critical accessibility violation on the phone's, the projector's
    and the cockpit's poll panels (axe-core)."""
    links = live_server.create_workshop("Bimtek Polling Aksesibel")
    phase_id = add_step(live_server, links, "poll")
    boss = facilitator_socket(live_server, links)
    try:
        options = [{"text": "KTP-el"}, {"text": "Akta kelahiran"}]
        reply = boss.call("poll:save", {"phase_id": phase_id, "options": options}, timeout=10)
        assert reply["ok"], reply
    finally:
        boss.disconnect()
    phone = browser.new_context(**PHONE, bypass_csp=True).new_page()
    join(phone, links["join_url"], "Sari", "Dinas Dukcapil", "Administrasi Kependudukan")
    phone.locator('.poll-phone[data-activity="poll"]').get_by_role("button", name="KTP-el").click()
    expect(
        phone.locator('.poll-phone[data-activity="poll"]').get_by_role("button", name="KTP-el")
    ).to_have_attribute("aria-pressed", "true")
    screen = browser.new_context(**PROJECTOR, bypass_csp=True).new_page()
    screen.goto(links["presenter_url"])
    expect(screen.locator("[data-poll-bars] .poll-bar")).to_have_count(2)
    laptop = browser.new_context(**LAPTOP, bypass_csp=True).new_page()
    laptop.goto(links["facilitator_url"])
    expect(laptop.locator("#poll-cockpit-bars .poll-bar")).to_have_count(2)
    pages = {"phone": phone, "projector": screen, "cockpit": laptop}
    found = {name: violations(page) for name, page in pages.items()}
    assert found == {"phone": [], "projector": [], "cockpit": []}


def test_a_pinned_spotlight_gives_way_to_the_poll_and_comes_back(live_server, browser: Browser):
    """A card kept large on the projector into the next step does not cover the
    poll the room is answering; back on the boards, it is there again."""
    links = live_server.demo_workshop()
    boss = facilitator_socket(live_server, links)
    try:
        snapshot = boss.call("sync", {}, timeout=10)["snapshot"]
        before = snapshot["workshop"]["phase_id"]
        card = next(c for c in snapshot["cards"] if c["status"] == "visible")
        assert boss.call("spotlight:set", {"card_id": card["id"], "pinned": True}, timeout=10)["ok"]
        projector = browser.new_context(**PROJECTOR).new_page()
        errors: list[str] = []
        watch_errors(projector, errors)
        projector.goto(links["presenter_url"])
        expect(projector.locator("#spotlight-text")).to_have_text(card["text"])

        add_step(live_server, links, "poll")
        expect(projector.locator('.poll-stage[data-activity="poll"]')).to_be_visible()
        expect(projector.locator("#spotlight")).to_be_hidden()

        assert boss.call("phase:set", {"phase_id": before}, timeout=10)["ok"]
        expect(projector.locator("#spotlight-text")).to_have_text(card["text"])
        expect(projector.locator("#spotlight")).to_be_visible()
        assert errors == []
    finally:
        boss.disconnect()
