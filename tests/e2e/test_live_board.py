"""A phone joins and posts; the projector shows it live, without a reload."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.conftest import post_through_socket
from tests.live import join_session, key_session, socket_client

from .helpers import LAPTOP, PHONE, facilitator_socket, fail_on_dialog


def test_phone_posts_bottleneck_and_solution_and_projector_shows_both(
    live_server, browser: Browser
):
    # The facilitator has started collecting bottlenecks.
    links = live_server.create_workshop("Bimtek Inovasi Kabupaten", phase="identify")
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    try:
        projector = laptop.new_page()
        projector.on("dialog", fail_on_dialog)
        projector.goto(links["presenter_url"])
        expect(projector).to_have_url(re.compile(r"/w/\w+/present$"))
        expect(projector.locator(".board-column")).to_have_count(6)
        expect(projector.locator(".join-strip .join-code")).to_have_text(links["code"])
        expect(projector.locator("#phase-name")).to_have_text("Identifikasi sumbatan")
        projector.evaluate("window.__notReloaded = true")

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
    links = live_server.create_workshop("Bimtek ulang")
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
    assert live_server.counts(links["code"])["participants"] == 1


def test_a_workshop_made_by_another_process_is_found_at_once(live_server):
    """The tests make their workshops in their own process: the running server, which
    has already served other workshops, finds a new one, its phase and its links at
    once (no cache of this process hides what another process wrote)."""
    earlier = live_server.create_workshop("Bimtek sebelumnya")
    assert key_session(earlier["facilitator_url"]).get(earlier["join_url"], timeout=10).ok

    made = live_server.create_workshop("Bimtek proses lain", phase="identify")
    boss = facilitator_socket(live_server, made)
    try:
        workshop = boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]
        assert workshop["title"] == "Bimtek proses lain"
        identify = next(p["id"] for p in workshop["phases"] if p["kind"] == "identify")
        assert workshop["phase_id"] == identify
        sector_id = workshop["sectors"][0]["id"]
        phone = socket_client(
            live_server.url,
            join_session(live_server.url, made["code"], "Andi", sector_id),
            made["code"],
        )
        try:
            ack = post_through_socket(
                phone, sector_id, "Antrean panjang", client_id="other-process-0001"
            )
            assert ack["ok"], ack  # the phase set in this process: collecting bottlenecks
        finally:
            phone.disconnect()
    finally:
        boss.disconnect()
    assert live_server.counts(made["code"]) == {"participants": 1, "cards": 1}
