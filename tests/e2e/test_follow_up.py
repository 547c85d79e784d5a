"""The follow-up meeting in real browsers: a phone that joined the workshop comes
back to it, reopened, with the same code; it marks its agency's action plan
"berjalan" with a note in one tap, and the facilitator's page shows the
progress at once, without a reload."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Browser, expect

from tests.live import LiveServer

from .helpers import LAPTOP, PHONE, facilitator_socket, fail_on_dialog, show_tab, violations


def plan_a_solution(server: LiveServer, links: dict[str, str]) -> None:
    """The facilitator types in a paper bottleneck and solution, and its action plan."""
    boss = facilitator_socket(server, links)
    try:
        state = boss.call("sync", {"since": None}, timeout=10)["snapshot"]["workshop"]
        sector = state["sectors"][0]["id"]
        bottleneck = boss.call(
            "card:enter",
            {
                "client_id": "e2e-fu-b-0001",
                "kind": "bottleneck",
                "sector_id": sector,
                "text": "Antrean PPDB di sekolah 4 jam",
            },
            timeout=10,
        )["card"]
        solution = boss.call(
            "card:enter",
            {
                "client_id": "e2e-fu-s-0001",
                "kind": "solution",
                "parent_id": bottleneck["id"],
                "text": "Pendaftaran PPDB daring dengan nomor antrean",
            },
            timeout=10,
        )["card"]
        deadline = (dt.date.today() + dt.timedelta(days=60)).isoformat()
        reply = boss.call(
            "card:plan",
            {
                "card_id": solution["id"],
                "agency": "Dinas Pendidikan",
                "responsible": "Sekretaris Dinas",
                "indicator": "Antrean < 30 menit",
                "deadline": deadline,
            },
            timeout=10,
        )
        assert reply["ok"], reply
    finally:
        boss.disconnect()


def test_a_phone_back_at_the_follow_up_meeting_reports_and_the_facilitator_sees_it(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek Tindak Lanjut")
    plan_a_solution(live_server, links)
    laptop = browser.new_context(**LAPTOP)
    # bypass_csp: the test injects axe-core into the page.
    phone = browser.new_context(**PHONE, bypass_csp=True)
    try:
        # The workshop day: the phone joins.
        page = phone.new_page()
        page.on("dialog", fail_on_dialog)
        page.goto(links["join_url"])
        page.get_by_label("Nama").fill("Siti Aminah")
        page.get_by_label("Instansi (OPD)").fill("dinas  pendidikan")
        page.get_by_label("Pendidikan", exact=True).check()
        page.get_by_role("button", name="Gabung").click()
        expect(page).to_have_url(re.compile(r"/board$"))
        page.close()

        # Weeks later the facilitator ends the workshop and reopens it for follow-up.
        steering = laptop.new_page()
        steering.on("dialog", fail_on_dialog)
        steering.goto(links["facilitator_url"])
        expect(steering.locator("#connection")).to_have_text("Terhubung")
        show_tab(steering, "followup")
        steering.locator("[data-lifecycle=end]").click()
        steering.locator("dialog.fac-confirm [data-confirm=yes]").click()  # asked first
        steering.locator("[data-lifecycle=follow_up]").click()
        expect(steering.locator("#fu-state-name")).to_have_text(
            re.compile("follow-up|tindak lanjut", re.I)
        )
        row = steering.locator("#fu-progress-body tr[data-agency='dinas pendidikan']")
        expect(row.locator("td").nth(0)).to_have_text("1")  # not started
        expect(row.locator("td").nth(1)).to_have_text("0")  # in progress
        steering.evaluate("window.__notReloaded = true")

        # The same phone, the same code: welcomed back, straight to its agency's plans.
        page = phone.new_page()
        page.on("dialog", fail_on_dialog)
        page.goto(links["join_url"])
        expect(page.get_by_label("Nama")).to_have_value("Siti Aminah")
        page.get_by_role("button", name="Lanjutkan").click()
        expect(page).to_have_url(re.compile(r"/follow-up$"))
        item = page.locator("article.fu-item")
        expect(item).to_have_count(1)
        expect(item.locator("h3")).to_have_text("Pendaftaran PPDB daring dengan nomor antrean")
        item.locator("textarea").fill("Uji coba di 5 SMP")
        item.locator("[data-status=berjalan]").tap()
        expect(item.locator("[data-status=berjalan]")).to_have_attribute("aria-pressed", "true")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the follow-up page is {width} px wide on a 360 px phone"
        assert violations(page) == []

        # The facilitator's page, live.
        expect(row.locator("td").nth(1)).to_have_text("1", timeout=3000)
        expect(row.locator("td").nth(0)).to_have_text("0")
        steering.locator(".fu-all summary").click()
        note = steering.locator("#fu-items article.fu-item textarea")
        expect(note).to_have_value("Uji coba di 5 SMP")
        assert steering.evaluate("window.__notReloaded") is True
    finally:
        laptop.close()
        phone.close()


def test_a_phone_left_on_its_board_follows_the_reopening_and_an_archive_stops_it(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek Dibuka Lagi")
    plan_a_solution(live_server, links)
    laptop = browser.new_context(**LAPTOP)
    phone = browser.new_context(**PHONE)
    try:
        page = phone.new_page()
        page.on("dialog", fail_on_dialog)
        page.goto(links["join_url"])
        page.get_by_label("Nama").fill("Rina")
        page.get_by_label("Instansi (OPD)").fill("Dinas Pendidikan")
        page.get_by_label("Pendidikan", exact=True).check()
        page.get_by_role("button", name="Gabung").click()
        expect(page.locator("#connection")).to_have_text("Terhubung")

        steering = laptop.new_page()
        steering.on("dialog", fail_on_dialog)
        steering.goto(links["facilitator_url"])
        expect(steering.locator("#connection")).to_have_text("Terhubung")
        show_tab(steering, "followup")
        # The follow-up meeting comes after the day: ended first (asked), then reopened.
        steering.locator("[data-lifecycle=end]").click()
        steering.locator("dialog.fac-confirm [data-confirm=yes]").click()
        expect(steering.locator("[data-lifecycle=follow_up]")).to_be_visible()
        steering.locator("[data-lifecycle=follow_up]").click()
        # The board page heard the new state and went to the follow-up page by itself.
        expect(page).to_have_url(re.compile(r"/follow-up$"), timeout=5000)
        button = page.locator("article.fu-item [data-status=selesai]")
        expect(button).to_be_enabled()

        expect(steering.locator("#connection")).to_have_text("Terhubung")
        steering.locator("[data-lifecycle=archive]").click()
        steering.locator("dialog.fac-confirm [data-confirm=yes]").click()
        expect(steering.locator(".flash.error")).to_be_visible()  # the archive notice
        expect(button).to_be_disabled(timeout=5000)
    finally:
        laptop.close()
        phone.close()
