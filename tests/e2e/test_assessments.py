"""The pre-test and the evaluation in the room (issue 28): the facilitator adds
the steps in the cockpit, types a question in, opens the pre-test; phones answer
(no right answer reaches them while it is open); the cockpit closes it and a
phone sees its own score, nobody else's; phones send an anonymous evaluation and
the cockpit sees the recap once it closes it."""

from __future__ import annotations

import re

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


def add_step(steering: Page, label: str) -> None:
    show_tab(steering, "settings")
    steering.locator("#phase-add-kind").select_option(label=label)
    steering.locator("#phase-add").get_by_role("button", name="Tambah fase").click()
    expect(steering.locator("#phase-bar .phase-button", has_text=label)).to_be_visible()


def rate_everything(page: Page, score: int) -> None:
    panel = page.locator("[data-activity=evaluation]")
    for group in panel.locator(".eval-item").all():
        group.locator(f"input[value='{score}']").check()


def test_phones_take_the_pre_test_and_evaluate_the_cockpit_closes_and_sees(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek pre-test")
    laptop = browser.new_context(**LAPTOP)
    hall = browser.new_context(**PROJECTOR)
    phones = [browser.new_context(**PHONE) for _ in range(2)]
    errors: list[str] = []
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        projector = hall.new_page()
        projector.goto(links["presenter_url"])
        andi, budi = (context.new_page() for context in phones)
        for page in (steering, projector, andi, budi):
            watch_errors(page, errors)
        received: list[str] = []
        andi.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(str(f))))
        join(andi, links["join_url"], "Andi Rahmawati", "Disdukcapil", SECTOR)
        join(budi, links["join_url"], "Budi Santoso", "Kecamatan Somba Opu", SECTOR)

        add_step(steering, "Pre-test")
        add_step(steering, "Evaluasi")
        show_tab(steering, "boards")
        choose_phase(steering, "Pre-test")

        # The facilitator types two questions into the step's bank.
        step = steering.locator("[data-activity=pretest]")
        expect(step).to_be_visible()
        step.locator("summary").click()
        for text, choices, right in (
            ("Apa arti sumbatan pelayanan?", "Hambatan layanan\nPeraturan baru\nAnggaran", "1"),
            ("Alat untuk mencari akar masalah?", "Daftar hadir\nDiagram tulang ikan", "2"),
        ):
            step.get_by_role("textbox", name="Soal", exact=True).fill(text)
            step.get_by_label("Pilihan jawaban, satu per baris (2 sampai 5)").fill(choices)
            step.get_by_label("Nomor pilihan yang benar").fill(right)
            step.get_by_role("button", name="Tambah soal").click()
            expect(step.locator("[data-bank-list] > li", has_text=text)).to_be_visible()
        expect(step.get_by_role("link", name="Unduh templat Excel")).to_be_visible()

        # Phones show the test in place of the board, and answer.
        test = andi.locator("[data-activity=pretest]")
        expect(test).to_be_visible()
        expect(andi.locator("#board-view")).to_be_hidden()
        expect(test.locator(".test-question")).to_have_count(2)
        test.get_by_role("button", name="A. Hambatan layanan").click()
        test.get_by_role("button", name="A. Daftar hadir").click()
        expect(test.locator("[data-test-progress]")).to_have_text("2 dari 2 sudah dijawab.")
        expect(test.get_by_role("button", name="B. Diagram tulang ikan")).to_be_disabled()
        other = budi.locator("[data-activity=pretest]")
        other.get_by_role("button", name="B. Peraturan baru").click()
        expect(other.locator("[data-test-progress]")).to_have_text("1 dari 2 sudah dijawab.")
        expect(steering.locator("[data-activity=pretest] [data-test-phones]")).to_have_text(
            "2 dari 2 ponsel sudah menjawab."
        )
        expect(projector.locator("[data-activity=pretest] [data-test-count]")).to_have_text("2")
        # While open, nothing the phone received holds a right answer.
        assert any('"questions"' in f for f in received)
        assert not any(
            re.search(r'"(answer|key)":\s*[\d\[]', f) or "explanation" in f for f in received
        )

        # The cockpit closes the test (two presses); each phone sees its own score.
        close = step.locator("[data-test-close]")
        close.click()
        expect(close).to_contain_text("Tekan lagi")
        close.click()
        expect(step.locator("[data-test-people] tr")).to_have_count(2)
        expect(step.locator("[data-test-people]")).to_contain_text("Andi Rahmawati")
        expect(step.locator("[data-test-average]")).to_have_text("Rata-rata: 0,5 dari 2.")
        expect(test.locator("[data-test-score]")).to_have_text("Nilai Anda: 1 dari 2 benar.")
        expect(other.locator("[data-test-score]")).to_have_text("Nilai Anda: 0 dari 2 benar.")
        assert "Budi" not in test.inner_text() and "Andi" not in other.inner_text()
        expect(projector.locator("[data-activity=pretest] [data-test-average]")).to_have_text(
            "Rata-rata kelas: 0,5 dari 2"
        )
        assert "Andi" not in projector.locator("[data-activity=pretest]").inner_text()
        andi.reload()  # a reload (a reconnect) still shows the phone its score
        expect(andi.locator("[data-activity=pretest] [data-test-score]")).to_have_text(
            "Nilai Anda: 1 dari 2 benar."
        )

        # The evaluation: the cockpit names the speaker; phones send the form once.
        choose_phase(steering, "Evaluasi")
        evaluation = steering.locator("[data-activity=evaluation]")
        evaluation.get_by_label("Narasumber yang dievaluasi, satu per baris").fill(
            "Dr. Sari Wulandari"
        )
        evaluation.get_by_label("Skala").select_option("5")
        evaluation.get_by_role("button", name="Simpan formulir").click()
        form = andi.locator("[data-activity=evaluation]")
        expect(form.locator("legend", has_text="Narasumber: Dr. Sari Wulandari")).to_be_visible()
        expect(form.locator(".eval-item input[value='5']").first).to_be_visible()
        form.get_by_role("button", name="Kirim evaluasi").click()
        expect(form.locator("[data-evaluation-error]")).to_have_text(
            "Beri nilai pada setiap butir."
        )
        rate_everything(andi, 5)
        form.locator("[data-target='speaker:0'] textarea").fill("Sangat jelas")
        form.get_by_role("button", name="Kirim evaluasi").click()
        expect(form.locator("[data-evaluation-sent]")).to_have_text(
            "Terima kasih: evaluasi Anda sudah terkirim secara anonim."
        )
        expect(budi.locator("[data-activity=evaluation] legend").first).to_contain_text("Sari")
        rate_everything(budi, 4)
        budi.locator("[data-activity=evaluation]").get_by_role(
            "button", name="Kirim evaluasi"
        ).click()
        expect(evaluation.locator("[data-evaluation-count]")).to_have_text(
            "2 dari 2 ponsel sudah mengirim evaluasi."
        )
        expect(
            projector.locator("[data-activity=evaluation] [data-evaluation-count]")
        ).to_have_text("2")
        close = evaluation.locator("[data-evaluation-close]")
        close.click()
        close.click()
        recap = evaluation.locator("[data-evaluation-recap]")
        expect(recap).to_contain_text("Dr. Sari Wulandari: rata-rata 4,5 (skala 1-5, 2 formulir)")
        expect(recap).to_contain_text("Penguasaan materi")
        expect(recap).to_contain_text("Sangat jelas")
        assert "Andi" not in recap.inner_text() and "Budi" not in recap.inner_text()
        assert errors == []
    finally:
        for context in (laptop, hall, *phones):
            context.close()
