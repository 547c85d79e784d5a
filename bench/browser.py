"""A room in a real browser: the phone, the cockpit and the projector at room scale.

    python bench/browser.py [--phones 150] [--cards 800] [--alike 0.5] [--rate 2]
                            [--votes 2] [--seconds 30] [--cap 90] [--pages phone,cockpit,projector]
    python bench/browser.py --phones 30 --cards 200 --seconds 15     # a quick run

Starts the app on a free loopback port with its own temporary database
(`bench/load.py`'s Target), makes the posting phase a voting one too
(`phase:save`, `vote_on: "bottleneck"`, through the facilitator's socket), has
--phones participants join through the real join form and connect their
sockets (python-socketio), and has them post --cards bottlenecks with
`card:post` (--alike of them look-alike texts about one problem, the KTP-el
queue, in variations; the others from bench/similar_set.jsonl's other groups).
Three cards in eight go to the first board (the one the phone watches, 300
of 800), the others across the other five.

Then, one page after another in Playwright's Chromium (each alone, so that they
do not share the CPU): the phone (a participant joined through the form, 360x640,
CPU throttled 4x with CDP's Emulation.setCPUThrottlingRate), the facilitator's
page (the cockpit, 1366x768) and the projector (1280x720). For each: load the
page, wait for it to settle, then for --seconds phones post --rate cards a
second to the first board and cast --votes dots a second on its cards (the
tallies arrive batched, `votes.tallied`), then --seconds/3 of dots alone.

An init script in each page wraps `window.io` so that the socket's `onAny`
listener, which socket.io calls before the page's own, stamps each broadcast
when it arrives; a MutationObserver (looking only while a stamped card has
not been seen) notes when that card's text enters the DOM, and a
requestAnimationFrame followed by a message-channel task notes the paint
after it. A PerformanceObserver collects long tasks.

Figures (milliseconds unless said), per page:
- first_render_ms: navigation start until the first card's text is painted;
  load_blocked_ms: long tasks' total from navigation until the measurement.
- dom_nodes (after seeding, and dom_nodes_end), page_height_px.
- cards: long tasks while cards and tallies arrive: long_tasks, the longest
  (long_task_max_ms), total blocking time (tbt_ms, each task's time over 50 ms),
  busy_pct (long tasks' share of the window); tallies: the same while only
  tallies arrive.
- paint_ms: message-to-paint p50/p95/max of the cards posted during the
  window, and how many of them were painted (`painted` of `sent`).
- work_ms_per_card (in cards) and work_ms_per_tally (in tallies): the main
  thread's time in script, layout and style recalculation (CDP
  Performance.getMetrics) over the window, divided by the cards posted or the
  tally batches received (with the phone's 4x throttle, as the phone spends it).
- frozen: the page did not answer (first card or an evaluate) within --cap
  seconds; its figures are then those it gave, or null.

The last line printed is one JSON object: the room and the three pages.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import Target, join_app, percentile  # noqa: E402
from tests.live import CHROMIUM_ARGS  # noqa: E402  (Debian's Chromium, as the tests)

SIMILAR_SET = ROOT / "bench" / "similar_set.jsonl"
ALIKE_GROUP = "adminduk/antrean-ktp"
PLACES = ["Tamalate", "Biringkanaya", "Rappocini", "Panakkukang", "Tallo", "Manggala", "Mariso"]
TAILS = ["", " Sudah berbulan-bulan begini.", " Terutama hari Senin.", " Blanko juga sering habis."]
MARK = re.compile(r"\(#(\d+)\)")

PROBE = """
(() => {
  const B = (window.__bench = { msgs: {}, paints: {}, tallies: [], tasks: [], first: null });
  const MARK = /\\(#(\\d+)\\)/g;
  new PerformanceObserver(function (list) {
    for (const e of list.getEntries()) B.tasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  function afterPaint(fn) {
    requestAnimationFrame(function () {
      const channel = new MessageChannel();
      channel.port1.onmessage = function () { fn(performance.now()); };
      channel.port2.postMessage(0);
    });
  }
  let real;
  Object.defineProperty(window, "io", {
    configurable: true,
    get: function () { return real; },
    set: function (io) {
      real = Object.assign(function () {
        const socket = io.apply(this, arguments);
        socket.onAny(function (name, message) {
          if (name !== "event" || !message) return;
          const now = performance.now();
          const data = message.data || {};
          if (message.type === "card.created" && typeof data.text === "string") {
            const m = /\\(#(\\d+)\\)/.exec(data.text);
            if (m && !(m[1] in B.msgs)) B.msgs[m[1]] = now;
          } else if (message.type === "votes.tallied" || message.type === "votes.updated") {
            B.tallies.push(now);
          }
        });
        return socket;
      }, io);
    }
  });
  function waiting() {
    const out = [];
    for (const k in B.msgs) if (!(k in B.paints)) out.push(k);
    return out;
  }
  function look(text, keys) {
    let match;
    text = text || "";
    MARK.lastIndex = 0;
    while ((match = MARK.exec(text))) {
      if (B.first === null) {
        B.first = -1;
        afterPaint(function (t) { B.first = t; });
      }
      const key = match[1];
      if (keys.indexOf(key) >= 0 && !(key in B.paints)) {
        B.paints[key] = -1;
        afterPaint(function (t) { B.paints[key] = t; });
      }
    }
  }
  new MutationObserver(function (records) {
    const keys = waiting();
    if (B.first !== null && !keys.length) return;
    for (const r of records) {
      if (r.type === "characterData") look(r.target.data, keys);
      else for (const n of r.addedNodes) look(n.nodeType === 3 ? n.data : n.textContent, keys);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();
"""


def texts(count: int, alike: float, seed: int = 7) -> list[str]:
    """`count` card texts, `alike` of them variations on the KTP-el queue."""
    chance = random.Random(seed)
    rows = [json.loads(line) for line in SIMILAR_SET.read_text().splitlines()]
    same = [r["text"] for r in rows if r["group"] == ALIKE_GROUP]
    other = [r["text"] for r in rows if r["group"] != ALIKE_GROUP]
    out = []
    for n in range(count):
        if chance.random() < alike:
            text = f"{chance.choice(same)} Kec. {chance.choice(PLACES)}.{chance.choice(TAILS)}"
        else:
            text = chance.choice(other)
        out.append(f"{text} (#{n})")
    return out


class Room(Target):
    """The app and a workshop, with its presenter link kept too."""

    def _prepare_workshop(self) -> None:
        command = [sys.executable, "-m", "flask", "--app", "app", "workshop", "create"]
        command += ["--title", "Bimtek ruang penuh", "--json"]
        out = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True)
        self.links = json.loads(out.stdout)
        self._open_workshop(self.links["facilitator_url"], self.url)

    def steer(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        """One event from the facilitator's socket."""
        import requests
        import socketio

        browser = requests.Session()
        browser.get(self.links["facilitator_url"], timeout=10)
        boss = socketio.Client(http_session=browser, reconnection=False)
        boss.connect(self.url, auth={"workshop": self.code}, transports=["websocket"])
        reply: dict[str, Any] = boss.call(event, payload, timeout=60)
        boss.disconnect()
        browser.close()
        assert reply.get("ok"), reply
        return reply


class Phones:
    """Participants joined through the form, each with its socket."""

    def __init__(self, room: Room, count: int) -> None:
        self.room, self.count = room, count
        self.sockets: list[Any] = []
        self.sectors: list[int] = []
        self.http: list[Any] = []
        self.board: list[int] = []  # card ids on the first board
        self.sent = 0

    async def join(self) -> None:
        import aiohttp
        import socketio

        async def one(i: int) -> None:
            sector = self.room.sectors[i % len(self.room.sectors)]
            http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
            await join_app(http, self.room.url, self.room.code, f"Peserta {i}", sector)
            sio = socketio.AsyncClient(http_session=http, reconnection=False)
            await sio.connect(
                self.room.url,
                auth={"workshop": self.room.code},
                transports=["websocket"],
                wait_timeout=60,
            )
            self.sockets.append(sio)
            self.sectors.append(sector)
            self.http.append(http)

        for start in range(0, self.count, 25):
            await asyncio.gather(*(one(i) for i in range(start, min(self.count, start + 25))))

    def of(self, sector: int) -> list[Any]:
        return [s for s, k in zip(self.sockets, self.sectors, strict=True) if k == sector]

    async def post(self, sector: int, text: str, chance: random.Random) -> None:
        self.sent += 1
        payload = {
            "client_id": f"bench-{self.sent}-{chance.getrandbits(32)}",
            "kind": "bottleneck",
            "sector_id": sector,
            "text": text,
        }
        reply = await chance.choice(self.of(sector)).call("card:post", payload, timeout=60)
        assert reply.get("ok"), reply
        if sector == self.room.sectors[0]:
            self.board.append(reply["card"]["id"])

    async def vote(self, chance: random.Random) -> None:
        if not self.board:
            return
        phone = chance.choice(self.sockets)
        await phone.call("vote:cast", {"card_id": chance.choice(self.board)}, timeout=60)

    async def close(self) -> None:
        for sio, http in zip(self.sockets, self.http, strict=True):
            if sio.connected:
                await sio.disconnect()
            await http.close()


async def seed(phones: Phones, cards: list[str]) -> float:
    """Post the room's cards: three in eight on the first board."""
    begun = time.monotonic()
    chance = random.Random(11)
    sectors = phones.room.sectors
    where = [
        sectors[0] if n % 8 < 3 else sectors[1 + n % (len(sectors) - 1)] for n in range(len(cards))
    ]
    for start in range(0, len(cards), 20):
        batch = range(start, min(len(cards), start + 20))
        await asyncio.gather(*(phones.post(where[n], cards[n], chance) for n in batch))
    return time.monotonic() - begun


async def traffic(
    phones: Phones, texts_: list[str], rate: float, votes: float, seconds: float
) -> int:
    """Cards to the first board at `rate` a second and dots at `votes` a second."""
    chance = random.Random(len(texts_))
    deadline = time.monotonic() + seconds
    calls: list[asyncio.Future[Any]] = []

    async def every(pace: float, act: Any) -> int:
        n = 0
        while pace and time.monotonic() < deadline and act(n):
            n += 1
            await asyncio.sleep(1 / pace)
        return n

    def card(n: int) -> bool:
        if n >= len(texts_):
            return False
        calls.append(asyncio.ensure_future(phones.post(phones.room.sectors[0], texts_[n], chance)))
        return True

    def dot(_n: int) -> bool:
        calls.append(asyncio.ensure_future(phones.vote(chance)))
        return True

    posted, _dots = await asyncio.gather(every(rate, card), every(votes, dot))
    await asyncio.gather(*calls, return_exceptions=True)
    return int(posted)


def tasks_in(tasks: list[list[float]], start: float, end: float) -> dict[str, Any]:
    inside = [d for s, d in tasks if start <= s < end]
    window = max(end - start, 1.0)
    return {
        "long_tasks": len(inside),
        "long_task_max_ms": round(max(inside, default=0.0)),
        "tbt_ms": round(sum(d - 50 for d in inside)),
        "busy_pct": round(100 * sum(inside) / window, 1),
    }


async def probe(page: Any, script: str, cap: float) -> Any:
    try:
        return await asyncio.wait_for(page.evaluate(script), cap)
    except TimeoutError:
        return None


WORK = {"script": "ScriptDuration", "layout": "LayoutDuration", "style": "RecalcStyleDuration"}


async def metrics(cdp: Any, cap: float) -> dict[str, float]:
    """The renderer's main-thread time so far (CDP Performance.getMetrics), in seconds."""
    try:
        reply = await asyncio.wait_for(cdp.send("Performance.getMetrics"), cap)
    except TimeoutError:
        return {}
    return {m["name"]: m["value"] for m in reply["metrics"]}


def work(before: dict[str, float], after: dict[str, float], count: int) -> dict[str, float]:
    """Main-thread milliseconds between two readings, per event (card or tally batch)."""
    if not (before and after and count):
        return {}
    return {k: round(1000 * (after[m] - before[m]) / count, 1) for k, m in WORK.items()}


async def measure(
    name: str, context: Any, url: str, phones: Phones, args: argparse.Namespace, start: int
) -> dict[str, Any]:
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Performance.enable")
    if name == "phone":
        await cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.throttle})
    result: dict[str, Any] = {"page": name, "url_path": re.sub(r"^https?://[^/]+", "", url)}
    await page.goto(url, wait_until="commit", timeout=args.cap * 1000)
    begun = time.monotonic()
    first = None
    while time.monotonic() - begun < args.cap:
        first = await probe(page, "window.__bench && window.__bench.first", args.cap)
        if first and first > 0:
            break
        await asyncio.sleep(0.2)
    result["frozen"] = not (first and first > 0)
    result["first_render_ms"] = round(first) if first and first > 0 else None
    await asyncio.sleep(args.settle)
    shape = await probe(
        page,
        "[document.getElementsByTagName('*').length, document.documentElement.scrollHeight,"
        " performance.now()]",
        args.cap,
    )
    if shape is None:
        result["frozen"] = True
        await page.close()
        return result
    result["dom_nodes"], result["page_height_px"], window_start = shape
    bench = await probe(page, "window.__bench.tasks", args.cap) or []
    result["load_blocked_ms"] = round(sum(d for s, d in bench if s < window_start))

    work_start = await metrics(cdp, args.cap)
    ours = texts(args.rate_cards, args.alike, seed=start)
    ours = [MARK.sub(f"(#{start + n})", t) for n, t in enumerate(ours)]
    sent = await traffic(phones, ours, args.rate, args.votes, args.seconds)
    await asyncio.sleep(2)  # the last cards' paint
    middle = await probe(page, "performance.now()", args.cap)
    work_middle = await metrics(cdp, args.cap)
    await traffic(phones, [], 0, args.votes, args.seconds / 3)
    await asyncio.sleep(1)
    work_end = await metrics(cdp, args.cap)
    state = await probe(
        page,
        "[window.__bench, performance.now(), document.getElementsByTagName('*').length]",
        args.cap,
    )
    if state is None or middle is None:
        result["frozen"] = True
        await page.close()
        return result
    bench, window_end, result["dom_nodes_end"] = state
    result["cards"] = tasks_in(bench["tasks"], window_start, middle)
    result["tallies"] = tasks_in(bench["tasks"], middle, window_end)
    tallies = sum(1 for t in bench["tallies"] if t >= middle)
    result["tallies"]["tallies_received"] = tallies
    result["cards"]["work_ms_per_card"] = work(work_start, work_middle, sent)
    result["tallies"]["work_ms_per_tally"] = work(work_middle, work_end, tallies)
    delays = []
    for n in range(start, start + sent):
        at, painted = bench["msgs"].get(str(n)), bench["paints"].get(str(n))
        if at is not None and painted is not None and painted > 0:
            delays.append(painted - at)
    result["paint_ms"] = {
        "sent": sent,
        "received": sum(1 for n in range(start, start + sent) if str(n) in bench["msgs"]),
        "painted": len(delays),
        "p50": round(percentile(delays, 0.5) or 0) if delays else None,
        "p95": round(percentile(delays, 0.95) or 0) if delays else None,
        "max": round(max(delays)) if delays else None,
    }
    await page.close()
    return result


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    room = Room("app", "gevent")
    room.start()
    phones = Phones(room, args.phones)
    report: dict[str, Any] = {
        "phones": args.phones,
        "cards": args.cards,
        "alike": args.alike,
        "rate": args.rate,
        "votes": args.votes,
        "seconds": args.seconds,
        "throttle": args.throttle,
    }
    try:
        phase = room.steer("sync", {})["snapshot"]["workshop"]["phase_id"]
        room.steer("phase:save", {"id": phase, "vote_on": "bottleneck"})
        room.steer("settings:update", {"vote_budget": 50})
        await phones.join()
        report["seed_seconds"] = round(await seed(phones, texts(args.cards, args.alike)), 1)
        pages = {
            "phone": (
                {
                    "viewport": {"width": 360, "height": 640},
                    "is_mobile": True,
                    "has_touch": True,
                    "device_scale_factor": 2,
                },
                None,
            ),
            "cockpit": (
                {"viewport": {"width": 1366, "height": 768}},
                room.links["facilitator_url"],
            ),
            "projector": (
                {"viewport": {"width": 1280, "height": 720}},
                room.links["presenter_url"],
            ),
        }
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            start = 100000
            for name in args.pages.split(","):
                options, link = pages[name]
                context = await browser.new_context(locale="id-ID", **options)
                await context.add_init_script(PROBE)
                opener = await context.new_page()
                if link:  # the secret link sets the cookie, then lands on the page
                    await opener.goto(link)
                else:
                    await opener.goto(f"{room.url}/j/{room.code}")
                    await opener.fill("input[name=name]", "Peserta bangku depan")
                    await opener.fill("input[name=agency]", "Dinas Kependudukan")
                    await opener.check(f"input[name=sector_id][value='{room.sectors[0]}']")
                    await opener.click("button[type=submit]")
                    await opener.wait_for_url(re.compile(r"/board$"))
                url = opener.url
                await opener.close()
                report[name] = await measure(name, context, url, phones, args, start)
                start += 10000
                await context.close()
            await browser.close()
    finally:
        await phones.close()
        room.stop()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=150)
    parser.add_argument("--cards", type=int, default=800)
    parser.add_argument("--alike", type=float, default=0.5, help="share of look-alike texts")
    parser.add_argument("--rate", type=float, default=2.0, help="cards a second while measuring")
    parser.add_argument("--votes", type=float, default=2.0, help="dots a second while measuring")
    parser.add_argument("--seconds", type=float, default=30.0, help="cards' window per page")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after first render")
    parser.add_argument("--cap", type=float, default=90.0, help="seconds before a page is frozen")
    parser.add_argument("--throttle", type=float, default=4.0, help="the phone's CPU slowdown")
    parser.add_argument("--pages", default="phone,cockpit,projector")
    args = parser.parse_args()
    args.rate_cards = int(args.rate * args.seconds) + 1
    print(json.dumps(asyncio.run(run(args))))


if __name__ == "__main__":
    main()
