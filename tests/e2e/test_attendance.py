"""Signed attendance in the room (issue 28): the facilitator adds an attendance
step in the cockpit and opens it; a phone signs with a finger; the cockpit's
count rises with the signer's name and signature; the projector shows the
count and never a signature; a reloaded phone still knows it has signed."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .helpers import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    choose_phase,
    join,
    open_steering,
    show_tab,
    watch_errors,
)

SECTOR = "Administrasi Kependudukan"


def draw_signature(page: Page, pad_selector: str = "[data-activity=attendance] canvas") -> None:
    """A stroke across the pad, as a finger would draw it."""
    pad = page.locator(pad_selector)
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100
    x, y = box["x"], box["y"]
    page.mouse.move(x + 30, y + box["height"] * 0.7)
    page.mouse.down()
    for n in range(1, 12):
        page.mouse.move(x + 30 + n * 22, y + box["height"] * (0.7 - 0.4 * (n % 2)), steps=3)
    page.mouse.up()


def test_a_phone_signs_the_cockpit_counts_and_the_projector_shows_no_signature(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek daftar hadir")
    laptop = browser.new_context(**LAPTOP)
    hall = browser.new_context(**PROJECTOR)
    phones = [browser.new_context(**PHONE) for _ in range(2)]
    errors: list[str] = []
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        projector = hall.new_page()
        signatures_asked: list[str] = []
        projector.on("request", lambda r: "signature" in r.url and signatures_asked.append(r.url))
        projector.goto(links["presenter_url"])
        andi, budi = (context.new_page() for context in phones)
        for page in (steering, projector, andi, budi):
            watch_errors(page, errors)
        join(andi, links["join_url"], "Andi Rahmawati", "Disdukcapil", SECTOR)
        join(budi, links["join_url"], "Budi Santoso", "Kecamatan Somba Opu", SECTOR)

        # The cockpit adds an attendance step with the kind picker, then opens it.
        show_tab(steering, "settings")
        steering.locator("#phase-add-kind").select_option(label="Daftar hadir")
        steering.locator("#phase-add").get_by_role("button", name="Tambah fase").click()
        expect(
            steering.locator("#phase-bar .phase-button", has_text="Daftar hadir")
        ).to_be_visible()
        show_tab(steering, "boards")
        choose_phase(steering, "Daftar hadir")

        # Phones show the signing panel instead of the board, the name from the join.
        panel = andi.locator("[data-activity=attendance]")
        expect(panel).to_be_visible()
        expect(andi.locator("#board-view")).to_be_hidden()
        expect(panel.get_by_label("Nama")).to_have_value("Andi Rahmawati")
        expect(panel.get_by_label("Instansi (OPD)")).to_have_value("Disdukcapil")
        # Nothing drawn: nothing sent, and the phone says why.
        panel.get_by_role("button", name="Tanda tangani daftar hadir").click()
        expect(panel.locator("[data-sign-error]")).to_have_text(
            "Tanda tangani kotak terlebih dahulu."
        )
        panel.get_by_label("Jabatan").fill("Kepala Seksi")
        draw_signature(andi)
        panel.get_by_role("button", name="Tanda tangani daftar hadir").click()
        expect(panel.locator("[data-attendance-done-text]")).to_have_text(
            "Anda sudah menandatangani daftar hadir hari ke-1."
        )

        # The cockpit: the count and the row, with the signature (for the facilitator).
        step = steering.locator("[data-activity=attendance]")
        expect(step.locator("[data-attendance-count]")).to_contain_text(
            "1 orang sudah menandatangani"
        )
        row = step.locator("tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Andi Rahmawati")
        expect(row).to_contain_text("Kepala Seksi")
        image = row.locator("img.fac-signature")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth > 100")

        # The projector: the count, large; no name, no picture.
        stage = projector.locator("[data-activity=attendance]")
        expect(stage.locator("[data-attendance-count]")).to_have_text("1")
        expect(stage).to_contain_text("dari 2 peserta")
        expect(projector.locator("#boards")).to_be_hidden()
        assert projector.locator("img[src*=signature], canvas").count() == 0
        assert "Andi" not in projector.content()
        assert signatures_asked == []

        # Another phone hears the count, never who signed.
        expect(budi.locator("[data-attendance-count]")).to_have_text(
            "1 orang sudah menandatangani hari ini."
        )
        assert "Andi" not in budi.locator("[data-activity=attendance]").inner_text()

        # Signed without a connection: kept on the phone, sent once it is back.
        before = len(errors)
        phones[1].set_offline(True)
        draw_signature(budi)
        budi.get_by_role("button", name="Tanda tangani daftar hadir").click()
        expect(budi.locator("[data-sign-error]")).to_contain_text("Belum terkirim")
        phones[1].set_offline(False)
        expect(budi.locator("[data-attendance-done-text]")).to_have_text(
            "Anda sudah menandatangani daftar hadir hari ke-1."
        )
        expect(stage.locator("[data-attendance-count]")).to_have_text("2")
        expect(step.locator("tbody tr")).to_have_count(2)
        # The browser's own notes of the lost connection are expected; script errors are not.
        errors[before:] = [e for e in errors[before:] if ": console: " not in e]

        # The committee signs through its own link, opened and shown with its QR in the cockpit.
        committee = step.locator("[data-sign-link=committee]")
        committee.get_by_role("button", name="Buka tautan tanda tangan").click()
        expect(committee.locator("img[data-sign-qr]")).to_be_visible()
        url = committee.locator("input[data-sign-url]").input_value()
        assert "/sign/" in url
        desk = phones[0].new_page()
        watch_errors(desk, errors)
        desk.goto(url)
        desk.get_by_label("Nama").fill("Citra Panitia")
        desk.get_by_label("Jabatan").fill("Sekretaris")
        desk.get_by_label("Instansi (OPD)").fill("Bappeda")
        draw_signature(desk, "canvas.signature-pad")
        desk.get_by_role("button", name="Tanda tangani daftar hadir").click()
        expect(desk.locator("[data-sign-done]")).to_be_visible()
        expect(step.locator("tbody tr", has_text="Citra Panitia")).to_contain_text("Panitia")
        expect(stage.locator("[data-attendance-count]")).to_have_text("3")

        # A reload (or a reconnect) still knows this phone has signed.
        andi.reload()
        expect(andi.locator("[data-attendance-done-text]")).to_have_text(
            "Anda sudah menandatangani daftar hadir hari ke-1."
        )

        # Leaving the step brings the boards back everywhere.
        choose_phase(steering, "Identifikasi sumbatan")
        expect(andi.locator("#board-view")).to_be_visible()
        expect(andi.locator("[data-activity=attendance]")).to_be_hidden()
        expect(projector.locator("[data-activity=attendance]")).to_be_hidden()
        expect(projector.locator("#boards")).to_be_visible()
        # What the projector's own views hide stays hidden (the switch covers, never uncovers).
        expect(projector.locator("#causes-stage")).to_be_hidden()
        expect(steering.locator("[data-activity=attendance]")).to_be_hidden()
        assert errors == []
    finally:
        for context in (laptop, hall, *phones):
            context.close()
