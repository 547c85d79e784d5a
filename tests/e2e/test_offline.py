"""A phone that loses the network keeps typing: the draft survives a reload,
posts wait on the phone marked as sending, and go out once when the network
is back; the card then shows it is saved. Proven in Chromium with the
network cut and restored."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from .helpers import PHONE, join


def test_posts_wait_offline_and_go_out_once_when_the_network_returns(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek luring", phase="identify")
    phone = browser.new_context(**PHONE)
    try:
        page = phone.new_page()
        join(page, links["join_url"], "Citra", "Puskesmas", "Kesehatan")
        expect(page.locator("#connection")).to_have_text("Terhubung")
        expect(page.locator("#post-form button[type=submit]")).to_be_enabled()

        # A draft survives a reload.
        page.locator("#post-text").fill("Draf yang belum dikirim")
        page.reload()
        expect(page.locator("#post-text")).to_have_value("Draf yang belum dikirim")
        expect(page.locator("#connection")).to_have_text("Terhubung")

        # The network goes: the phone says so, and posts wait on it.
        phone.set_offline(True)
        expect(page.locator("#connection")).to_have_class(re.compile(r"\boffline\b"), timeout=15000)
        page.locator("#post-text").fill("Stok obat kosong, ditulis saat luring")
        page.get_by_role("button", name="Kirim sumbatan").click()
        pending = page.locator("article.card.pending")
        expect(pending).to_have_count(1)
        expect(pending.locator(".card-status")).to_have_text("Mengirim…")
        # Still waiting after a reload while offline: the outbox is on the phone.
        outbox = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('urai:outbox'))")
        assert outbox, "the post waits in the phone's storage"

        phone.set_offline(False)
        expect(page.locator("#connection")).to_have_text("Terhubung", timeout=20000)
        saved = page.locator("article.card:not(.pending)", has_text="ditulis saat luring")
        expect(saved).to_have_count(1)
        expect(saved.locator(".card-status")).to_have_text("Tersimpan")
        expect(page.locator("article.card.pending")).to_have_count(0)
    finally:
        phone.close()
    assert live_server.counts(links["code"])["cards"] == 1, "sent once"


def test_a_phone_back_online_catches_up_in_its_connect_alone(live_server, browser: Browser):
    """What a board missed while a phone was offline arrives with the reconnect
    itself (the catch-up rides in the connect's auth): no `sync` is sent."""
    links = live_server.create_workshop("Bimtek sambung", phase="identify")
    phones = [browser.new_context(**PHONE) for _ in range(2)]
    try:
        away, writer = (context.new_page() for context in phones)
        join(away, links["join_url"], "Dewi", "Puskesmas", "Kesehatan")
        join(writer, links["join_url"], "Eko", "Dinkes", "Kesehatan")
        for page in (away, writer):
            expect(page.locator("#connection")).to_have_text("Terhubung")
        # What the phone sends: websocket frames, and the bodies of Engine.IO's
        # polling requests (a connect starts on polling, then upgrades).
        frames: list[str] = []
        away.on(
            "websocket",
            lambda ws: ws.on(
                "framesent",
                lambda payload: frames.append(payload) if isinstance(payload, str) else None,
            ),
        )
        away.on(
            "request",
            lambda request: (
                frames.extend((request.post_data or "").split("\x1e"))
                if "/socket.io/" in request.url and request.method == "POST"
                else None
            ),
        )

        phones[0].set_offline(True)
        expect(away.locator("#connection")).to_have_class(re.compile(r"\boffline\b"), timeout=15000)
        writer.locator("#post-text").fill("Antrean obat panjang saat Dewi luring")
        writer.get_by_role("button", name="Kirim sumbatan").click()
        expect(writer.locator("article.card", has_text="saat Dewi luring")).to_have_count(1)

        phones[0].set_offline(False)
        expect(away.locator("#connection")).to_have_text("Terhubung", timeout=20000)
        expect(away.locator("article.card", has_text="saat Dewi luring")).to_have_count(1)
        connects = [f for f in frames if f.startswith("40") and '"sync"' in f]
        syncs = [f for f in frames if re.match(r'^42\d*\["sync"', f)]
        assert connects, frames
        assert syncs == [], syncs
    finally:
        for context in phones:
            context.close()
