"""A 360x640 phone through what issue 24 found wanting (point 5): changing sector
from the board (one attendance row), the reason posting is closed, thanks and
what comes next after the end, the follow-up found by an agency written as
people write it, and a follow-up page that reads at 360 px."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.live import LiveServer

from .helpers import LAPTOP, SHORT_PHONE, facilitator_socket, fail_on_dialog, watch_errors

PHONE = SHORT_PHONE  # 360 x 640


def join(page: Page, url: str, name: str, agency: str, sector: str) -> None:
    page.goto(url)
    page.get_by_label("Nama").fill(name)
    page.get_by_label("Instansi (OPD)").fill(agency)
    page.get_by_label(sector, exact=True).check()
    page.get_by_role("button", name="Gabung").click()
    expect(page).to_have_url(re.compile(r"/board$"))
    expect(page.locator("#connection")).to_have_class(re.compile(r"\bonline\b"))


def snapshot(server: LiveServer, links: dict[str, str]) -> dict[str, Any]:
    boss = facilitator_socket(server, links)
    try:
        reply: dict[str, Any] = boss.call("sync", {"since": None}, timeout=10)
        return reply["snapshot"]
    finally:
        boss.disconnect()


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(**PHONE)
    errors: list[str] = []
    page = context.new_page()
    page.on("dialog", fail_on_dialog)
    watch_errors(page, errors)
    yield page
    context.close()
    assert errors == []


def test_a_phone_changes_sector_from_its_board_and_posts_there(live_server, phone: Page):
    links = live_server.create_workshop("Bimtek Ganti Sektor", phase="identify")
    join(phone, links["join_url"], "Andi", "Dinas Kesehatan", "Pendidikan")
    expect(phone.locator("#board-heading")).to_have_text("Pendidikan")

    change = phone.get_by_role("button", name="Ganti sektor")
    expect(change).to_be_visible()
    box = change.bounding_box()
    assert box is not None and box["height"] >= 43.5 and box["x"] + box["width"] <= 360
    change.click()
    phone.locator("#sector-form").get_by_label("Kesehatan", exact=True).check()
    phone.get_by_role("button", name="Pindah ke sektor ini").click()

    expect(phone.locator("#sector-form")).to_be_hidden()
    expect(phone.locator("#sector-moved")).to_have_text("Anda sekarang di sektor Kesehatan.")
    expect(phone.locator("#board-heading")).to_have_text("Kesehatan")
    # Their own sector's tab comes first, marked as theirs.
    expect(phone.locator("#sector-tabs .tab").first).to_contain_text("Kesehatan")
    expect(phone.locator("#sector-tabs .tab.own")).to_have_count(1)
    expect(phone.locator("#sector-tabs .tab.own")).to_contain_text("Kesehatan")

    phone.locator("#post-text").fill("Rujukan BPJS ditolak karena berkas kurang")
    phone.get_by_role("button", name="Kirim sumbatan").click()
    expect(phone.locator("#post-sent")).to_have_text(re.compile("Terkirim"))
    expect(phone.locator("article.card", has_text="Rujukan BPJS ditolak")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # One attendance row, in its new sector; the card is on that board.
    assert live_server.counts(links["code"])["participants"] == 1
    state = snapshot(live_server, links)
    health = next(s["id"] for s in state["workshop"]["sectors"] if s["name"] == "Kesehatan")
    [person] = state["participants"]
    assert person["sector_id"] == health
    [card] = state["cards"]
    assert card["sector_id"] == health

    # The board opened again is the new sector's.
    phone.reload()
    expect(phone.locator("#board-heading")).to_have_text("Kesehatan")


def test_in_the_opening_the_board_says_when_posting_opens(live_server, phone: Page):
    links = live_server.create_workshop("Bimtek Pembukaan")  # starts in the opening
    join(phone, links["join_url"], "Sari", "Disdukcapil", "Administrasi Kependudukan")
    expect(phone.locator("#phase-name")).to_have_text("Pembukaan")
    expect(phone.locator("#post-closed")).to_have_text(
        "Pengiriman dibuka pada fase Identifikasi sumbatan."
    )
    expect(phone.locator("#empty")).to_have_text("Belum ada sumbatan di papan ini.")
    expect(phone.get_by_text("Jadilah yang pertama")).to_have_count(0)
    expect(phone.locator("#post-form")).to_be_hidden()


def end_workshop(browser: Browser, links: dict[str, str]) -> None:
    """The facilitator ends the workshop from their page (its form, as sent)."""
    laptop = browser.new_context(**LAPTOP)
    try:
        steering = laptop.new_page()
        steering.goto(links["facilitator_url"])
        with steering.expect_navigation():
            steering.locator("[data-lifecycle=end]").evaluate("button => button.form.submit()")
    finally:
        laptop.close()


def test_after_the_end_the_phone_says_thanks_and_what_comes_next(
    live_server, browser: Browser, phone: Page
):
    links = live_server.create_workshop("Bimtek Selesai", phase="identify")
    join(phone, links["join_url"], "Rina", "Dinas Pendidikan", "Pendidikan")
    expect(phone.locator("#post-form")).to_be_visible()
    end_workshop(browser, links)

    thanks = phone.locator("#ended")
    expect(thanks).to_be_visible(timeout=5000)
    expect(thanks.get_by_role("heading")).to_have_text("Terima kasih atas partisipasi Anda!")
    expect(thanks).to_contain_text("rapat tindak lanjut")
    link = thanks.get_by_role("link", name="Rencana aksi instansi Anda")
    expect(link).to_have_attribute("href", re.compile(r"/follow-up$"))
    expect(phone.get_by_text("untuk sementara")).to_have_count(0)
    expect(phone.locator("#post-form")).to_be_hidden()
    expect(phone.get_by_role("button", name="Ganti sektor")).to_be_hidden()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    link.click()
    expect(phone).to_have_url(re.compile(r"/follow-up$"))


def plan(server: LiveServer, links: dict[str, str], agency: str) -> None:
    """The facilitator types in a bottleneck and a solution, and its action plan."""
    boss = facilitator_socket(server, links)
    try:
        state = boss.call("sync", {"since": None}, timeout=10)["snapshot"]["workshop"]
        sector = next(s["id"] for s in state["sectors"] if s["name"] == "Kesehatan")
        bottleneck = boss.call(
            "card:enter",
            {
                "client_id": "e2e-agency-b-01",
                "kind": "bottleneck",
                "sector_id": sector,
                "text": "Antrean rujukan BPJS di puskesmas sampai siang",
            },
            timeout=10,
        )["card"]
        solution = boss.call(
            "card:enter",
            {
                "client_id": "e2e-agency-s-01",
                "kind": "solution",
                "parent_id": bottleneck["id"],
                "text": "Rujukan daring terhubung ke rumah sakit",
            },
            timeout=10,
        )["card"]
        reply = boss.call(
            "card:plan",
            {
                "card_id": solution["id"],
                "agency": agency,
                "responsible": "Kepala Bidang Pelayanan Kesehatan",
                "indicator": "Waktu tunggu rujukan di bawah tiga puluh menit",
                "deadline": (dt.date.today() + dt.timedelta(days=90)).isoformat(),
            },
            timeout=10,
        )
        assert reply["ok"], reply
    finally:
        boss.disconnect()


def test_dinkes_kab_maros_sees_the_plan_of_dinas_kesehatan(live_server, phone: Page):
    links = live_server.create_workshop("Bimtek Tindak Lanjut Maros", phase="identify")
    plan(live_server, links, "Dinas Kesehatan")
    join(phone, links["join_url"], "Andi", "Dinkes Kab. Maros", "Kesehatan")
    phone.goto(links["join_url"].replace("/j/", "/w/") + "/follow-up")
    item = phone.locator("article.fu-item")
    expect(item).to_have_count(1)
    expect(item.locator("h3")).to_have_text("Rujukan daring terhubung ke rumah sakit")
    expect(phone.locator("#fu-empty")).to_be_hidden()

    # The next phone is offered the agencies already named, one spelling each.
    phone.context.clear_cookies()
    phone.goto(links["join_url"])
    offered = phone.locator("#agency").evaluate(
        "input => input.list ? [...input.list.options].map(o => o.value) : []"
    )
    assert offered == ["Dinas Kesehatan"]


def test_the_follow_up_page_reads_at_360_px(live_server, phone: Page):
    links = live_server.create_workshop("Bimtek Tindak Lanjut Sempit", phase="identify")
    plan(live_server, links, "Dinas Kesehatan")
    join(phone, links["join_url"], "Andi", "Dinas Kesehatan", "Kesehatan")
    phone.goto(links["join_url"].replace("/j/", "/w/") + "/follow-up")
    item = phone.locator("article.fu-item")
    expect(item).to_have_count(1)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    # Each value reads on a line or two, not a word a line beside a wide label.
    values = item.locator(".fu-details dd")
    expect(values).to_have_count(4)
    for value in values.all():
        width = value.evaluate("node => node.getBoundingClientRect().width")
        lines = value.evaluate(
            "node => Math.round(node.getBoundingClientRect().height"
            " / parseFloat(getComputedStyle(node).lineHeight))"
        )
        assert width >= 250 and lines <= 2, (value.text_content(), width, lines)
