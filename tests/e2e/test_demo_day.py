"""The demo workshop is a whole Bimtek (issue 28, point 7): the facilitator opens it
and sees the two days' agenda grouped by day in the cockpit; moving to an
activity step shows it on the projector and on a phone, with what the demo's
room answered there."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from workshop.demo.content import DEMO_POLL, DEMO_SESSIONS

from .helpers import LAPTOP, PHONE, PROJECTOR, choose_phase, join, open_steering, watch_errors

AGENDA = [
    "Hari 1",
    "Daftar hadir hari pertama",
    "Pembukaan",
    "Awan kata: pelayanan publik yang ideal",
    "Pre-test",
    "Narasumber 1: paparan dan tanya jawab",
    "Polling: tantangan inovasi",
    "Identifikasi sumbatan",
    "Pengelompokan",
    "Voting",
    "Hari 2",
    "Daftar hadir hari kedua",
    "Narasumber 2: paparan dan tanya jawab",
    "Akar masalah",
    "Solusi",
    "Prioritas",
    "Post-test",
    "Evaluasi narasumber dan penyelenggaraan",
    "Penutup",
]


def test_the_facilitator_steers_the_demo_day_and_the_room_follows(live_server, browser: Browser):
    links = live_server.demo_workshop()
    errors: list[str] = []
    laptop = browser.new_context(**LAPTOP)
    hall = browser.new_context(**PROJECTOR)
    phone_context = browser.new_context(**PHONE)
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        watch_errors(steering, errors)
        # The cockpit: both days' steps under their day's heading, the demo on the priorities.
        expect(steering.locator("#phase-bar > li")).to_have_text(AGENDA)
        expect(steering.locator("#phase-bar .phase-day")).to_have_text(["Hari 1", "Hari 2"])
        expect(steering.locator(".phase-button[aria-current=step]")).to_have_text("Prioritas")

        projector = hall.new_page()
        watch_errors(projector, errors)
        projector.goto(links["presenter_url"])
        phone = phone_context.new_page()
        watch_errors(phone, errors)
        join(phone, links["join_url"], "Peserta Tamu", "Dinas Kominfo", "Pendidikan")

        # The poll: its question and the room's revealed answers on the projector, and
        # the poll instead of the board on the phone.
        choose_phase(steering, "Polling: tantangan inovasi")
        stage = projector.locator('.poll-stage[data-activity="poll"]')
        expect(stage.locator(".poll-question")).to_have_text(str(DEMO_POLL["question"]))
        expect(projector.locator("#boards")).to_be_hidden()
        bars = stage.locator("[data-poll-bars] .poll-bar")
        expect(bars).to_have_count(4)
        expect(bars.nth(1)).to_contain_text("Dukungan pimpinan dan anggaran")
        expect(bars.nth(1).locator(".poll-bar-count")).to_contain_text("9")
        ballot = phone.locator('.poll-phone[data-activity="poll"]')
        expect(ballot).to_be_visible()
        expect(ballot.get_by_role("button", name="Dukungan pimpinan dan anggaran")).to_be_visible()
        expect(phone.locator("#post-form")).to_be_hidden()

        # The second speaker's session: the speaker's name, the highlighted question
        # large on the projector; the phone lists the approved questions, not the hidden one.
        speaker = DEMO_SESSIONS[1].speaker.name
        highlighted = next(q.text for q in DEMO_SESSIONS[1].questions if q.highlight)
        choose_phase(steering, "Narasumber 2: paparan dan tanya jawab")
        expect(projector.locator("#questions-speaker")).to_have_text(
            f"Tanya jawab dengan {speaker}"
        )
        expect(projector.locator("#questions-lit-text")).to_have_text(highlighted)
        expect(phone.locator("#questions-title")).to_have_text(f"Tanya jawab dengan {speaker}")
        expect(phone.locator(".question", has_text=highlighted)).to_contain_text("Terjawab")
        expect(phone.locator(".question", has_text="makan siang")).to_have_count(0)
        expect(steering.locator("#questions-steer")).to_be_visible()
        assert not errors, errors
    finally:
        for context in (laptop, hall, phone_context):
            context.close()
