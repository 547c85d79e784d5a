"""A room upvoting a speaker's questions at once, on the real server
(its tally interval, 0.25 s): the phones' sockets get a few batches rather than
one message an upvote, and the projector at 1280 x 720 and a phone in
Chromium put the most upvoted question first with the exact counts; the
phone's own upvote, and taking it back, show on its button and in the counts."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from playwright.sync_api import Browser, expect

from tests.live import join_session, socket_client

from .helpers import PHONE, PROJECTOR, facilitator_socket, join, watch_errors

SECTOR = "Administrasi Kependudukan"
ASKED = (
    "Berapa lama izin usaha mikro diproses?",
    "Apakah loket Sabtu akan dibuka lagi?",
    "Kapan data kependudukan desa diperbarui?",
)
VOTERS = 8


def shown_by(got: list[dict[str, Any]]) -> dict[str, int]:
    """The counts a page shows after these `questions.voted`, applied in order."""
    shown: dict[str, int] = {}
    for message in list(got):
        shown.update(message["data"]["votes"])
    return shown


def test_a_room_upvoting_at_once_gets_batches_and_every_screen_ranks_by_the_counts(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek dukungan pertanyaan")
    boss = facilitator_socket(live_server, links)
    phones: list[Any] = []
    hall = browser.new_context(**PROJECTOR)
    phone = browser.new_context(**PHONE)
    errors: list[str] = []
    try:
        sector = next(
            s["id"]
            for s in boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]["sectors"]
            if s["name"] == SECTOR
        )
        saved = boss.call("phase:save", {"name": "Tanya jawab", "kind": "questions"}, timeout=10)
        assert boss.call("phase:set", {"phase_id": saved["phase"]["id"]}, timeout=10)["ok"]
        projector = hall.new_page()
        watch_errors(projector, errors)
        projector.goto(links["presenter_url"])
        andi = phone.new_page()
        watch_errors(andi, errors)
        join(andi, links["join_url"], "Andi", "Disdukcapil", SECTOR)

        voted: dict[int, list[dict[str, Any]]] = {}
        for n in range(VOTERS):
            session = join_session(live_server.url, links["code"], f"Peserta {n}", sector)
            sock = socket_client(live_server.url, session, links["code"])
            voted[n] = []
            sock.on(
                "event",
                lambda m, got=voted[n]: got.append(m) if m["type"] == "questions.voted" else None,
            )
            assert sock.call("sync", {"sector_id": sector}, timeout=10)["ok"]
            phones.append(sock)
        ids = []
        for sock, text in zip(phones, ASKED, strict=False):
            reply = sock.call(
                "question:ask", {"client_id": f"q-{uuid.uuid4().hex}", "text": text}, timeout=10
            )
            assert reply["ok"], reply
            ids.append(reply["question"]["id"])
        top = projector.locator("#questions-top .questions-text")
        expect(top).to_have_text(list(ASKED))  # no upvotes yet: the oldest first

        # At once: every phone but its author upvotes the third question, four the second.
        wanted = [(n, ids[2]) for n in range(VOTERS) if n != 2]
        wanted += [(n, ids[1]) for n in range(3, 7)]
        with ThreadPoolExecutor(max_workers=VOTERS) as pool:
            replies = list(
                pool.map(
                    lambda pair: phones[pair[0]].call(
                        "question:upvote", {"question_id": pair[1]}, timeout=20
                    ),
                    wanted,
                )
            )
        assert all(r["ok"] for r in replies), replies
        theirs = andi.locator(".question", has_text=ASKED[0])
        theirs.get_by_role("button", name="Dukung").click()
        expect(theirs.locator(".question-upvote")).to_have_attribute("aria-pressed", "true")
        expect(theirs).to_contain_text("1 dukungan")

        ranked = [ASKED[2], ASKED[1], ASKED[0]]
        expect(top).to_have_text(ranked)
        expect(projector.locator("#questions-top .questions-votes")).to_have_text(["7", "4", "1"])
        expect(andi.locator(".question .question-text")).to_have_text(ranked)
        expect(andi.locator(".question", has_text=ASKED[2])).to_contain_text("7 dukungan")

        # Taken back: its button and every screen's count follow.
        theirs.get_by_role("button", name="Didukung").click()
        expect(theirs.locator(".question-upvote")).to_have_attribute("aria-pressed", "false")
        expect(theirs).to_contain_text("0 dukungan")
        expect(projector.locator("#questions-top .questions-votes")).to_have_text(["7", "4", "0"])

        upvotes = len(wanted) + 2
        final = {str(ids[0]): 0, str(ids[1]): 4, str(ids[2]): 7}
        for n, got in voted.items():
            # The socket phones read on threads of their own: the last batch may
            # reach one a moment after the projector; wait for it, not for time.
            settled = time.monotonic() + 10
            while shown_by(got) != final and time.monotonic() < settled:
                time.sleep(0.02)
            assert shown_by(got) == final, n
            assert len(got) < upvotes, f"phone {n}: {len(got)} messages for {upvotes} upvotes"
        assert errors == []
    finally:
        for sock in [*phones, boss]:
            sock.disconnect()
        for context in (phone, hall):
            context.close()
