"""A proposal's KIPP group and its Indeks Inovasi Daerah profile, in Chromium: the
facilitator promotes a solution, finds the rubric of the workshop's year and
picks the group; a phone of the sector finds the IID profile pre-filled from
the workshop, writes the design with its word count growing toward 300, and
saves; the laptop sees it arrive, and the facilitator's IID workbook carries it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from .helpers import (
    LAPTOP,
    PHONE,
    SMALL_TARGETS,
    fail_on_dialog,
    join,
    open_steering,
    show_tab,
    violations,
)

BOTTLENECK = "Pasien lansia antre obat di Puskesmas sampai tiga jam"
SOLUTION = "Obat diantar ke rumah lansia oleh kader posyandu"
SENTENCE = "Kader posyandu mengambil obat di apotek Puskesmas dan mengantarnya ke rumah lansia. "
DESIGN = SENTENCE * 25  # 12 words a sentence: 300 words


def post_solution(page: Page) -> None:
    page.locator("#post-text").fill(BOTTLENECK)
    page.get_by_role("button", name="Kirim sumbatan").click()
    card = page.locator("article.card:not(.pending)")
    expect(card.locator(".card-text")).to_have_text(BOTTLENECK)
    card.get_by_role("button", name="Usulkan solusi").tap()
    card.locator("textarea").fill(SOLUTION)
    card.get_by_role("button", name="Kirim solusi").tap()
    expect(card.locator(".solution:not(.pending) .card-text")).to_have_text(SOLUTION)


def test_a_phone_fills_the_iid_profile_and_the_workbook_carries_it(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek profil IID", phase="identify")
    # bypass_csp: the test injects axe-core into the pages, which their CSP forbids.
    laptop = browser.new_context(**LAPTOP, bypass_csp=True)
    phone = browser.new_context(**PHONE, bypass_csp=True)
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        andi = phone.new_page()
        andi.on("dialog", fail_on_dialog)
        join(andi, links["join_url"], "Andi", "Puskesmas Bontonompo", "Kesehatan")
        post_solution(andi)

        show_tab(steering, "exports")
        steering.locator("#proposals-link").click()
        expect(steering).to_have_url(re.compile(r"/proposals$"))
        steering.locator(".promote-item", has_text=SOLUTION).get_by_role("button").click()
        expect(steering.locator("#proposal-title")).to_have_text(SOLUTION)
        # The rubric of the workshop's year, with its groups; the facilitator picks one.
        rubric = steering.locator("#rubric-pick")
        expect(rubric.locator("option:checked")).to_have_text(
            "Kompetisi Inovasi Pelayanan Publik 2025"
        )
        steering.locator("#group-pick").select_option("replikasi")

        andi.locator("#proposals-link").click()
        expect(andi.locator("#proposal-title")).to_have_text(SOLUTION)
        expect(andi.locator("#proposal-meta")).to_contain_text("Replikasi")
        # The summary's weight of 0% says nothing, and is not shown.
        expect(andi.locator("#section-title")).to_have_text("1. Ringkasan")
        expect(andi.locator("#section-guide")).not_to_contain_text("Bobot")
        # Pre-filled from what the workshop knows.
        expect(andi.locator("#iid-nama")).to_have_value(SOLUTION)
        expect(andi.locator("#iid-urusan")).to_have_value("Kesehatan")
        expect(andi.locator("#iid-tahapan")).to_have_value("inisiatif")
        design = andi.locator("#iid-rancang_bangun")
        expect(design).to_have_value(re.compile(re.escape(BOTTLENECK)))
        expect(andi.locator("#iid-rancang_bangun-count")).to_contain_text("/ 300 kata")

        # The design grows to 300 words, counted as it is typed.
        design.fill(SENTENCE * 10)
        expect(andi.locator("#iid-rancang_bangun-count")).to_have_text(
            "120 / 300 kata: diminta minimal 300 kata"
        )
        design.fill(DESIGN)
        expect(andi.locator("#iid-rancang_bangun-count")).to_have_text("300 kata (minimal 300)")
        andi.locator("#iid-jenis").select_option("digital")
        andi.locator("#iid-uji_coba").fill("2027-02-01")
        andi.locator("#iid-save").tap()
        expect(andi.locator("#iid-state")).to_have_text("Tersimpan")
        assert andi.evaluate("document.documentElement.scrollWidth <= 360")
        assert andi.evaluate(SMALL_TARGETS) == [], "every control a 44 px tap target"
        assert violations(andi) == []

        # The laptop sees it without a reload.
        expect(steering.locator("#iid-jenis")).to_have_value("digital")
        expect(steering.locator("#iid-rancang_bangun")).to_have_value(DESIGN.strip())
        assert violations(steering) == []

        # The facilitator's workbook carries the profile.
        steering.get_by_role("link", name=re.compile("Kembali")).click()
        show_tab(steering, "exports")
        with steering.expect_download() as download:
            steering.locator("#iid-export").click()
        book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        header = [c.value for c in book.worksheets[0][1]]
        [values] = book.worksheets[0].iter_rows(min_row=2, values_only=True)
        row = dict(zip(header, values, strict=True))
        assert row["Nama Inovasi Daerah"] == SOLUTION
        assert row["Jenis Inovasi"] == "Digital"
        assert row["Waktu Uji Coba Inovasi Daerah"].date().isoformat() == "2027-02-01"
        design_header = "Rancang Bangun Inovasi Daerah dan Pokok Perubahan yang Dilakukan"
        assert len(row[design_header].split()) == 300
    finally:
        phone.close()
        laptop.close()
