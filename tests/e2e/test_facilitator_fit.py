"""The facilitator's laptop (1366 x 768) fits one person steering a full room:
a bar that stays in view, one approval queue, merging and grouping by
selection and by dragging with Undo, USG scored in a grid, and the room's
voting progress as phones vote (issue 16)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import socketio
from playwright.sync_api import Browser, Page, expect

from tests.conftest import card_of, post_through_socket
from tests.live import join_session, socket_client

from .helpers import LAPTOP, fail_on_dialog, show_tab, steer


@contextmanager
def steering_page(browser: Browser, url: str) -> Iterator[Page]:
    laptop = browser.new_context(**LAPTOP)
    laptop.clock.install()  # runs on its own; a test may move it on (a timer running out)
    try:
        page = laptop.new_page()
        page.on("dialog", fail_on_dialog)
        page.goto(url)
        expect(page.locator("#connection")).to_have_text("Terhubung")
        yield page
    finally:
        laptop.close()


def sector_ids(page: Page) -> list[int]:
    expect(page.locator("#boards .board-column").first).to_be_visible()
    return [
        int(s)
        for s in page.locator("#boards .board-column").evaluate_all(
            "cols => cols.map(c => c.getAttribute('data-sector'))"
        )
    ]


def phone(live_server, code: str, name: str, sector_id: int) -> socketio.Client:
    """A participant's phone as a real Socket.IO client, watching its board."""
    client = socket_client(
        live_server.url, join_session(live_server.url, code, name, sector_id), code
    )
    assert client.call("sync", {"sector_id": sector_id}, timeout=10)["mode"] == "snapshot"
    return client


def post(client: socketio.Client, sector_id: int, text: str) -> int:
    ack = post_through_socket(client, sector_id, text, client_id=f"fit-{abs(hash(text))}")
    return int(card_of(ack)["id"])


def card(page: Page, text: str):
    return page.locator("#boards li.fac-card", has=page.locator(".card-text", has_text=text)).first


def inside_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 768


def test_the_bar_stays_in_view_and_one_queue_approves_every_board(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek bilah kendali")
    with steering_page(browser, links["facilitator_url"]) as page:
        bar = page.locator("#fac-bar")
        expect(page.locator("#bar-phase")).to_have_text("Pembukaan")
        expect(page.locator("#bar-next")).to_have_text("Berikutnya: Identifikasi sumbatan")
        expect(page.locator("#bar-code")).to_have_text(links["code"])
        # The join QR is one click away at the top, not at the end of the page.
        page.locator("#bar-qr").click()
        expect(page.locator("#bar-qr-panel .qr")).to_be_visible()
        assert inside_viewport(page, "#bar-qr-panel .qr")
        assert page.locator("#bar-qr-panel .qr").evaluate(
            "img => img.complete && img.naturalWidth > 0"
        )
        page.keyboard.press("Escape")
        expect(page.locator("#bar-qr-panel")).to_be_hidden()

        show_tab(page, "settings")
        page.locator("#setting-approval_required").check()
        expect(page.locator("#queue")).to_be_visible()
        expect(page.locator("#queue-empty")).to_be_visible()
        show_tab(page, "boards")
        page.locator("#bar-next").click()
        expect(page.locator("#bar-phase")).to_have_text("Identifikasi sumbatan")
        expect(page.locator("#phase-bar [aria-current=step]")).to_have_text("Identifikasi sumbatan")

        first, second = sector_ids(page)[:2]
        andi = phone(live_server, links["code"], "Andi", first)
        rina = phone(live_server, links["code"], "Rina", second)
        try:
            post(andi, first, "Antrean KTP-el sampai sore")
            post(andi, first, "Tulisan tangan tidak terbaca")
            post(rina, second, "Obat di Puskesmas sering kosong")
            # One queue for both boards, and the bar says how many wait.
            queue = page.locator("#queue-list > li")
            expect(queue).to_have_count(3)
            expect(page.locator("#bar-queue")).to_have_text("3 menunggu persetujuan")
            boards = page.locator("#queue-list .fac-queue-where")
            expect(boards).to_have_count(3)
            assert len({text.split(" · ")[0] for text in boards.all_inner_texts()}) == 2

            # One click each: approve two (on two boards), reject one.
            page.get_by_role("button", name="Setujui: Antrean KTP-el sampai sore").click()
            page.get_by_role("button", name="Setujui: Obat di Puskesmas sering kosong").click()
            page.get_by_role("button", name="Tolak: Tulisan tangan tidak terbaca").click()
            expect(queue).to_have_count(0)
            expect(page.locator("#bar-queue")).to_be_hidden()
            expect(card(page, "Antrean KTP-el")).to_have_class(re.compile(r"\bstatus-visible\b"))
            expect(card(page, "Obat di Puskesmas")).to_have_class(re.compile(r"\bstatus-visible\b"))
            expect(card(page, "Tulisan tangan")).to_have_class(re.compile(r"\bstatus-deleted\b"))
        finally:
            andi.disconnect()
            rina.disconnect()

        # Far down the page the bar is still at the top, whole, with the clock and the next phase.
        show_tab(page, "setup")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        assert page.evaluate("scrollY") > 500
        box = bar.bounding_box()
        assert box is not None and box["y"] == 0 and box["height"] < 100, box
        for part in (
            "#bar-phase",
            "#bar-timer",
            "#connection",
            "#bar-code",
            "#bar-qr",
            "#bar-next",
        ):
            expect(page.locator(part)).to_be_visible()
            assert inside_viewport(page, part), part

        # A locked timer that ran out: one short note, not the same thing twice.
        assert steer(page, "timer:start", {"seconds": 1, "lock": True})["ok"]
        expect(page.locator("#timer-display")).to_have_class(re.compile(r"\b(running|done)\b"))
        page.clock.fast_forward(2000)
        expect(page.locator("#timer-state")).to_have_text("Waktu habis; pengiriman dikunci.")
        expect(page.locator("#bar-timer-state")).to_have_text("waktu habis")

        # Links are numbered, never labelled with a database id.
        links_panel = page.locator(".fac-links")
        expect(links_panel.locator(".fac-key-name")).to_have_text(["Tautan presenter 1"])
        page.get_by_role("button", name="Tautan presenter baru").click()
        expect(page.locator(".fac-links .fac-key-name")).to_have_text(
            ["Tautan presenter 1", "Tautan presenter 2"]
        )
        assert "#" not in "".join(page.locator(".fac-key-name").all_inner_texts())


def test_merge_and_cluster_by_selection_and_by_dragging_with_undo(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek gabung kartu", phase="identify")
    with steering_page(browser, links["facilitator_url"]) as page:
        expect(page.locator("#bar-phase")).to_have_text("Identifikasi sumbatan")
        board = sector_ids(page)[0]
        andi = phone(live_server, links["code"], "Andi", board)
        try:
            for text in (
                "Antre KTP lama",
                "Antrean KTP-el panjang",
                "KTP lama jadi",
                "Blanko habis",
                "Server sering mati",
            ):
                post(andi, board, text)
        finally:
            andi.disconnect()
        expect(page.locator("#boards li.fac-card.status-visible")).to_have_count(5)

        # Select mode: tick three cards, the first chosen is kept; one click merges.
        page.locator("#select-mode").check()
        for text in ("Antre KTP lama", "Antrean KTP-el panjang", "KTP lama jadi"):
            page.get_by_label(f"Pilih: {text}").check()
        expect(page.locator("#selection-count")).to_have_text("3 dipilih")
        expect(page.locator("#selection-merge")).to_have_text("Gabung ke “Antre KTP lama”")
        page.locator("#selection-merge").click()
        kept = card(page, "Antre KTP lama")
        expect(kept.locator(".fac-merged-badge")).to_have_text("gabungan 2")
        expect(card(page, "Antrean KTP-el panjang")).to_have_class(re.compile(r"\bstatus-merged\b"))
        toast = page.locator("#toast")
        expect(toast).to_contain_text("2 kartu digabung ke “Antre KTP lama”.")
        assert inside_viewport(page, "#toast-undo")

        # Undo: both come back, the badge goes.
        page.locator("#toast-undo").click()
        expect(toast).to_contain_text("Dibatalkan.")
        expect(page.locator("#boards li.fac-card.status-visible")).to_have_count(5)
        expect(kept.locator(".fac-merged-badge")).to_have_count(0)

        # Group two cards into a new cluster by selection.
        page.get_by_label("Pilih: Blanko habis").check()
        page.get_by_label("Pilih: Server sering mati").check()
        page.locator("#selection-cluster").select_option("new")
        page.locator("#selection-title").fill("Sarana")
        page.locator("#selection-group").click()
        cluster = page.locator(
            ".fac-cluster", has=page.locator(".fac-cluster-title", has_text="Sarana")
        )
        expect(cluster.locator("li.fac-card")).to_have_count(2)
        expect(toast).to_contain_text("Sarana")
        page.locator("#select-mode").uncheck()
        expect(page.locator("#selection-bar")).to_be_hidden()

        # Drag a card onto another: merged, with the badge and an Undo.
        card(page, "KTP lama jadi").locator(".fac-card-view").first.drag_to(
            card(page, "Antrean KTP-el panjang").locator(".fac-card-view").first
        )
        expect(card(page, "Antrean KTP-el panjang").locator(".fac-merged-badge")).to_have_text(
            "gabungan 1"
        )
        expect(card(page, "KTP lama jadi")).to_have_class(re.compile(r"\bstatus-merged\b"))
        expect(toast).to_contain_text("Digabung")
        # Drag a card onto a cluster: it joins it.
        # (both in view below the bar and the note closed, as a person would
        # have them before dragging: the note covers the bottom of the screen)
        page.locator("#toast-close").click()
        expect(toast).to_be_hidden()
        cluster.evaluate("node => window.scrollBy(0, node.getBoundingClientRect().top - 80)")
        card(page, "Antre KTP lama").locator(".fac-card-view").first.drag_to(
            cluster.locator(".fac-cluster-title")
        )
        expect(cluster.locator("li.fac-card")).to_have_count(3)


def test_usg_grid_scores_a_card_in_a_few_interactions_and_the_rank_moves(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek USG", phase="identify")
    with steering_page(browser, links["facilitator_url"]) as page:
        expect(page.locator("#bar-phase")).to_have_text("Identifikasi sumbatan")
        board = sector_ids(page)[0]
        andi = phone(live_server, links["code"], "Andi", board)
        try:
            post(andi, board, "Obat sering kosong")
            post(andi, board, "Antrean poli tiga jam")
        finally:
            andi.disconnect()
        show_tab(page, "scoring")
        rows = page.locator("#scoring-rows tr[data-card]")
        expect(rows).to_have_count(2)
        expect(page.locator("#scoring-progress")).to_have_text("0 dinilai · 2 belum dinilai")
        # No select is cut: each shows its whole choice.
        for select in page.locator("#scoring-rows select").all():
            assert select.evaluate("s => s.scrollWidth <= s.clientWidth && s.clientWidth >= 44")

        first = rows.filter(has_text="Obat sering kosong")
        second = rows.filter(has_text="Antrean poli")
        # A card: U, S, G (three interactions), one APKL check (a fourth).
        first.get_by_label("Urgensi (U): Obat sering kosong").select_option("3")
        first.get_by_label("Keseriusan (S): Obat sering kosong").select_option("3")
        first.get_by_label("Pertumbuhan (G): Obat sering kosong").select_option("3")
        first.get_by_label("Aktual: Obat sering kosong").check()
        expect(first.locator(".fac-usg-sum")).to_have_text("9")
        expect(first.locator(".fac-rank-col")).to_have_text("1")
        expect(card(page, "Obat sering kosong").locator(".card-usg")).to_have_text("9")
        expect(page.locator("#scoring-progress")).to_have_text("1 dinilai · 1 belum dinilai")

        second.get_by_label("Urgensi (U): Antrean poli tiga jam").select_option("5")
        second.get_by_label("Keseriusan (S): Antrean poli tiga jam").select_option("4")
        second.get_by_label("Pertumbuhan (G): Antrean poli tiga jam").select_option("3")
        expect(second.locator(".fac-rank-col")).to_have_text("1")
        expect(first.locator(".fac-rank-col")).to_have_text("2")
        expect(page.locator("#scoring-progress")).to_have_text("2 dinilai · 0 belum dinilai")
        # Saved on the server: a reload shows the same.
        page.reload()
        show_tab(page, "scoring")
        expect(
            page.locator("#scoring-rows tr[data-card]", has_text="Obat").locator(".fac-usg-sum")
        ).to_have_text("9")
        expect(
            page.locator("#scoring-rows tr[data-card]", has_text="Obat").get_by_label(
                "Aktual: Obat sering kosong"
            )
        ).to_be_checked()
        # The grid row is compact next to the old panel.
        box = page.locator("#scoring-rows tr[data-card]").first.bounding_box()
        assert box is not None and box["height"] < 80, box


def test_the_facilitator_watches_the_room_vote(live_server, browser: Browser):
    links = live_server.create_workshop("Bimtek voting", phase="identify")
    with steering_page(browser, links["facilitator_url"]) as page:
        expect(page.locator("#bar-phase")).to_have_text("Identifikasi sumbatan")
        board = sector_ids(page)[0]
        phones = [
            phone(live_server, links["code"], name, board) for name in ("Andi", "Budi", "Citra")
        ]
        try:
            card_id = post(phones[0], board, "Antrean KTP-el sampai sore")
            page.locator("#phase-bar .phase-button", has_text="Voting").click()
            expect(page.locator("#bar-phase")).to_have_text("Voting")
            progress = page.locator("#bar-progress")
            expect(progress).to_have_text("0/3 sudah memilih")
            assert phones[0].call("vote:cast", {"card_id": card_id}, timeout=10)["ok"]
            expect(progress).to_have_text("1/3 sudah memilih")
            assert phones[0].call("vote:cast", {"card_id": card_id}, timeout=10)["ok"]
            assert phones[1].call("vote:cast", {"card_id": card_id}, timeout=10)["ok"]
            expect(progress).to_have_text("2/3 sudah memilih")
            # Visible while the page is scrolled, and after a reload (from the snapshot).
            show_tab(page, "setup")
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            assert page.evaluate("scrollY") > 500
            assert inside_viewport(page, "#bar-progress")
            page.reload()
            expect(page.locator("#bar-progress")).to_have_text("2/3 sudah memilih")
            assert phones[2].call("vote:cast", {"card_id": card_id}, timeout=10)["ok"]
            expect(page.locator("#bar-progress")).to_have_text("3/3 sudah memilih")
            expect(page.locator("#bar-progress")).to_have_class(re.compile(r"\bdone\b"))
        finally:
            for client in phones:
                client.disconnect()
