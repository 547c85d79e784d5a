"""The facilitator's actions at a laptop (1366 x 768), issue 24 point 3: approve a
whole queue in one click, and let causes skip it; bulk status changes; a drag
that merges two cards far apart in a long column; the Undo note that leaves and
never covers the selection bar; the action plan in its own dialog; a question
before ending or archiving, reopening offered only after the end; the secret
links put away; the projector's spotlight switched off from the bar and ended
by the next phase. Clicks are counted where the issue counts them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import socketio
from playwright.sync_api import Browser, Page, expect

from tests.conftest import card_of, post_through_socket
from tests.live import join_session, socket_client

from .helpers import LAPTOP, card_menu, facilitator_socket, fail_on_dialog, show_tab


@contextmanager
def steering_page(browser: Browser, url: str, clock: bool = False) -> Iterator[Page]:
    laptop = browser.new_context(**LAPTOP)
    if clock:
        laptop.clock.install()
    try:
        page = laptop.new_page()
        page.on("dialog", fail_on_dialog)  # a question is asked in the page, not by alert()
        page.goto(url)
        expect(page.locator("#connection")).to_have_text("Terhubung")
        yield page
    finally:
        laptop.close()


@contextmanager
def room(live_server, phase: str = "identify") -> Iterator[dict[str, Any]]:
    """A workshop, the facilitator's socket and a phone on the first board."""
    links = live_server.create_workshop("Bimtek aksi", phase=phase)
    boss = facilitator_socket(live_server, links)
    sectors = [
        s["id"] for s in boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]["sectors"]
    ]
    phone = socket_client(
        live_server.url,
        join_session(live_server.url, links["code"], "Andi", sectors[0]),
        links["code"],
    )
    try:
        yield {"links": links, "boss": boss, "phone": phone, "sectors": sectors}
    finally:
        phone.disconnect()
        boss.disconnect()


def post(client: socketio.Client, sector_id: int | None, text: str, **extra: Any) -> dict[str, Any]:
    return card_of(post_through_socket(client, sector_id, text, **extra))


def call(sock: socketio.Client, event: str, payload: dict[str, Any]) -> dict[str, Any]:
    reply: dict[str, Any] = sock.call(event, payload, timeout=10)
    assert reply["ok"], reply
    return reply


def phase_id(boss: socketio.Client, kind: str) -> int:
    phases = boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]["phases"]
    return int(next(p["id"] for p in phases if p["kind"] == kind))


def card(page: Page, card_id: int):
    return page.locator(f"#boards li[data-card='{card_id}']")


def test_four_causes_approved_in_one_click_and_causes_can_skip_the_queue(
    live_server, browser: Browser
):
    with room(live_server) as r:
        boss, phone, board = r["boss"], r["phone"], r["sectors"][0]
        bottleneck = post(phone, board, "Antrean KTP-el tiga jam")
        call(boss, "causes:choose", {"card_id": bottleneck["id"], "chosen": True})
        call(boss, "phase:set", {"phase_id": phase_id(boss, "causes")})
        call(boss, "settings:update", {"approval_required": True})
        for n, text in enumerate(
            ["Petugas kurang", "Blanko habis", "Server lambat", "Jam buka pendek"]
        ):
            bone = ["man", "material", "machine", "method"][n]
            cause = post(phone, None, text, kind="cause", parent_id=bottleneck["id"], bone=bone)
            assert cause["status"] == "pending"
        with steering_page(browser, r["links"]["facilitator_url"]) as page:
            queue = page.locator("#queue-list > li")
            expect(queue).to_have_count(4)
            clicks = 0
            page.get_by_role("button", name="Setujui semua (4)").click()
            clicks += 1
            expect(queue).to_have_count(0)
            expect(page.locator("#queue-empty")).to_be_visible()
            assert clicks == 1, "four causes approved in one click (four before)"
            # From now on causes and their "why?"s go straight to the board.
            show_tab(page, "settings")
            page.locator("#setting-causes_skip_approval").check()
            expect(page.locator("#setting-causes_skip_approval")).to_be_checked()
            late = post(
                phone,
                None,
                "Formulir rumit",
                kind="cause",
                parent_id=bottleneck["id"],
                bone="method",
            )
            assert late["status"] == "visible"
            show_tab(page, "boards")
            expect(card(page, late["id"])).to_have_class(re.compile(r"\bstatus-visible\b"))
            expect(queue).to_have_count(0)


def test_approve_all_per_board_and_bulk_actions_on_a_selection(live_server, browser: Browser):
    with room(live_server) as r:
        boss, phone, sectors = r["boss"], r["phone"], r["sectors"]
        call(boss, "settings:update", {"approval_required": True})
        first = [post(phone, sectors[0], f"Antrean loket {n}") for n in range(3)]
        other = post(phone, sectors[1], "Jalan desa rusak")
        with steering_page(browser, r["links"]["facilitator_url"]) as page:
            queue = page.locator("#queue-list > li")
            expect(queue).to_have_count(4)
            page.locator(f"[data-approve-board='{sectors[1]}']").click()
            expect(queue).to_have_count(3)
            expect(card(page, other["id"])).to_have_class(re.compile(r"\bstatus-visible\b"))
            # A selection: one approved and two hidden at once.
            page.locator("#select-mode").check()
            for item in first:
                page.get_by_label(f"Pilih: {item['text']}").check()
            bar = page.locator("#selection-bar")
            expect(bar.locator("[data-bulk=approve]")).to_have_text("Setujui (3)")
            bar.locator("[data-bulk=hide]").click()
            for item in first:
                expect(card(page, item["id"])).to_have_class(re.compile(r"\bstatus-hidden\b"))
            expect(page.locator("#selection-error")).to_contain_text("3 kartu diubah")
            expect(bar.locator("[data-bulk=approve]")).to_be_hidden()
            expect(bar.locator("[data-bulk=show]")).to_have_text("Tampilkan (3)")


def test_drag_merges_two_cards_far_apart_in_a_long_column(live_server, browser: Browser):
    with room(live_server) as r:
        board, code = r["sectors"][0], r["links"]["code"]
        # A long column: 36 cards from three phones (each within its event allowance).
        phones = [r["phone"]] + [
            socket_client(live_server.url, join_session(live_server.url, code, name, board), code)
            for name in ("Budi", "Citra")
        ]
        try:
            cards = [
                post(phones[n % 3], board, f"Sumbatan nomor {n:02} di loket pelayanan")
                for n in range(36)
            ]
        finally:
            for extra in phones[1:]:
                extra.disconnect()
        top, bottom = cards[0], cards[-1]
        with steering_page(browser, r["links"]["facilitator_url"]) as page:
            target = card(page, top["id"]).locator(".fac-card-view").first
            source = card(page, bottom["id"]).locator(".fac-card-view").first
            expect(source).to_be_visible()
            source.scroll_into_view_if_needed()
            box = source.bounding_box()
            assert box is not None
            page.mouse.move(box["x"] + 30, box["y"] + 12)
            page.mouse.down()
            page.mouse.move(box["x"] + 40, box["y"] + 30, steps=3)
            # Held near an edge, the page scrolls toward it until the first card shows
            # (toward the top, and back down should it go past).
            place = (
                "n => { const r = n.getBoundingClientRect();"
                " return r.top < 200 ? 'above' : r.bottom > innerHeight - 150 ? 'below' : 'in'; }"
            )
            for wiggle in range(600):
                where = target.evaluate(place)
                if where == "in":
                    break
                y = 30 if where == "above" else 768 - 30
                page.mouse.move(box["x"] + 40 + wiggle % 2, y)
            else:
                raise AssertionError("the page did not scroll while dragging near its edges")
            # Away from the edge the scrolling stops; then onto the first card.
            page.mouse.move(box["x"] + 40, 384, steps=2)
            settled = """n => new Promise(done => { let last = null;
                const look = () => { const top = n.getBoundingClientRect().top;
                  if (top === last) done(top); else { last = top; requestAnimationFrame(
                    () => requestAnimationFrame(look)); } }; look(); })"""
            target.evaluate(settled)  # the scrolling has stopped: aim where the card is now
            aim = target.bounding_box()
            assert aim is not None
            page.mouse.move(aim["x"] + 40, aim["y"] + aim["height"] / 2, steps=4)
            under = page.evaluate(
                "([x, y]) => { const n = document.elementFromPoint(x, y);"
                " const li = n && n.closest('li[data-card]');"
                " return li ? li.dataset.card : n && n.id; }",
                [aim["x"] + 40, aim["y"] + aim["height"] / 2],
            )
            assert under == str(top["id"]), (under, aim, target.bounding_box())
            page.mouse.up()
            expect(card(page, bottom["id"])).to_have_class(re.compile(r"\bstatus-merged\b"))
            expect(card(page, top["id"]).locator(".fac-merged-badge").first).to_have_text(
                "gabungan 1"
            )
            expect(page.locator("#toast")).to_contain_text("Digabung")
            assert page.evaluate("getSelection().toString()") == "", (
                "a drag leaves no text selected"
            )


def test_the_undo_note_never_covers_the_merge_button_and_leaves_after_a_few_seconds(
    live_server, browser: Browser
):
    with room(live_server) as r:
        phone, board = r["phone"], r["sectors"][0]
        made = [
            post(phone, board, text)
            for text in (
                "Antrean KTP-el panjang",
                "Antre KTP lama",
                "Blanko KTP habis",
                "Server sering mati",
            )
        ]
        with steering_page(browser, r["links"]["facilitator_url"], clock=True) as page:
            page.locator("#select-mode").check()
            page.get_by_label(f"Pilih: {made[0]['text']}").check()
            page.get_by_label(f"Pilih: {made[1]['text']}").check()
            page.locator("#selection-merge").click()
            toast = page.locator("#toast")
            expect(toast).to_contain_text("Digabung")
            # Choose two more while the note shows: the bar's merge button stays clear.
            page.get_by_label(f"Pilih: {made[2]['text']}").check()
            page.get_by_label(f"Pilih: {made[3]['text']}").check()
            merge = page.locator("#selection-merge")
            expect(merge).to_contain_text("Gabung ke")
            expect(toast).to_be_visible()
            covered = merge.evaluate(
                """b => { const r = b.getBoundingClientRect();
                   const points = [[r.left + 4, r.top + 4], [r.right - 4, r.bottom - 4],
                                   [(r.left + r.right) / 2, (r.top + r.bottom) / 2]];
                   return points.some(
                       ([x, y]) => !b.contains(document.elementFromPoint(x, y))); }"""
            )
            assert not covered, "the Undo note covers the merge button"
            note, button = toast.bounding_box(), merge.bounding_box()
            assert note and button
            assert (
                note["y"] + note["height"] <= button["y"]
                or button["y"] + button["height"] <= note["y"]
            )
            # A few seconds later the note has gone by itself.
            page.clock.fast_forward(7000)
            expect(toast).to_be_hidden()
            merge.click()
            expect(toast).to_be_visible()
            page.clock.fast_forward(7000)
            expect(toast).to_be_hidden()


def test_the_action_plan_is_set_in_a_dialog_sized_for_its_fields(live_server, browser: Browser):
    with room(live_server) as r:
        phone, board = r["phone"], r["sectors"][0]
        bottleneck = post(phone, board, "Antrean poli tiga jam")
        call(r["boss"], "phase:set", {"phase_id": phase_id(r["boss"], "solve")})
        solution = post(
            phone, None, "Pendaftaran daring", kind="solution", parent_id=bottleneck["id"]
        )
        with steering_page(browser, r["links"]["facilitator_url"]) as page:
            clicks = 0
            card(page, solution["id"]).locator("[data-plan-tool]").click()
            clicks += 1
            dialog = page.locator("dialog.fac-plan-dialog")
            expect(dialog).to_be_visible()
            width = dialog.evaluate("d => d.getBoundingClientRect().width")
            assert width >= 700, f"the dialog is {width} px wide"
            fields = dialog.locator("textarea, input[type=date]")
            expect(fields).to_have_count(8)
            columns = {round(b["x"]) for b in (fields.nth(i).bounding_box() for i in range(8)) if b}
            assert len(columns) == 2, "eight fields in two columns"
            values = [
                "Buka pendaftaran daring",
                "Waktu tunggu < 30 menit",
                "Kepala Puskesmas",
                "Triwulan I",
                "APBD",
                "Diskominfo",
                "Dinas Kesehatan",
            ]
            for i, value in enumerate(values):
                fields.nth(i).fill(value)
            fields.nth(7).fill("2027-03-31")
            dialog.get_by_role("button", name="Simpan rencana aksi").click()
            clicks += 1
            expect(dialog).to_be_hidden()
            assert clicks == 2
            # Opened again, it holds what the server kept.
            card(page, solution["id"]).locator("[data-plan-tool]").click()
            expect(fields.nth(6)).to_have_value("Dinas Kesehatan")
            expect(fields.nth(7)).to_have_value("2027-03-31")
            dialog.get_by_role("button", name="Batal").click()
            expect(dialog).to_be_hidden()


def test_ending_and_archiving_ask_first_and_reopening_waits_for_the_end(
    live_server, browser: Browser
):
    links = live_server.create_workshop("Bimtek akhir", phase="identify")
    with steering_page(browser, links["facilitator_url"]) as page:
        show_tab(page, "followup")  # the life cycle's choices live in the follow-up tab
        state = page.locator("#fu-state-name")
        expect(state).to_have_text("Berlangsung")
        expect(page.locator("[data-lifecycle=follow_up]")).to_be_hidden()
        question = page.locator("dialog.fac-confirm")
        clicks = 0
        page.locator("[data-lifecycle=end]").click()
        clicks += 1
        expect(question).to_be_visible()
        expect(question).to_contain_text("Akhiri lokakarya?")
        question.get_by_role("button", name="Batal").click()
        expect(question).to_be_hidden()
        expect(state).to_have_text("Berlangsung")
        page.locator("[data-lifecycle=end]").click()
        question.locator("[data-confirm=yes]").click()
        clicks += 2
        expect(state).to_have_text("Berakhir")
        expect(page.locator("#connection")).to_have_text("Terhubung")  # the new page's script
        assert clicks == 3  # one more than before: the question
        # Ended: now, and only now, the follow-up meeting is offered.
        expect(page.locator("[data-lifecycle=follow_up]")).to_be_visible()
        page.locator("[data-lifecycle=archive]").click()
        expect(question).to_contain_text("Arsipkan lokakarya ini?")
        question.get_by_role("button", name="Batal").click()
        expect(state).to_have_text("Berakhir")


def test_the_secret_links_are_put_away_at_once_and_come_back_when_asked(
    live_server, browser: Browser
):
    laptop = browser.new_context(**LAPTOP)
    try:
        page = laptop.new_page()
        page.on("dialog", fail_on_dialog)
        page.goto(live_server.url + "/new")
        page.locator("#title").fill("Bimtek tautan")
        page.get_by_role("button", name=re.compile("Buat")).click()
        box = page.locator("section", has=page.locator("#links-h"))
        expect(box).to_be_visible()
        page.locator("[data-links-hide]").click()
        expect(box).to_be_hidden()
        again = page.locator("[data-links-show]")
        expect(again).to_be_visible()
        again.click()
        expect(box).to_be_visible()
        page.reload()
        expect(page.locator("#links-h")).to_have_count(0)
    finally:
        laptop.close()


def test_the_spotlight_and_focus_have_an_off_in_the_bar_and_end_with_the_phase(
    live_server, browser: Browser
):
    with room(live_server) as r:
        boss, phone, board = r["boss"], r["phone"], r["sectors"][0]
        lit = post(phone, board, "Antrean KTP-el tiga jam")
        with steering_page(browser, r["links"]["facilitator_url"]) as page:
            onair = page.locator("#bar-onair")
            expect(onair).to_be_hidden()
            card_menu(page, card(page, lit["id"])).locator(
                f"[data-spotlight='{lit['id']}']"
            ).click()
            page.keyboard.press("Escape")  # the menu stays open on the spotlight's switch
            expect(onair).to_be_visible()
            expect(onair).to_contain_text("Antrean KTP-el")
            # Off from the bar, where it always shows, without finding the card.
            onair.locator("[data-onair-off=spotlight]").click()
            expect(onair).to_be_hidden()
            # On again: the next phase takes it off by itself...
            call(boss, "spotlight:set", {"card_id": lit["id"]})
            expect(onair).to_be_visible()
            page.locator("#bar-next").click()
            expect(onair).to_be_hidden()
            # ...unless pinned.
            call(boss, "spotlight:set", {"card_id": lit["id"]})
            onair.locator("[data-onair-pin=spotlight]").check()
            expect(onair.locator("[data-onair-pin=spotlight]")).to_be_checked()
            page.locator("#bar-next").click()
            expect(page.locator("#bar-phase")).not_to_have_text("Pengelompokan")
            expect(onair).to_be_visible()
            onair.locator("[data-onair-off=spotlight]").click()
            expect(onair).to_be_hidden()
            # The focus (a bottleneck's fishbone) has its off too, and ends with the phase.
            call(boss, "causes:choose", {"card_id": lit["id"], "chosen": True})
            call(boss, "focus:set", {"card_id": lit["id"]})
            expect(onair.locator("[data-onair=focus]")).to_contain_text("Antrean KTP-el")
            onair.locator("[data-onair-off=focus]").click()
            expect(onair).to_be_hidden()
            call(boss, "focus:set", {"card_id": lit["id"]})
            expect(onair).to_be_visible()
            page.locator("#bar-next").click()
            expect(onair).to_be_hidden()
