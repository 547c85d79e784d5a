"""A phone joins and posts; the projector shows it live, without a reload."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Dialog, expect

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "id-ID",
}
LAPTOP = {"viewport": {"width": 1366, "height": 768}, "locale": "id-ID"}


def fail_on_dialog(dialog: Dialog) -> None:
    raise AssertionError(f"a dialog opened: {dialog.message}")


def test_phone_posts_bottleneck_and_solution_and_projector_shows_both(
    live_server, browser: Browser
):
    links = live_server.cli("create", "--title", "Bimtek Inovasi Kabupaten", "--json")
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    try:
        projector = laptop.new_page()
        projector.on("dialog", fail_on_dialog)
        projector.goto(links["presenter_url"])
        expect(projector).to_have_url(re.compile(r"/w/\w+/present$"))
        expect(projector.locator(".board-column")).to_have_count(6)
        expect(projector.locator(".join-strip .join-code")).to_have_text(links["code"])
        projector.evaluate("window.__notReloaded = true")
        # The session opens in the lobby; the facilitator starts collecting bottlenecks.
        steering = laptop.new_page()
        steering.on("dialog", fail_on_dialog)
        steering.goto(links["facilitator_url"])
        # The buttons come alive once the page has the session's state.
        expect(steering.locator("#phase-next")).to_have_attribute("aria-disabled", "false")
        steering.locator("#phase-next").click()
        expect(steering.locator(".phase-button[aria-current=step]")).to_contain_text(
            "Identifikasi sumbatan"
        )

        page = phone.new_page()
        page.on("dialog", fail_on_dialog)
        page.goto(links["join_url"])
        page.get_by_label("Nama").fill("Andi Rahmawati, S.Pd.")
        page.get_by_label("Instansi (OPD)").fill("Puskesmas Bontonompo")
        page.get_by_label("Jabatan").fill("Kepala Puskesmas")
        page.get_by_label("Kesehatan").check()
        page.get_by_role("button", name="Gabung").click()
        expect(page).to_have_url(re.compile(r"/board$"))
        expect(page.locator("#connection")).to_have_text("Terhubung")
        expect(page.locator("#board-heading")).to_have_text("Kesehatan")
        expect(projector.locator("#total-people")).to_have_text("1")

        bottleneck = "Antrean obat di Puskesmas 2-3 jam <b>tiap</b> Senin"
        page.locator("#post-text").fill(bottleneck)
        page.get_by_role("button", name="Kirim sumbatan").click()
        card = page.locator("article.card:not(.pending)")
        expect(card.locator(".card-text")).to_have_text(bottleneck)

        health = projector.locator(
            ".board-column", has=projector.get_by_role("heading", name="Kesehatan")
        )
        expect(health.locator(".card > .card-text")).to_have_text(bottleneck, timeout=2000)

        card.get_by_role("button", name="Usulkan solusi").tap()
        solution = "Nomor antrean lewat WhatsApp & loket khusus lansia"
        card.locator("textarea").fill(solution)
        card.get_by_role("button", name="Kirim solusi").tap()
        expect(card.locator(".solution:not(.pending) .card-text")).to_have_text(solution)
        expect(health.locator(".solution .card-text")).to_have_text(solution, timeout=2000)
        expect(health.locator(".count-cards")).to_have_text("2 kartu")

        assert projector.evaluate("window.__notReloaded") is True
        # Markup typed by a participant is shown as typed, never run as HTML.
        assert health.locator(".card b").count() == 0
    finally:
        phone.close()
        laptop.close()


def test_rejoining_from_the_same_phone_keeps_the_participant(live_server, browser: Browser):
    links = live_server.cli("create", "--title", "Bimtek ulang", "--json")
    phone = browser.new_context(**PHONE)
    try:
        page = phone.new_page()
        page.goto(links["join_url"])
        page.get_by_label("Nama").fill("Baharuddin")
        page.get_by_label("Instansi (OPD)").fill("Kecamatan Pallangga")
        page.get_by_label("Pendidikan").check()
        page.get_by_role("button", name="Gabung").click()
        expect(page).to_have_url(re.compile(r"/board$"))

        page.goto(links["join_url"])
        expect(page.get_by_label("Nama")).to_have_value("Baharuddin")
        page.get_by_label("Kelurahan/Kecamatan").check()
        page.get_by_role("button", name="Lanjutkan").click()
        expect(page.locator("#board-heading")).to_have_text("Kelurahan/Kecamatan")
    finally:
        phone.close()
    listed = {w["code"]: w for w in live_server.cli("list", "--json")}
    assert listed[links["code"]]["participants"] == 1
