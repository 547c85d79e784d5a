"""Two server processes act as one, through a real Redis message queue and a
real PostgreSQL: a phone on one process posts, a phone on the other sees it;
Redis is restarted mid-session and no card is lost (the phones catch up by
sequence number when the tick tells them they are behind)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import PHONE
from tests.live import LiveServer
from tests.servers import redis


def join(page: Page, url: str, name: str) -> None:
    page.goto(url)
    page.get_by_label("Nama").fill(name)
    page.get_by_label("Instansi (OPD)").fill("Dinas Kesehatan")
    page.get_by_label("Kesehatan").check()
    page.get_by_role("button", name="Gabung").click()
    expect(page).to_have_url(re.compile(r"/board$"))
    expect(page.locator("#connection")).to_have_text("Terhubung")


def post(page: Page, text: str) -> None:
    page.locator("#post-text").fill(text)
    page.get_by_role("button", name="Kirim sumbatan").click()
    expect(page.locator("article.card:not(.pending)", has_text=text)).to_have_count(1)


def shown(page: Page, text: str):
    return page.locator(".card-text", has_text=text)


def test_two_processes_one_workshop_and_a_redis_restart(
    tmp_path: Path, browser: Browser, postgres_database: str
):
    with redis() as queue:
        shared = {
            "DATABASE_URL": postgres_database,
            "MESSAGE_QUEUE": queue.url,
            "SECRET_KEY": "shared-by-both-processes",
            "TICK_SECONDS": "1",
        }
        first = LiveServer(tmp_path / "one", **shared)
        second = LiveServer(tmp_path / "two", **shared)
        first.start()  # migrates PostgreSQL
        second.start()
        contexts = []
        try:
            links = first.create_workshop("Bimtek provinsi", phase="identify")

            pages = []
            for server, name in ((first, "Andi"), (second, "Budi")):
                context = browser.new_context(**PHONE)
                contexts.append(context)
                page = context.new_page()
                join(page, f"{server.url}/j/{links['code']}", name)
                pages.append(page)
            on_first, on_second = pages

            post(on_first, "Kartu lewat proses pertama")
            expect(shown(on_second, "Kartu lewat proses pertama")).to_have_count(1)
            post(on_second, "Kartu lewat proses kedua")
            expect(shown(on_first, "Kartu lewat proses kedua")).to_have_count(1)

            queue.stop()  # the message queue goes away mid-session
            post(on_first, "Kartu saat Redis mati")
            queue.start()
            # No broadcast reached the other process; its tick shows the phone is
            # behind, and the phone fetches what it missed.
            expect(shown(on_second, "Kartu saat Redis mati")).to_have_count(1, timeout=20000)
            post(on_second, "Kartu setelah Redis kembali")
            expect(shown(on_first, "Kartu setelah Redis kembali")).to_have_count(1, timeout=20000)
            for page in pages:
                expect(page.locator("article.card:not(.pending)")).to_have_count(4)
        finally:
            for context in contexts:
                context.close()
            second.stop()
            first.stop()
