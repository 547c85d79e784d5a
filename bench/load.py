"""Load generator: real Socket.IO clients joining, posting and receiving.

    python bench/load.py --clients N --rate R --seconds S [--target app|python-relay|node-relay]
                         [--workers W] [--mode gevent|threading] [--storm]
                         [--reveal [--reveal-snapshot]] [--similar Q]
                         [--url URL --facilitator-url LINK [--pid PID]]
    python bench/load.py --storms-only [--votes] [--joins] [--flood] [--polls] [--tests]
                         [--upvotes]
                         [--profile-dir DIR]

Starts the target on a free loopback port (the app: `python app.py` with its
own database; or a bare relay from bench/relays/), or uses one already
running (--url; for the app, a workshop's facilitator link), has N participants join
across the six sectors (for the app: through the real join form), connects
them over websockets from W worker processes (python-socketio AsyncClient),
posts R bottlenecks a second from random participants for S seconds, and
measures every delivery. With --similar Q, phones also ask for similar cards
while they "type" (`card:similar`, Q queries a second in all, with texts from
bench/similar_set.jsonl), so that their cost on the post path shows in the
same figures. With --storm, all clients then drop and reconnect at once, each
resyncing from its last sequence number. With --reveal, the facilitator then
conceals the boards and lifts concealment again; each client takes its new
view as the browser does (its board's cards from `board.shown`; with
--reveal-snapshot, a snapshot each, as the pages did before), and the time
until the last one holds the new view is `reveal_storm_seconds`.

The storms of issue 15 each start their own server (the real event limits):
--votes, --clients phones cast all their dots within --vote-window seconds
(`vote_storm`: acknowledgement latency, votes lost or counted twice against
the facilitator's snapshot); --joins, --join-phones phones join through the
form within --join-window seconds (`join_storm_seconds`, `join_storm`); --flood,
one phone floods while --clients neighbours post --rate a second
(`flood_p95_ratio`, `flood`); --polls (issue 28), --clients phones answer a
poll within --poll-window seconds, one in ten sending its answer twice (a
retry with the same client id) and one in ten changing it (`poll_storm`:
acknowledgement latency, answers lost or counted twice against the
facilitator's snapshot and against the counts it was sent live); --tests
(issue 28), the facilitator adds a pre-test step with a bank of ten questions
and opens it, and --clients phones each answer every question within
--test-window seconds, one after another as the phone's outbox sends them, one
phone in ten sending one answer twice with the same client id before the first
is acknowledged, one in ten tapping another choice of an answered question
(the first answer counts); then the facilitator closes the test (`test_storm`:
acknowledgement latency p50/p95/p99/max, answers lost or counted twice and
wrong scores against what the bench sent, each checked in the cockpit's live
counts, its snapshot, the closing's results, the score each phone is told, and
the database read through the services); --upvotes, the first
--upvote-questions phones ask a speaker's question each, then --clients phones
each upvote every question they did not ask with a chance of 0.7, at random
moments of --upvote-window seconds, one in ten taking one back (`upvote_storm`:
acknowledgement latency, the `questions.voted` messages each phone received,
the counts against the upvotes acknowledged, each phone's counts as its page
keeps them and its own upvotes in its snapshot). --polls, --tests and
--upvotes default to 300 phones, the rest to 200; they report the server's
CPU seconds, the seconds it waited for a CPU held by other work
(`server_cpu_wait_seconds`, on Linux), and the load average before and
after: on a shared machine the wait says how much of the latency is the
machine's. --profile-dir DIR records
py-spy stacks of the server during each. The server runs in a session of its
own (its own scheduling group beside the phones', as on a real laptop).

The last line printed is one JSON object: clients connected, connect time,
fan-out latency p50/p95/p99 (a post's emit until its arrival at each
recipient), deliveries expected and received, server CPU seconds per
delivery, server peak RSS, and the reconnect storm's time to catch up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from workshop.core.models import SNAPSHOT_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
SIMILAR_SET = ROOT / "bench" / "similar_set.jsonl"
TYPISTS = 4  # concurrent card:similar callers per worker process
SECTORS = 6


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def raise_fd_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# -- the target ---------------------------------------------------------------


class Target:
    def __init__(self, kind: str, mode: str, url: str | None = None) -> None:
        self.kind, self.mode = kind, mode
        self.external = url is not None
        self.port = free_port()
        self.url = url.rstrip("/") if url else f"http://127.0.0.1:{self.port}"
        self.folder = Path(tempfile.mkdtemp(prefix="urai-load-"))
        self.env = {
            **os.environ,
            "WORKSHOP_INSTANCE_PATH": str(self.folder),
            "WORKSHOP_HOST": "127.0.0.1",
            "WORKSHOP_PORT": str(self.port),
            "WORKSHOP_PUBLIC_URL": self.url,
            "WORKSHOP_ASYNC_MODE": mode,
            # the load generator floods on purpose
            "WORKSHOP_EVENT_BURST": "1000000",
            "WORKSHOP_WRONG_CODE_BURST": "1000000",
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.code = ""
        self.sectors: list[int] = list(range(1, SECTORS + 1))

    def attach(self, facilitator_url: str) -> None:
        """Use a server that is already running: open its workshop through the
        facilitator link (its CPU and memory are measured through --pid)."""
        if self.kind == "app":
            self._open_workshop(facilitator_url, self.url)

    def start(self) -> None:
        if self.kind == "app":
            command = [sys.executable, os.environ.get("URAI_BENCH_APP", "app.py")]
        elif self.kind == "python-relay":
            command = [sys.executable, "bench/relays/relay.py", str(self.port), self.mode]
        elif self.kind == "flask-relay":
            command = [sys.executable, "bench/relays/flask_relay.py", str(self.port)]
        else:
            command = ["node", "bench/relays/relay.js", str(self.port)]
        log = open(self.folder / "server.log", "wb")  # noqa: SIM115 - lives as long as the server
        # A session of its own: with the kernel's autogroups (a scheduling group a
        # session), the server is not one group with the phones it serves, which
        # in a room run on other devices; on a shared machine it gets a group's share.
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        import socket

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        if self.kind == "app":
            self._prepare_workshop()

    def _prepare_workshop(self) -> None:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "flask",
                "--app",
                "app",
                "workshop",
                "create",
                "--title",
                "Bimtek beban",
                "--json",
            ],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        links = json.loads(out.stdout)
        self._open_workshop(links["facilitator_url"], self.url)

    def _open_workshop(self, facilitator_url: str, base: str) -> None:
        """Through the facilitator link: the workshop's code and boards; open posting."""
        import requests
        import socketio

        browser = requests.Session()
        page = browser.get(facilitator_url, timeout=10)
        self.code = page.url.rstrip("/").split("/w/")[1].split("/")[0]
        boss = socketio.Client(http_session=browser, reconnection=False)
        boss.connect(base, auth={"workshop": self.code}, transports=["websocket"])
        state = boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]
        self.sectors = [s["id"] for s in state["sectors"]]
        boss.call("phase:set", {"phase_id": state["phases"][1]["id"]}, timeout=10)
        boss.disconnect()
        browser.close()
        self.facilitator_url, self.base = facilitator_url, base

    def set_settings(self, settings: dict[str, Any]) -> float:
        """As the facilitator: a settings:update (for --reveal)."""
        import requests
        import socketio

        browser = requests.Session()
        browser.get(self.facilitator_url, timeout=10)
        boss = socketio.Client(http_session=browser, reconnection=False)
        boss.connect(self.base, auth={"workshop": self.code}, transports=["websocket"])
        begun = time.time()
        reply = boss.call("settings:update", settings, timeout=60)
        assert reply.get("ok"), reply
        boss.disconnect()
        browser.close()
        return begun

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class Sampler(threading.Thread):
    """Peak RSS of the server process, sampled."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            try:
                self.peak = max(self.peak, self.process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.2)


# -- a worker process: its share of the clients ---------------------------------


async def join_app(http: Any, url: str, code: str, name: str, sector: int) -> None:
    async with http.get(f"{url}/j/{code}") as response:
        page = await response.text()
    fields = dict(
        re.findall(r'<input[^>]*name="(\w+)"[^>]*type="hidden"[^>]*value="([^"]*)"', page)
    )
    data = {**fields, "name": name, "agency": "OPD Uji", "sector_id": str(sector)}
    async with http.post(
        f"{url}/j/{code}", data=data, headers={"Referer": f"{url}/j/{code}"}
    ) as response:
        await response.read()
        assert response.status == 200 and str(response.url).endswith("/board"), response.status


class Phone:
    def __init__(self, index: int, sector: int) -> None:
        self.index, self.sector = index, sector
        self.sio: Any = None
        self.http: Any = None
        self.seq = 0
        self.concealed = False
        self.settings: dict[str, Any] = {}
        self.shown = 0
        self.resynced: asyncio.Future[float] | None = None


async def worker_main(cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    import aiohttp
    import socketio

    raise_fd_limit()
    latencies: list[float] = []
    received: dict[str, int] = {}
    pending: set[asyncio.Future[None]] = set()

    async def recv() -> Any:
        """The main process's word, without blocking this loop: the sockets
        keep answering pings while a slower worker catches up."""
        return await asyncio.get_running_loop().run_in_executor(None, conn.recv)

    phones = [
        Phone(i, cfg["sectors"][i % len(cfg["sectors"])])
        for i in range(start_index, start_index + count)
    ]

    def on_event(phone: Phone):
        def handler(message: dict[str, Any]) -> None:
            now = time.time()
            phone.seq = max(phone.seq, message.get("seq", 0))
            if message.get("type") == "workshop.updated":
                settings = message["data"]["settings"]
                phone.concealed = settings["concealed"]
                if cfg["reveal_snapshot"] or any(
                    settings.get(name) != phone.settings.get(name)
                    for name in cfg["snapshot_settings"]
                ):
                    # as static/js/shared/store.js does for rules.snapshot_settings (and,
                    # with --reveal-snapshot, as it did for every view setting)
                    pending.add(task := asyncio.ensure_future(resync(phone)))
                    task.add_done_callback(pending.discard)
                phone.settings = settings
                return
            if message.get("type") == "board.shown":
                # the board's cards as this phone now sees them: the new view
                data = message["data"]
                if data["complete"] and data["sector_id"] == phone.sector:
                    phone.shown = len(data["cards"])
                    waiting = phone.resynced is not None and not phone.resynced.done()
                    if waiting and not cfg["reveal_snapshot"]:
                        phone.resynced.set_result(now)
                return
            if message.get("type") != "card.created":
                return
            text = message["data"].get("text", "")
            if text.startswith("LOAD "):
                _tag, post_id, sent = text.split(" ")[:3]
                latencies.append(now - float(sent))
                received[post_id] = received.get(post_id, 0) + 1

        return handler

    async def resync(phone: Phone) -> None:
        query = {"sector_id": phone.sector, "since": None}
        reply = await phone.sio.call("sync", query, timeout=120)
        if reply.get("ok") and phone.resynced is not None and not phone.resynced.done():
            phone.resynced.set_result(time.time())

    async def connect(phone: Phone) -> None:
        jar = aiohttp.CookieJar(unsafe=True)
        phone.http = aiohttp.ClientSession(cookie_jar=jar)
        auth: dict[str, Any] = {"sector": phone.sector}
        if cfg["kind"] == "app":
            await join_app(
                phone.http, cfg["url"], cfg["code"], f"Peserta {phone.index}", phone.sector
            )
            auth = {"workshop": cfg["code"]}
        phone.sio = socketio.AsyncClient(http_session=phone.http, reconnection=False)
        phone.sio.on("event", on_event(phone))
        await phone.sio.connect(cfg["url"], auth=auth, transports=["websocket"], wait_timeout=60)
        reply = await phone.sio.call("sync", {"sector_id": phone.sector}, timeout=60)
        phone.seq = reply.get("seq", 0)
        phone.settings = ((reply.get("snapshot") or {}).get("workshop") or {}).get("settings", {})

    started = time.monotonic()
    batch = 50
    for i in range(0, len(phones), batch):
        await asyncio.gather(*(connect(p) for p in phones[i : i + batch]))
    conn.send(
        {
            "connected": sum(1 for p in phones if p.sio.connected),
            "connect_seconds": time.monotonic() - started,
        }
    )
    await recv()  # go

    sent: dict[str, int] = {}
    calls: list[asyncio.Future[Any]] = []
    rate = cfg["rate"] / cfg["workers"]
    deadline = time.monotonic() + cfg["seconds"]
    n = 0
    chance = __import__("random").Random(start_index)
    similar_ms: list[float] = []

    async def typing() -> None:
        """Phones asking for similar cards while their participants type."""
        texts = [json.loads(line)["text"] for line in SIMILAR_SET.read_text().splitlines()]
        pace = cfg["similar"] / cfg["workers"] / TYPISTS
        while time.monotonic() < deadline:
            phone = chance.choice(phones)
            query = {"sector_id": phone.sector, "kind": "bottleneck", "text": chance.choice(texts)}
            begun = time.perf_counter()
            reply = await phone.sio.call("card:similar", query, timeout=30)
            if reply.get("ok"):
                similar_ms.append(1000 * (time.perf_counter() - begun))
            await asyncio.sleep(max(0.0, 1 / pace - (time.perf_counter() - begun)))

    typists = (
        [asyncio.ensure_future(typing()) for _ in range(TYPISTS)] if cfg.get("similar") else []
    )
    while time.monotonic() < deadline:
        n += 1
        phone = chance.choice(phones)
        post_id = f"{start_index}-{n}"
        payload = {
            "client_id": f"load-{post_id}",
            "kind": "bottleneck",
            "sector_id": phone.sector,
            "text": f"LOAD {post_id} {time.time():.6f}",
        }
        if os.environ.get("URAI_BENCH_PAD"):
            payload["pad"] = "x" * int(os.environ["URAI_BENCH_PAD"])
        sent[post_id] = phone.sector
        calls.append(asyncio.ensure_future(phone.sio.call("card:post", payload, timeout=30)))
        await asyncio.sleep(1 / rate)
    await asyncio.sleep(cfg["grace"])
    await asyncio.gather(*calls, *typists, return_exceptions=True)
    conn.send(
        {
            "similar_ms": similar_ms,
            "latencies": latencies,
            "received": received,
            "sent": sent,
            "sectors": [p.sector for p in phones],
        }
    )

    for concealed in (True, False) if cfg["reveal"] else ():
        loop = asyncio.get_running_loop()
        for p in phones:
            p.resynced = loop.create_future()
        conn.send({"ready": True})
        await recv()  # the facilitator changes concealment now
        finished, _late = await asyncio.wait([p.resynced for p in phones], timeout=120)
        done = [f.result() for f in finished]
        conn.send(
            {
                "concealed": concealed,
                "last": max(done, default=0.0),
                "missed": len(phones) - len(done),
                "disconnected": sum(1 for p in phones if not p.sio.connected),
            }
        )

    if cfg["storm"]:
        await recv()  # everyone drops now
        for p in phones:
            await p.sio.disconnect()
        conn.send({"dropped": True})
        await recv()  # everyone reconnects now
        begun = time.monotonic()

        connected_at: list[float] = []
        synced_at: list[float] = []

        async def back(phone: Phone) -> None:
            phone.sio = socketio.AsyncClient(http_session=phone.http, reconnection=False)
            catch_up = {"sector_id": phone.sector, "since": phone.seq}
            if cfg["kind"] == "app" and not cfg.get("sync_after_connect"):
                # As the browser does: the catch-up rides in the connect's auth,
                # answered by a `synced` event (one trip).
                answer: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()

                def on_synced(reply: dict[str, Any]) -> None:
                    if not answer.done():
                        answer.set_result(reply)

                phone.sio.on("synced", on_synced)
                auth = {"workshop": cfg["code"], "sync": catch_up}
                await phone.sio.connect(
                    cfg["url"], auth=auth, transports=["websocket"], wait_timeout=120
                )
                connected_at.append(time.monotonic() - begun)
                reply = await asyncio.wait_for(answer, 120)
            else:
                auth = (
                    {"workshop": cfg["code"]} if cfg["kind"] == "app" else {"sector": phone.sector}
                )
                await phone.sio.connect(
                    cfg["url"], auth=auth, transports=["websocket"], wait_timeout=120
                )
                connected_at.append(time.monotonic() - begun)
                reply = await phone.sio.call("sync", catch_up, timeout=120)
            synced_at.append(time.monotonic() - begun)
            assert reply.get("ok"), reply

        results = await asyncio.gather(*(back(p) for p in phones), return_exceptions=True)
        conn.send(
            {
                "storm_seconds": time.monotonic() - begun,
                "storm_failed": sum(1 for r in results if isinstance(r, Exception)),
                "connected_at": connected_at,
                "synced_at": synced_at,
            }
        )
    for p in phones:
        if p.sio.connected:
            await p.sio.disconnect()
        await p.http.close()


def worker(cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    asyncio.run(worker_main(cfg, start_index, count, conn))


# -- the run ----------------------------------------------------------------------


def summed_errors(results: list[dict[str, Any]]) -> dict[str, int]:
    """The workers' refusals, added up by error code."""
    errors: dict[str, int] = {}
    for r in results:
        for code, n in r["errors"].items():
            errors[code] = errors.get(code, 0) + n
    return errors


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def quantiles(ordered: list[float]) -> list[float]:
    """The first, the median and the last of sorted values."""
    return [ordered[0], ordered[len(ordered) // 2], ordered[-1]] if ordered else []


def children_cpu(server: psutil.Process | None) -> dict[int, float]:
    """CPU seconds so far of each child process of the server, by pid."""
    if server is None:
        return {}
    times = {}
    for child in server.children(recursive=True):
        try:
            times[child.pid] = sum(child.cpu_times()[:2])
        except psutil.Error:
            continue
    return times


def profile_server(pid: int, seconds: float, path: str) -> subprocess.Popen[bytes]:
    """py-spy, sampling the server process while the posts go on (collapsed stacks)."""
    spy = Path(sys.executable).with_name("py-spy")
    command = [str(spy), "record", "--pid", str(pid), "--duration", str(int(seconds))]
    command += ["--format", "raw", "--rate", "200", "--nonblocking", "--output", path]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise_profile(path: str, top: int = 25) -> dict[str, Any]:
    """Where the server's samples went: each function's share of all samples,
    inclusive (on the stack) and by itself (the innermost frame)."""
    total, inclusive, own = 0, {}, {}
    for line in Path(path).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [re.sub(r":\d+\)$", ")", frame) for frame in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + n
        own[frames[-1]] = own.get(frames[-1], 0) + n

    def shares(counts: dict[str, int]) -> list[tuple[str, float]]:
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
        return [(name, round(100 * n / total, 1)) for name, n in ranked]

    return {"samples": total, "inclusive_pct": shares(inclusive), "self_pct": shares(own)}


def compare(args: argparse.Namespace) -> dict[str, Any]:
    """The app and both relays, one after another with the same clients and posts."""
    runs = {}
    for target in ("app", "python-relay", "node-relay"):
        runs[target] = run(argparse.Namespace(**{**vars(args), "target": target}))
    app_cpu = runs["app"]["server_cpu_seconds"]
    ratio = {
        name: round(app_cpu / r["server_cpu_seconds"], 2) if r["server_cpu_seconds"] else None
        for name, r in runs.items()
    }
    return {
        **runs["app"],
        "cpu_ratio_python_relay": ratio["python-relay"],
        "cpu_ratio_node_relay": ratio["node-relay"],
        "relays": {name: runs[name] for name in ("python-relay", "node-relay")},
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    if args.similar_inline:
        os.environ["WORKSHOP_SIMILAR_WORKER"] = "false"  # the server inherits it
    target = Target(args.target, args.mode, args.url)
    if args.url:
        target.attach(args.facilitator_url)
        pid = args.pid
    else:
        target.start()
        assert target.process is not None
        pid = target.process.pid
    sampler = Sampler(pid or os.getpid())
    if pid:
        sampler.start()
    server = psutil.Process(pid) if pid else None
    cfg = {
        "kind": args.target,
        "url": target.url,
        "code": target.code,
        "sectors": target.sectors,
        "rate": args.rate,
        "seconds": args.seconds,
        "workers": args.workers,
        "grace": 3.0,
        "storm": args.storm,
        "sync_after_connect": args.sync_after_connect,
        "similar": args.similar,
        "reveal": args.reveal,
        "reveal_snapshot": args.reveal_snapshot,
        "snapshot_settings": list(SNAPSHOT_SETTINGS),
    }
    pipes, procs = [], []
    share = args.clients // args.workers
    context = mp.get_context("spawn")
    for w in range(args.workers):
        parent, child = context.Pipe()
        count = share if w < args.workers - 1 else args.clients - share * (args.workers - 1)
        proc = context.Process(target=worker, args=(cfg, w * share, count, child))
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    try:
        ready = [p.recv() for p in pipes]
        cpu_before = sum(server.cpu_times()[:2]) if server else 0.0
        split_before = server.cpu_times()[:2] if server else (0.0, 0.0)
        children_before = children_cpu(server)
        spy = None
        if args.profile and pid and args.target != "node-relay":
            spy = profile_server(pid, args.seconds, args.profile)
        for p in pipes:
            p.send("go")
        results = [p.recv() for p in pipes]
        if spy is not None:
            spy.wait(60)
        cpu = (sum(server.cpu_times()[:2]) - cpu_before) if server else 0.0
        split = server.cpu_times()[:2] if server else (0.0, 0.0)
        user, system = (
            round(after - before, 2) for after, before in zip(split, split_before, strict=True)
        )
        children_after = children_cpu(server)
        child_cpu = sum(t - children_before.get(pid, 0.0) for pid, t in children_after.items())
        reveal = None
        for concealed in (True, False) if args.reveal else ():
            for p in pipes:
                p.recv()
            for p in pipes:
                p.send("go")
            cpu_reveal = sum(server.cpu_times()[:2]) if server else 0.0
            begun = target.set_settings({"concealed": concealed})
            answers = [p.recv() for p in pipes]
            lasts = [a["last"] for a in answers if a["last"]]
            if not concealed:
                reveal = {
                    "seconds": round(max(lasts) - begun, 2) if lasts else None,
                    "clients_missed": sum(a["missed"] for a in answers),
                    "clients_disconnected": sum(a["disconnected"] for a in answers),
                    "server_cpu_seconds": (
                        round(sum(server.cpu_times()[:2]) - cpu_reveal, 2) if server else None
                    ),
                }
        storm = None
        if args.storm:
            for p in pipes:
                p.send("drop")
            for p in pipes:
                p.recv()
            spy = None
            if args.profile_storm and pid and args.target == "app":
                spy = profile_server(pid, 120, args.profile_storm)
                time.sleep(1)  # py-spy attached
            cpu_storm = sum(server.cpu_times()[:2]) if server else 0.0
            for p in pipes:
                p.send("back")
            storms = [p.recv() for p in pipes]
            cpu_storm = (sum(server.cpu_times()[:2]) - cpu_storm) if server else 0.0
            if spy is not None:
                spy.send_signal(signal.SIGINT)  # py-spy writes what it sampled so far
                spy.wait(60)
            connected_at = sorted(x for s in storms for x in s["connected_at"])
            synced_at = sorted(x for s in storms for x in s["synced_at"])
            storm = {
                "seconds": max(s["storm_seconds"] for s in storms),
                "failed": sum(s["storm_failed"] for s in storms),
                "server_cpu_seconds": round(cpu_storm, 2) if server else None,
                # when the first, the median and the last client was connected, and synced
                "connected_at": [round(x, 2) for x in quantiles(connected_at)],
                "synced_at": [round(x, 2) for x in quantiles(synced_at)],
            }
        for proc in procs:
            proc.join(60)
    finally:
        sampler.running = False
        target.stop()
    per_sector: dict[int, int] = {}
    for r in results:
        for sector in r["sectors"]:
            per_sector[sector] = per_sector.get(sector, 0) + 1
    sent = {k: v for r in results for k, v in r["sent"].items()}
    expected = sum(per_sector.get(sector, 0) for sector in sent.values())
    received = sum(sum(r["received"].values()) for r in results)
    latencies = [x for r in results for x in r["latencies"]]
    return {
        "target": args.target,
        "mode": args.mode,
        "clients": args.clients,
        "clients_connected": sum(r["connected"] for r in ready),
        "connect_seconds": round(max(r["connect_seconds"] for r in ready), 2),
        "posts": len(sent),
        "rate": args.rate,
        "seconds": args.seconds,
        "latency_ms": {
            "p50": round(1000 * (percentile(latencies, 0.50) or 0), 1),
            "p95": round(1000 * (percentile(latencies, 0.95) or 0), 1),
            "p99": round(1000 * (percentile(latencies, 0.99) or 0), 1),
            "mean": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
        },
        "deliveries_expected": expected,
        "deliveries_received": received,
        "lost": expected - received,
        "server_cpu_seconds": round(cpu, 2) if server else None,
        # of which in the kernel (socket writes, the database's file): the rest is user code
        "server_cpu_split": {"user": user, "system": system} if server else None,
        "server_cpu_us_per_delivery": (
            round(1e6 * cpu / received, 1) if received and server else None
        ),
        "server_peak_rss_mb": round(sampler.peak / 2**20, 1) if server else None,
        # the similarity worker (workshop/similar/worker.py), a child of the server
        "child_cpu_seconds": round(child_cpu, 2) if server else None,
        "reconnect_storm": storm,
        "reveal_storm_seconds": reveal["seconds"] if reveal else None,
        "reveal_storm": reveal,
        "reconnect_storm_seconds": round(storm["seconds"], 2) if storm else None,
        "similar_queries": len(similar := [x for r in results for x in r["similar_ms"]]),
        "similar_ms": (
            {
                "p50": round(percentile(similar, 0.50) or 0, 1),
                "p95": round(percentile(similar, 0.95) or 0, 1),
            }
            if similar
            else None
        ),
    }


# -- storms (issue 15): votes, joins, a flood -------------------------------------
#
# Each case starts its own app server (a fresh database), with the real event
# limits (the post run above lifts them), and its own worker processes of
# phones. The figures go into the last JSON line under their own keys.

VOTE_CARDS_PER_SECTOR = 10


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def start_storm_app(
    args: argparse.Namespace, **extra: Any
) -> tuple[Target, psutil.Process, dict[str, Any]]:
    """The app for one storm, its server process, and the workers' common settings."""
    target = Target("app", args.mode)
    target.env.pop("WORKSHOP_EVENT_BURST", None)  # a phone's real allowance
    target.start()
    assert target.process is not None
    server = psutil.Process(target.process.pid)
    cfg = {"url": target.url, "code": target.code, "sectors": target.sectors, **extra}
    return target, server, cfg


def cpu_of(process: psutil.Process) -> float:
    return float(sum(process.cpu_times()[:2]))


def cpu_wait_of(process: psutil.Process) -> float:
    """Seconds the process's threads have spent ready to run but waiting for a CPU
    (Linux's schedstat; 0 elsewhere): on a shared machine, what other work made
    the server wait, apart from what the server itself costs."""
    waited = 0
    for stat in Path(f"/proc/{process.pid}/task").glob("*/schedstat"):
        try:
            waited += int(stat.read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return waited / 1e9


class Spy:
    """With --profile-dir DIR: py-spy samples the server while a storm runs (collapsed stacks)."""

    def __init__(self, folder: str | None, pid: int, name: str) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            beside = Path(sys.executable).with_name("py-spy")  # pip install py-spy
            spy = os.environ.get("URAI_BENCH_PYSPY", str(beside) if beside.exists() else "py-spy")
            out = Path(folder) / f"{name}.txt"
            command = [spy, "record", "-p", str(pid), "-f", "raw", "-r", "200", "-o", str(out)]
            self.process = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            time.sleep(1.0)  # attached before the storm begins

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(2)  # SIGINT: py-spy writes what it has
            self.process.wait(30)


def keep_tallies(shown: dict[int, tuple[int, int]], message: dict[str, Any]) -> None:
    """What a screen shows of the tallies: `votes.updated` (one card) or
    `votes.tallied` (a board's batch), the newest seq of each card winning."""
    kind, data, seq = message.get("type"), message.get("data") or {}, message.get("seq", 0)
    if kind == "votes.updated":
        pairs = [(int(data["card_id"]), int(data["votes"]))]
    elif kind == "votes.tallied":
        pairs = [(int(card), int(votes)) for card, votes in data["tallies"].items()]
    else:
        return
    for card, votes in pairs:
        if seq >= shown.get(card, (-1, 0))[0]:
            shown[card] = (seq, votes)


class Boss:
    """The facilitator's laptop: its cookie, one socket, the tallies it is shown live."""

    def __init__(self, target: Target) -> None:
        import requests
        import socketio

        self.browser = requests.Session()
        self.browser.get(target.facilitator_url, timeout=10)
        self.tallies: dict[int, tuple[int, int]] = {}  # card id: (seq, votes)
        self.sio = socketio.Client(http_session=self.browser, reconnection=False)
        self.sio.on("event", self._event)
        self.sio.connect(target.base, auth={"workshop": target.code}, transports=["websocket"])

    def _event(self, message: dict[str, Any]) -> None:
        keep_tallies(self.tallies, message)

    def call(self, event: str, payload: dict[str, Any]) -> dict[str, Any]:
        reply: dict[str, Any] = self.sio.call(event, payload, timeout=120)
        assert reply.get("ok"), reply
        return reply

    def snapshot(self) -> dict[str, Any]:
        snap: dict[str, Any] = self.call("sync", {})["snapshot"]
        return snap

    def close(self) -> None:
        self.sio.disconnect()
        self.browser.close()


def spawn(
    case: str, cfg: dict[str, Any], clients: int, workers: int
) -> tuple[list[Any], list[Any]]:
    pipes, procs = [], []
    share = clients // workers
    context = mp.get_context("spawn")
    for w in range(workers):
        parent, child = context.Pipe()
        count = share if w < workers - 1 else clients - share * (workers - 1)
        proc = context.Process(target=storm_worker, args=(case, cfg, w * share, count, child))
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    return pipes, procs


def stop_workers(procs: list[Any]) -> None:
    for proc in procs:
        proc.join(60)
        if proc.is_alive():  # its controller gave up on it
            proc.terminate()


def storm_worker(case: str, cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    raise_fd_limit()
    cases = {
        "votes": vote_worker,
        "joins": join_worker,
        "neighbours": neighbour_worker,
        "flooder": flooder_worker,
        "polls": poll_worker,
        "tests": test_worker,
        "upvotes": upvote_worker,
    }
    asyncio.run(cases[case](cfg, start_index, count, conn))


async def join_phones(
    cfg: dict[str, Any], phones: list[Phone], on_event: Any = None
) -> list[Phone]:
    """Join through the form, connect, take the board's snapshot, fifty at a time;
    the phones that made it (a failure is printed, and the phone left out)."""
    import aiohttp
    import socketio

    async def one(phone: Phone) -> None:
        phone.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        await join_app(phone.http, cfg["url"], cfg["code"], f"Peserta {phone.index}", phone.sector)
        phone.sio = socketio.AsyncClient(http_session=phone.http, reconnection=False)
        if on_event is not None:
            phone.sio.on("event", on_event(phone))
        await phone.sio.connect(
            cfg["url"], auth={"workshop": cfg["code"]}, transports=["websocket"], wait_timeout=60
        )
        reply = await phone.sio.call("sync", {"sector_id": phone.sector}, timeout=60)
        phone.seq = reply.get("seq", 0)

    joined = []
    for i in range(0, len(phones), 50):
        batch = phones[i : i + 50]
        for phone, outcome in zip(
            batch,
            await asyncio.gather(*(one(p) for p in batch), return_exceptions=True),
            strict=True,
        ):
            if isinstance(outcome, BaseException):
                print(f"phone {phone.index} did not join: {outcome!r}", file=sys.stderr)
            else:
                joined.append(phone)
    return joined


async def close_phones(phones: list[Phone]) -> None:
    for p in phones:
        if p.sio is not None and p.sio.connected:
            await p.sio.disconnect()
        if p.http is not None:
            await p.http.close()


def make_phones(cfg: dict[str, Any], start_index: int, count: int) -> list[Phone]:
    sectors = cfg["sectors"]
    return [Phone(i, sectors[i % len(sectors)]) for i in range(start_index, start_index + count)]


# -- the vote storm --


async def vote_worker(cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    import random

    phones = make_phones(cfg, start_index, count)
    views: dict[int, dict[int, tuple[int, int]]] = {p.index: {} for p in phones}

    def on_event(phone: Phone) -> Any:
        def handler(message: dict[str, Any]) -> None:
            keep_tallies(views[phone.index], message)

        return handler

    phones = await join_phones(cfg, phones, on_event)
    conn.send({"connected": sum(1 for p in phones if p.sio.connected)})
    conn.recv()  # post the cards
    phones = [p for p in phones if p.sio.connected]  # a few may have been dropped meanwhile
    posters = phones[: VOTE_CARDS_PER_SECTOR * len(cfg["sectors"]) // cfg["workers"]]
    replies = await asyncio.gather(
        *(
            p.sio.call(
                "card:post",
                {
                    "client_id": f"vote-card-{p.index}",
                    "kind": "bottleneck",
                    "sector_id": p.sector,
                    "text": f"Sumbatan nomor {p.index}: antrean berkas izin",
                },
                timeout=60,
            )
            for p in posters
        )
    )
    conn.send({"posted": sum(1 for r in replies if r.get("ok"))})
    order = conn.recv()  # {cards: {sector: [ids]}, budget, t0, window}
    chance = random.Random(start_index)
    latencies: list[float] = []
    acked: dict[int, int] = {}
    errors: dict[str, int] = {}
    unanswered: dict[int, int] = {}  # no answer in time: counted or not, both are fine
    sent = 0

    async def vote(phone: Phone) -> None:
        nonlocal sent
        ids = order["cards"][str(phone.sector)]
        picks = chance.sample(ids, min(order["budget"], len(ids)))
        times = sorted(chance.uniform(0, order["window"]) for _ in picks)
        for card_id, at in zip(picks, times, strict=True):
            await asyncio.sleep(max(0.0, order["t0"] + at - time.time()))
            begun = time.perf_counter()
            sent += 1
            try:
                reply = await phone.sio.call("vote:cast", {"card_id": card_id}, timeout=60)
            except Exception:  # a timeout counts as an error, not a crash
                errors["timeout"] = errors.get("timeout", 0) + 1
                unanswered[card_id] = unanswered.get(card_id, 0) + 1
                continue
            latencies.append(1000 * (time.perf_counter() - begun))
            if reply.get("ok"):
                acked[card_id] = acked.get(card_id, 0) + 1
            else:
                code = reply["error"]["code"]
                errors[code] = errors.get(code, 0) + 1

    phones = [p for p in phones if p.sio.connected]
    await asyncio.gather(*(vote(p) for p in phones))
    conn.send(
        {
            "latencies": latencies,
            "acked": acked,
            "unanswered": unanswered,
            "errors": errors,
            "sent": sent,
            "voters": len(phones),
        }
    )
    conn.recv()  # the facilitator has counted; what does each phone show?
    await asyncio.sleep(1.0)  # read what arrived while this loop waited on the pipe
    conn.send(
        {
            "views": [
                (p.sector, {card: votes for card, (_seq, votes) in views[p.index].items()})
                for p in phones
            ]
        }
    )
    await close_phones(phones)


def vote_storm(args: argparse.Namespace) -> dict[str, Any]:
    target, server, cfg = start_storm_app(args, workers=args.workers)
    pipes, procs = spawn("votes", cfg, args.clients, args.workers)
    boss: Boss | None = None
    spy: Spy | None = None
    try:
        connected = sum(p.recv()["connected"] for p in pipes)
        for p in pipes:
            p.send("post")
        posted = sum(p.recv()["posted"] for p in pipes)
        boss = Boss(target)
        state = boss.snapshot()
        vote_phase = next(ph for ph in state["workshop"]["phases"] if ph["vote_on"] == "bottleneck")
        boss.call("phase:set", {"phase_id": vote_phase["id"]})
        cards: dict[str, list[int]] = {}
        for card in state["cards"]:
            cards.setdefault(str(card["sector_id"]), []).append(card["id"])
        budget = int(state["workshop"].get("settings", {}).get("vote_budget", 3))
        window = args.vote_window
        spy = Spy(args.profile_dir, server.pid, "votes")
        load_before, cpu_before = load_average(), cpu_of(server)
        t0 = time.time() + 1.0
        for p in pipes:
            p.send({"cards": cards, "budget": budget, "t0": t0, "window": window})
        results = [p.recv() for p in pipes]
        cpu = cpu_of(server) - cpu_before
        load_after = load_average()
        spy.stop()
        time.sleep(2.0)  # the last broadcasts reach the facilitator
        facilitator_dropped = not boss.sio.connected
        counter = Boss(target)  # the facilitator's page opened afresh: what it shows
        counted = {card["id"]: card.get("votes", 0) for card in counter.snapshot()["cards"]}
        counter.close()
        live = {card: votes for card, (_seq, votes) in boss.tallies.items()}
        for p in pipes:
            p.send("views")
        views = [v for p in pipes for v in p.recv()["views"]]
    finally:
        if boss is not None and boss.sio.connected:
            boss.close()
        stop_workers(procs)
        target.stop()
    acked: dict[int, int] = {}
    for r in results:
        for card, n in r["acked"].items():
            acked[int(card)] = acked.get(int(card), 0) + n
    errors: dict[str, int] = {}
    for r in results:
        for code, n in r["errors"].items():
            errors[code] = errors.get(code, 0) + n
    unanswered: dict[int, int] = {}
    for r in results:
        for card, n in r["unanswered"].items():
            unanswered[int(card)] = unanswered.get(int(card), 0) + n
    latencies = [x for r in results for x in r["latencies"]]
    every = set(acked) | set(counted)
    # lost: acknowledged but not counted; double: counted more than were cast
    lost = sum(max(0, acked.get(c, 0) - counted.get(c, 0)) for c in every)
    double = sum(max(0, counted.get(c, 0) - acked.get(c, 0) - unanswered.get(c, 0)) for c in every)
    # What phones and the facilitator were shown live, against the count.
    wrong_live = sum(1 for c in every if live.get(c, 0) != counted.get(c, 0))
    by_sector: dict[str, list[int]] = cards
    stale_phones = sum(
        1
        for sector, view in views
        if any(
            view.get(str(c), view.get(c, 0)) != counted.get(c, 0) for c in by_sector[str(sector)]
        )
    )
    return {
        "vote_storm": {
            "p50_ack_ms": round(percentile(latencies, 0.50) or 0, 1),
            "p95_ack_ms": round(percentile(latencies, 0.95) or 0, 1),
            "p99_ack_ms": round(percentile(latencies, 0.99) or 0, 1),
            "votes_sent": sum(r["sent"] for r in results),
            "votes_acked": sum(acked.values()),
            "votes_counted": sum(counted.values()),
            "refused": errors,
            "lost": lost,
            "double_counted": double,
            "facilitator_cards_wrong_live": wrong_live,
            "facilitator_dropped": facilitator_dropped,
            "phones_shown_a_wrong_tally": stale_phones,
            "clients": connected,
            "voters": sum(r["voters"] for r in results),
            "cards": posted,
            "window_seconds": window,
            "server_cpu_seconds": round(cpu, 2),
            "load_average": [load_before, load_after],
        }
    }


# -- the poll storm (issue 28) --

POLL_OPTIONS = 4


async def poll_worker(cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    import random

    phones = await join_phones(cfg, make_phones(cfg, start_index, count))
    conn.send({"connected": sum(1 for p in phones if p.sio.connected)})
    order = conn.recv()  # {phase_id, t0, window}
    chance = random.Random(start_index)
    latencies: list[float] = []
    final: dict[int, int] = {}  # phone: its last acknowledged choice
    errors: dict[str, int] = {}
    sent = 0

    async def send(phone: Phone, choice: int, client_id: str) -> bool:
        nonlocal sent
        sent += 1
        begun = time.perf_counter()
        try:
            reply = await phone.sio.call(
                "poll:answer",
                {"phase_id": order["phase_id"], "choice": choice, "client_id": client_id},
                timeout=60,
            )
        except Exception:
            errors["timeout"] = errors.get("timeout", 0) + 1
            return False
        latencies.append(1000 * (time.perf_counter() - begun))
        if not reply.get("ok"):
            code = reply["error"]["code"]
            errors[code] = errors.get(code, 0) + 1
            return False
        final[phone.index] = int(reply["mine"]["choice"])
        return True

    async def answer(phone: Phone) -> None:
        await asyncio.sleep(
            max(0.0, order["t0"] + chance.uniform(0, order["window"]) - time.time())
        )
        choice = chance.randint(1, POLL_OPTIONS)
        client_id = f"poll-{phone.index}-a"
        if not await send(phone, choice, client_id):
            return
        roll = chance.random()
        if roll < 0.1:  # a retry after a lost acknowledgement: the same id
            await send(phone, choice, client_id)
        elif roll < 0.2:  # a change of mind
            await send(phone, choice % POLL_OPTIONS + 1, f"poll-{phone.index}-b")

    phones = [p for p in phones if p.sio.connected]
    await asyncio.gather(*(answer(p) for p in phones))
    conn.send({"latencies": latencies, "final": final, "errors": errors, "sent": sent})
    await close_phones(phones)


@dataclass
class Measured:
    """What one storm's phones reported, and what the server spent meanwhile."""

    results: list[Any]
    cpu: float  # the server's CPU seconds
    waited: float  # seconds the server was ready to run but waited for a CPU
    load: tuple[float, float]  # the load average before and after


def measured(
    args: argparse.Namespace,
    server: psutil.Process,
    pipes: list[Any],
    name: str,
    order: dict[str, Any],
) -> Measured:
    """Send the workers their order with a start a second from now, wait for their
    reports, and measure the server around it (py-spy with --profile-dir)."""
    spy = Spy(args.profile_dir, server.pid, name)
    load_before, cpu_before = load_average(), cpu_of(server)
    wait_before = cpu_wait_of(server)
    t0 = time.time() + 1.0
    for p in pipes:
        p.send({**order, "t0": t0})
    results = [p.recv() for p in pipes]
    cpu = cpu_of(server) - cpu_before
    waited = cpu_wait_of(server) - wait_before
    spy.stop()
    return Measured(results, cpu, waited, (load_before, load_average()))


@dataclass
class Room:
    """A storm's server, its phones' worker processes and the facilitator."""

    target: Any
    server: Any
    pipes: list[Any]
    boss: Boss
    connected: int  # phones that joined


@contextmanager
def storm_room(
    args: argparse.Namespace, kind: str, on_event: Callable[[dict[str, Any]], None]
) -> Iterator[Room]:
    """The storm's app and its phones (the workers of ``kind``, joined), and the
    facilitator listening to the room's events with ``on_event``; all stopped
    afterwards, whatever happened."""
    target, server, cfg = start_storm_app(args, workers=args.workers)
    pipes, procs = spawn(kind, cfg, args.burst_phones, args.workers)
    boss: Boss | None = None
    try:
        connected = sum(p.recv()["connected"] for p in pipes)
        boss = Boss(target)
        boss.sio.on("event", on_event)
        yield Room(target, server, pipes, boss, connected)
    finally:
        if boss is not None and boss.sio.connected:
            boss.close()
        stop_workers(procs)
        target.stop()


def poll_storm(args: argparse.Namespace) -> dict[str, Any]:
    live: dict[str, int] = {}

    def on_counted(message: dict[str, Any]) -> None:
        if message.get("type") == "poll.counted":
            live.update(message["data"].get("counts") or {})

    with storm_room(args, "polls", on_counted) as room:
        boss = room.boss
        phase = boss.call("phase:save", {"name": "Polling", "kind": "poll"})["phase"]["id"]
        options = [{"text": f"Pilihan {n}"} for n in range(1, POLL_OPTIONS + 1)]
        boss.call("poll:save", {"phase_id": phase, "options": options, "results": "hidden"})
        boss.call("phase:set", {"phase_id": phase})
        run = measured(
            args, room.server, room.pipes, "polls", {"phase_id": phase, "window": args.poll_window}
        )
        results, cpu, waited = run.results, run.cpu, run.waited
        load_before, load_after = run.load
        connected = room.connected
        time.sleep(2.0)  # the last counts reach the facilitator
        (state,) = boss.snapshot()["activities"]["poll"]
    expected: dict[str, int] = {}
    for r in results:
        for choice in r["final"].values():
            expected[str(choice)] = expected.get(str(choice), 0) + 1
    counted = state["counts"]
    every = set(expected) | set(counted)
    errors = summed_errors(results)
    latencies = [x for r in results for x in r["latencies"]]
    return {
        "poll_storm": {
            "p50_ack_ms": round(percentile(latencies, 0.50) or 0, 1),
            "p95_ack_ms": round(percentile(latencies, 0.95) or 0, 1),
            "p99_ack_ms": round(percentile(latencies, 0.99) or 0, 1),
            "answers_sent": sum(r["sent"] for r in results),
            "phones_answered": sum(len(r["final"]) for r in results),
            "answers_counted": state["total"],
            "refused": errors,
            "lost": sum(max(0, expected.get(c, 0) - counted.get(c, 0)) for c in every),
            "double_counted": sum(max(0, counted.get(c, 0) - expected.get(c, 0)) for c in every),
            "facilitator_counts_wrong_live": live != counted,
            "clients": connected,
            "window_seconds": args.poll_window,
            "server_cpu_seconds": round(cpu, 2),
            "server_cpu_wait_seconds": round(waited, 2),
            "load_average": [load_before, load_after],
        }
    }


# -- the test storm (issue 28): a pre-test answered by the whole room --

TEST_QUESTIONS = 10
TEST_CHOICES = 4


async def test_worker(cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    """Each phone answers every question of the open pre-test, one after another at
    random moments of the window, as the phone's outbox sends them (the next once
    the last is acknowledged); one phone in ten sends one of its answers twice with
    the same client id (a retry after a lost acknowledgement, not waiting for the
    first), one in ten taps another choice of an answered question (a second tab:
    the first answer stays). Then the score each phone is told once it closes."""
    import random

    scores: dict[int, dict[str, Any]] = {}

    def on_event(phone: Phone) -> Any:
        def handler(message: dict[str, Any]) -> None:
            if message.get("type") == "pretest.score":
                scores[phone.index] = message["data"]

        return handler

    phones = await join_phones(cfg, make_phones(cfg, start_index, count), on_event)
    conn.send({"connected": sum(1 for p in phones if p.sio.connected)})
    order = conn.recv()  # {questions: [ids], right: {id: index}, t0, window}
    chance = random.Random(start_index)
    latencies: list[float] = []
    intended: dict[int, dict[int, int]] = {}  # phone: question: its first choice
    kept: dict[int, dict[int, int]] = {}  # phone: question: the choice the server says it kept
    unanswered: dict[int, list[int]] = {}  # phone: questions sent but never acknowledged
    errors: dict[str, int] = {}
    tally = {"sent": 0, "retries": 0, "changes": 0, "changes_taken": 0}

    def fail(code: str) -> None:
        errors[code] = errors.get(code, 0) + 1

    async def send(phone: Phone, payload: dict[str, Any]) -> dict[str, Any] | None:
        tally["sent"] += 1
        begun = time.perf_counter()
        try:
            reply = await phone.sio.call("test:answer", payload, timeout=60)
        except Exception:  # a timeout: counted or not, both are fine
            fail("timeout")
            return None
        latencies.append(1000 * (time.perf_counter() - begun))
        if not reply.get("ok"):
            fail(reply["error"]["code"])
            return None
        return dict(reply)

    async def take(phone: Phone, qid: int, choice: int, retry: bool) -> None:
        payload = {"question_id": qid, "choice": choice, "client_id": f"test-{phone.index}-{qid}-a"}
        intended[phone.index][qid] = choice
        calls = [send(phone, payload)]
        if retry:  # the same answer again, before the first is acknowledged
            tally["retries"] += 1
            calls.append(send(phone, dict(payload)))
        replies = [r for r in await asyncio.gather(*calls) if r is not None]
        if not replies:
            unanswered.setdefault(phone.index, []).append(qid)
        for reply in replies:
            if reply["answer"]["choice"] != choice:
                fail("ack_with_another_choice")
            kept[phone.index][qid] = reply["answer"]["choice"]

    async def change(phone: Phone, qid: int) -> None:
        first = intended[phone.index][qid]
        tally["changes"] += 1
        other = (first + 1) % TEST_CHOICES
        reply = await send(
            phone, {"question_id": qid, "choice": other, "client_id": f"test-{phone.index}-{qid}-b"}
        )
        if reply is not None and (reply["answer"]["choice"] != first or not reply["duplicate"]):
            tally["changes_taken"] += 1  # the server took the second tap: not the rule

    async def answer(phone: Phone) -> None:
        intended[phone.index], kept[phone.index] = {}, {}
        ids = list(order["questions"])
        times = sorted(chance.uniform(0, order["window"]) for _ in ids)
        roll = chance.random()
        retried = chance.choice(ids) if roll < 0.1 else None
        changed = chance.choice(ids) if 0.1 <= roll < 0.2 else None
        for qid, at in zip(ids, times, strict=True):
            await asyncio.sleep(max(0.0, order["t0"] + at - time.time()))
            right = order["right"][str(qid)]
            wrong = chance.choice([c for c in range(TEST_CHOICES) if c != right])
            choice = right if chance.random() < 0.6 else wrong
            await take(phone, qid, choice, retry=qid == retried)
            if qid == changed:
                await change(phone, qid)

    phones = [p for p in phones if p.sio.connected]
    cpu = time.process_time()
    await asyncio.gather(*(answer(p) for p in phones))
    conn.send(
        {
            "cpu_seconds": time.process_time() - cpu,
            "latencies": latencies,
            "intended": {str(p): {str(q): c for q, c in a.items()} for p, a in intended.items()},
            "unanswered": {str(p): qs for p, qs in unanswered.items()},
            "errors": errors,
            **tally,
            "names": {str(p.index): f"Peserta {p.index}" for p in phones},
        }
    )
    conn.recv()  # the facilitator closed the test: what score was each phone told?
    await asyncio.sleep(2.0)
    conn.send({"scores": {str(i): s for i, s in scores.items()}})
    await close_phones(phones)


def count_in_database(env: dict[str, str], code: str, conn: Any) -> None:
    """In a process of its own, on the server's database through the services: the
    answers kept (and any phone holding two for one question), and the results."""
    os.environ.update({**env, "WORKSHOP_ASYNC_MODE": "threading"})
    from sqlalchemy import func, select

    from workshop import create_app
    from workshop.assessments import services
    from workshop.assessments.models import QuizAnswer
    from workshop.core.models import Workshop
    from workshop.extensions import db

    app = create_app()
    with app.app_context():
        workshop = Workshop.by_code(code)
        assert workshop is not None
        rows = db.session.execute(
            select(QuizAnswer.participant_id, QuizAnswer.question_id, func.count())
            .where(QuizAnswer.workshop_id == workshop.id, QuizAnswer.stage == "pretest")
            .group_by(QuizAnswer.participant_id, QuizAnswer.question_id)
        ).all()
        per_phone: dict[int, int] = {}
        for pid, _qid, n in rows:
            per_phone[pid] = per_phone.get(pid, 0) + n
        conn.send(
            {
                "rows": sum(per_phone.values()),
                "per_phone": per_phone,
                "twice": sum(1 for *_ids, n in rows if n > 1),
                "results": services.results(workshop),
            }
        )


def database_counts(target: Target) -> dict[str, Any]:
    context = mp.get_context("spawn")
    parent, child = context.Pipe()
    proc = context.Process(target=count_in_database, args=(target.env, target.code, child))
    proc.start()
    found: dict[str, Any] = parent.recv()
    proc.join(30)
    return found


def make_bank(boss: Boss) -> tuple[list[int], dict[str, int]]:
    """The facilitator types in the bank: TEST_QUESTIONS questions, the right
    choice of each at another place."""
    ids, right = [], {}
    for n in range(TEST_QUESTIONS):
        choices = [f"Jawaban {chr(65 + c)} soal {n + 1}" for c in range(TEST_CHOICES)]
        answer = n % TEST_CHOICES
        question = boss.call(
            "test:save",
            {"text": f"Soal {n + 1}: apa sumbatan utama?", "choices": choices, "answer": answer},
        )["question"]
        ids.append(question["id"])
        right[str(question["id"])] = answer
    return ids, right


def test_storm(args: argparse.Namespace) -> dict[str, Any]:
    live: dict[int, int] = {}  # participant: the most answered the cockpit was told
    live_phones = [0]

    def on_answered(message: dict[str, Any]) -> None:
        if message.get("type") == "pretest.answered":
            data = message["data"]
            pid = int(data["participant_id"])
            live[pid] = max(live.get(pid, 0), int(data["answered"]))
            live_phones[0] = max(live_phones[0], int(data.get("phones", 0)))

    with storm_room(args, "tests", on_answered) as room:
        boss, pipes = room.boss, room.pipes
        phase = boss.call("phase:save", {"name": "Pre-test", "kind": "pretest"})["phase"]["id"]
        ids, right = make_bank(boss)
        boss.call("phase:set", {"phase_id": phase})
        run = measured(
            args,
            room.server,
            pipes,
            "tests",
            {"questions": ids, "right": right, "window": args.test_window},
        )
        results, cpu, waited = run.results, run.cpu, run.waited
        load_before, load_after = run.load
        connected = room.connected
        time.sleep(2.0)  # the last broadcasts reach the facilitator
        shown = boss.snapshot()["activities"]["pretest"]
        closed = boss.call("test:close", {"stage": "pretest"})["results"]
        for p in pipes:
            p.send("scores")
        told = {k: v for p in pipes for k, v in p.recv()["scores"].items()}
        stored = database_counts(room.target)
    return {
        "test_storm": test_figures(
            args,
            connected,
            results,
            right,
            live,
            live_phones[0],
            shown,
            closed,
            told,
            stored,
            {
                "server_cpu_seconds": round(cpu, 2),
                # ready to run, waiting for a CPU that other work held
                "server_cpu_wait_seconds": round(waited, 2),
                "load_average": [load_before, load_after],
            },
        )
    }


def test_figures(
    args: argparse.Namespace,
    connected: int,
    results: list[dict[str, Any]],
    right: dict[str, int],
    live: dict[int, int],
    live_phones: int,
    shown: dict[str, Any],
    closed: dict[str, Any],
    told: dict[str, dict[str, Any]],
    stored: dict[str, Any],
    machine: dict[str, Any],
) -> dict[str, Any]:
    """Each phone's answers and score, as the bench sent them, against what the
    cockpit was told live, its snapshot, the closing's results, the phone's own
    score, and the database."""
    intended = {int(i): a for r in results for i, a in r["intended"].items()}
    unanswered = {int(i): qs for r in results for i, qs in r["unanswered"].items()}
    names = {int(i): name for r in results for i, name in r["names"].items()}
    pids = {p["name"]: p["participant_id"] for p in stored["results"]["people"]}

    def scores_in(people: list[dict[str, Any]]) -> dict[str, int | None]:
        return {p["name"]: p["pre"] for p in people}

    sources = {
        "snapshot": scores_in(shown["results"]["people"]),
        "closing": scores_in(closed["people"]),
        "database": scores_in(stored["results"]["people"]),
        "phone": {names[int(i)]: s["score"] for i, s in told.items()},
    }
    wrong = dict.fromkeys(sources, 0)
    lost = double = wrong_live = 0
    for index, answers in intended.items():
        name = names[index]
        pid = pids.get(name)
        kept = stored["per_phone"].get(pid, 0) if pid is not None else 0
        acked = len(answers) - len(unanswered.get(index, []))
        lost += max(0, acked - kept)
        double += max(0, kept - len(answers))
        wrong_live += int(pid is not None and live.get(pid, 0) != kept)
        if index in unanswered:
            continue  # a timed-out answer may or may not count: its score is open
        score = sum(1 for qid, choice in answers.items() if right[qid] == choice)
        for source, found in sources.items():
            wrong[source] += int(found.get(name) != score)
    errors = summed_errors(results)
    latencies = [x for r in results for x in r["latencies"]]
    return {
        "p50_ack_ms": round(percentile(latencies, 0.50) or 0, 1),
        "p95_ack_ms": round(percentile(latencies, 0.95) or 0, 1),
        "p99_ack_ms": round(percentile(latencies, 0.99) or 0, 1),
        "max_ack_ms": round(max(latencies, default=0), 1),
        "clients": connected,
        "phones_answering": len(intended),
        "questions": len(right),
        "answers_sent": sum(r["sent"] for r in results),
        "retries_same_id": sum(r["retries"] for r in results),
        "changes_of_mind": sum(r["changes"] for r in results),
        "changes_taken": sum(r["changes_taken"] for r in results),
        "answers_expected": sum(len(a) for a in intended.values()),
        "answers_stored": stored["rows"],
        "lost": lost,
        "double_counted": double + stored["twice"],
        "unanswered": sum(len(qs) for qs in unanswered.values()),
        "wrong_scores": wrong,
        "phones_in_results": len(stored["results"]["people"]),
        "facilitator_answered_wrong_live": wrong_live,
        "facilitator_phones_live": live_phones,
        "refused": errors,
        "window_seconds": args.test_window,
        # the phones' own (the bench's worker processes share the machine's cores)
        "phones_cpu_seconds": [round(r["cpu_seconds"], 2) for r in results],
        **machine,
    }


# -- the upvote storm: a room upvoting a speaker's questions --

UPVOTE_SHARE = 0.7  # each phone upvotes each question it did not ask with this chance


def keep_upvotes(shown: dict[int, int], message: dict[str, Any]) -> None:
    """What a page's question list shows after a `questions.voted`: a batch
    `{phase_id, votes: {id: count}}`, or one question's `{id, phase_id, votes}`
    (as each upvote was stamped before the batches)."""
    data = message.get("data") or {}
    votes = data.get("votes")
    if isinstance(votes, dict):
        shown.update({int(q): int(n) for q, n in votes.items()})
    elif votes is not None:
        shown[int(data["id"])] = int(votes)


async def upvote_worker(cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    """The first phones ask a question each; then every phone upvotes each question
    it did not ask with a chance of UPVOTE_SHARE, at random moments of the window,
    and one phone in ten takes one of its upvotes back. Each phone keeps the counts
    as its page does (the broadcasts, and its own acknowledgements, in the order
    they arrive) and counts the messages it receives meanwhile."""
    import random

    shown: dict[int, dict[int, int]] = {}  # phone: question: the count its page shows
    received: dict[int, list[int]] = {}  # phone: [messages, of which questions.voted]
    storming = False

    def on_event(phone: Phone) -> Any:
        shown[phone.index], received[phone.index] = {}, [0, 0]

        def handler(message: dict[str, Any]) -> None:
            if message.get("type") == "questions.voted":
                keep_upvotes(shown[phone.index], message)
                received[phone.index][1] += storming
            received[phone.index][0] += storming

        return handler

    phones = await join_phones(cfg, make_phones(cfg, start_index, count), on_event)
    conn.send({"connected": sum(1 for p in phones if p.sio.connected)})
    wanted = conn.recv()["ask"]  # how many questions the room asks
    asked: dict[int, int] = {}  # question id: the phone that asked it
    for phone in [p for p in phones if p.index < wanted]:
        payload = {"client_id": f"upvote-q-{phone.index}", "text": f"Pertanyaan {phone.index}?"}
        reply = await phone.sio.call("question:ask", payload, timeout=60)
        assert reply.get("ok"), reply
        asked[int(reply["question"]["id"])] = phone.index
    conn.send({"asked": asked})
    order = conn.recv()  # {questions: {id: author}, t0, window}
    storming = True
    chance = random.Random(start_index)
    latencies: list[float] = []
    held: dict[int, set[int]] = {p.index: set() for p in phones}  # acknowledged upvotes
    errors: dict[str, int] = {}
    sent = 0

    async def send(phone: Phone, question: int, up: bool) -> None:
        nonlocal sent
        sent += 1
        begun = time.perf_counter()
        try:
            reply = await phone.sio.call(
                "question:upvote", {"question_id": question, "up": up}, timeout=60
            )
        except Exception:
            errors["timeout"] = errors.get("timeout", 0) + 1
            return
        latencies.append(1000 * (time.perf_counter() - begun))
        if not reply.get("ok"):
            code = reply["error"]["code"]
            errors[code] = errors.get(code, 0) + 1
            return
        (held[phone.index].add if up else held[phone.index].discard)(question)
        shown[phone.index][question] = int(reply["votes"])  # as the page's setUpvoted

    async def storm(phone: Phone) -> None:
        others = [q for q, author in order["questions"].items() if author != phone.index]
        picks = [q for q in others if chance.random() < UPVOTE_SHARE]
        times = sorted(chance.uniform(0, order["window"]) for _ in picks)
        for question, at in zip(picks, times, strict=True):
            await asyncio.sleep(max(0.0, order["t0"] + at - time.time()))
            await send(phone, question, True)
        if picks and chance.random() < 0.1:  # a change of mind
            await send(phone, chance.choice(picks), False)

    phones = [p for p in phones if p.sio.connected]
    await asyncio.gather(*(storm(p) for p in phones))
    conn.send({"latencies": latencies, "errors": errors, "sent": sent, "held": held})
    conn.recv()  # the facilitator has counted: what does each phone show?
    await asyncio.sleep(1.0)  # read what arrived while this loop waited on the pipe
    storming = False
    views = []
    for phone in phones:
        reply = await phone.sio.call("sync", {"sector_id": phone.sector, "since": None}, timeout=60)
        mine = set(reply["snapshot"]["activities"]["questions"].get("my_upvotes", []))
        views.append((shown[phone.index], received[phone.index], mine == held[phone.index]))
    conn.send({"views": views})
    await close_phones(phones)


def upvote_storm(args: argparse.Namespace) -> dict[str, Any]:
    live: dict[int, int] = {}

    def on_voted(message: dict[str, Any]) -> None:
        if message.get("type") == "questions.voted":
            keep_upvotes(live, message)

    with storm_room(args, "upvotes", on_voted) as room:
        boss, pipes = room.boss, room.pipes
        phase = boss.call("phase:save", {"name": "Tanya jawab", "kind": "questions"})["phase"]
        boss.call("phase:set", {"phase_id": phase["id"]})
        questions: dict[int, int] = {}
        for p in pipes:
            p.send({"ask": args.upvote_questions})
        for p in pipes:
            questions.update(p.recv()["asked"])
        order = {"questions": questions, "window": args.upvote_window}
        run = measured(args, room.server, pipes, "upvotes", order)
        connected = room.connected
        time.sleep(2.0)  # the last batch reaches the facilitator
        state = boss.snapshot()["activities"]["questions"]
        counted = {int(q["id"]): int(q["votes"]) for q in state["questions"]}
        for p in pipes:
            p.send("views")
        views = [v for p in pipes for v in p.recv()["views"]]
    return {"upvote_storm": upvote_figures(args, run, connected, counted, live, views)}


def upvote_figures(
    args: argparse.Namespace,
    run: Measured,
    connected: int,
    counted: dict[int, int],
    live: dict[int, int],
    views: list[tuple[dict[int, int], list[int], bool]],
) -> dict[str, Any]:
    """What the phones were sent and shown, against the upvotes they were acknowledged."""
    expected = dict.fromkeys(counted, 0)
    for r in run.results:
        for questions in r["held"].values():
            for q in questions:
                expected[q] = expected.get(q, 0) + 1
    latencies = [x for r in run.results for x in r["latencies"]]
    voted = sorted(float(received[1]) for _shown, received, _own in views)
    messages = sorted(float(received[0]) for _shown, received, _own in views)
    sent = sum(r["sent"] for r in run.results)
    return {
        "p50_ack_ms": round(percentile(latencies, 0.50) or 0, 1),
        "p95_ack_ms": round(percentile(latencies, 0.95) or 0, 1),
        "p99_ack_ms": round(percentile(latencies, 0.99) or 0, 1),
        "upvotes_sent": sent,
        "upvotes_counted": sum(counted.values()),
        "refused": summed_errors(run.results),
        "counts_exact": counted == expected,
        "voted_messages_per_phone": {
            "mean": round(statistics.mean(voted), 1) if voted else 0,
            "min_median_max": quantiles(voted),
        },
        "messages_per_phone": quantiles(messages),
        "phones_shown_a_wrong_count": sum(
            1 for shown, _r, _own in views if any(shown.get(q, 0) != n for q, n in counted.items())
        ),
        "phones_with_wrong_own_upvotes": sum(1 for _s, _r, own in views if not own),
        "facilitator_counts_wrong_live": any(live.get(q, 0) != n for q, n in counted.items()),
        "clients": connected,
        "questions": len(counted),
        "window_seconds": args.upvote_window,
        "server_cpu_seconds": round(run.cpu, 2),
        "server_cpu_wait_seconds": round(run.waited, 2),
        "load_average": list(run.load),
    }


# -- the join storm --


async def join_worker(cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    import random

    import aiohttp
    import socketio

    phones = make_phones(cfg, start_index, count)
    chance = random.Random(start_index)
    conn.send({"ready": True})
    order = conn.recv()  # {t0, window}

    async def join(phone: Phone) -> tuple[float, float, float]:
        await asyncio.sleep(
            max(0.0, order["t0"] + chance.uniform(0, order["window"]) - time.time())
        )
        begun = time.time()
        phone.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        # the join page, the form posted with its CSRF token, the board page it redirects to
        await join_app(phone.http, cfg["url"], cfg["code"], f"Peserta {phone.index}", phone.sector)
        formed = time.time()
        phone.sio = socketio.AsyncClient(http_session=phone.http, reconnection=False)
        await phone.sio.connect(
            cfg["url"], auth={"workshop": cfg["code"]}, transports=["websocket"], wait_timeout=120
        )
        reply = await phone.sio.call("sync", {"sector_id": phone.sector}, timeout=120)
        assert reply.get("ok"), reply
        phone.seq = reply.get("seq", 0)
        return begun, formed, time.time()

    joined = await asyncio.gather(*(join(p) for p in phones), return_exceptions=True)
    conn.send({"joined": [j for j in joined if not isinstance(j, BaseException)]})
    for p in phones:
        if p.sio is not None and p.sio.connected:
            await p.sio.disconnect()
    conn.send({"dropped": True})
    order = conn.recv()  # the same phones come back: a bare connection each

    async def back(phone: Phone) -> tuple[float, float]:
        await asyncio.sleep(
            max(0.0, order["t0"] + chance.uniform(0, order["window"]) - time.time())
        )
        begun = time.time()
        phone.sio = socketio.AsyncClient(http_session=phone.http, reconnection=False)
        await phone.sio.connect(
            cfg["url"], auth={"workshop": cfg["code"]}, transports=["websocket"], wait_timeout=120
        )
        reply = await phone.sio.call(
            "sync", {"sector_id": phone.sector, "since": phone.seq}, timeout=120
        )
        assert reply.get("ok"), reply
        return begun, time.time()

    ready = [p for p in phones if p.http is not None]
    back_again = await asyncio.gather(*(back(p) for p in ready), return_exceptions=True)
    conn.send({"back": [b for b in back_again if not isinstance(b, BaseException)]})
    await close_phones(phones)


def join_storm(args: argparse.Namespace) -> dict[str, Any]:
    target, server, cfg = start_storm_app(args)
    pipes, procs = spawn("joins", cfg, args.join_phones, args.workers)
    window = args.join_window
    try:
        for p in pipes:
            p.recv()
        idle_before = cpu_of(server)
        time.sleep(5.0)  # what the server spends doing nothing (its tick loop), a second
        idle = (cpu_of(server) - idle_before) / 5.0
        spy = Spy(args.profile_dir, server.pid, "joins")
        load_before, cpu_before = load_average(), cpu_of(server)
        t0 = time.time() + 1.0
        for p in pipes:
            p.send({"t0": t0, "window": window})
        joined = [j for p in pipes for j in p.recv()["joined"]]
        cpu_joins = cpu_of(server) - cpu_before
        joins_took = time.time() - t0 + 1.0
        spy.stop()
        for p in pipes:
            p.recv()
        time.sleep(1.0)
        spy = Spy(args.profile_dir, server.pid, "connections")
        cpu_before = cpu_of(server)
        t1 = time.time() + 1.0
        for p in pipes:
            p.send({"t0": t1, "window": window})
        back = [b for p in pipes for b in p.recv()["back"]]
        cpu_back = cpu_of(server) - cpu_before
        back_took = time.time() - t1 + 1.0
        spy.stop()
        load_after = load_average()
    finally:
        stop_workers(procs)
        target.stop()
    per_join = [1000 * (done - begun) for begun, _formed, done in joined]
    form = [1000 * (formed - begun) for begun, formed, _done in joined]
    per_back = [1000 * (done - begun) for begun, done in back]
    return {
        "join_storm_seconds": round(max(done for *_x, done in joined) - t0, 2) if joined else None,
        "join_storm": {
            "phones": args.join_phones,
            "joined": len(joined),
            "window_seconds": window,
            "p50_join_ms": round(percentile(per_join, 0.50) or 0, 1),
            "p95_join_ms": round(percentile(per_join, 0.95) or 0, 1),
            "p95_form_ms": round(percentile(form, 0.95) or 0, 1),
            "server_cpu_seconds": round(cpu_joins, 2),
            "server_cpu_ms_per_join": round(1000 * cpu_joins / max(1, len(joined)), 1),
            "server_idle_cpu_ms_per_second": round(1000 * idle, 1),
            # less what the idle server spent meanwhile
            "server_cpu_ms_per_join_net": round(
                1000 * (cpu_joins - idle * joins_took) / max(1, len(joined)), 1
            ),
            "bare_connections": len(back),
            "p95_bare_connection_ms": round(percentile(per_back, 0.95) or 0, 1),
            "server_cpu_ms_per_bare_connection": round(1000 * cpu_back / max(1, len(back)), 1),
            "server_cpu_ms_per_bare_connection_net": round(
                1000 * (cpu_back - idle * back_took) / max(1, len(back)), 1
            ),
            "load_average": [load_before, load_after],
        },
    }


# -- a flood among neighbours --


async def neighbour_worker(cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    import random

    phones = make_phones(cfg, start_index, count)
    latencies: dict[str, list[float]] = {}

    def on_event(phone: Phone) -> Any:
        def handler(message: dict[str, Any]) -> None:
            now = time.time()
            if message.get("type") == "card.created":
                text = message["data"].get("text", "")
                if text.startswith("LOAD "):
                    _tag, stage, _post_id, sent = text.split(" ")[:4]
                    latencies.setdefault(stage, []).append(1000 * (now - float(sent)))

        return handler

    phones = await join_phones(cfg, phones, on_event)
    conn.send({"connected": sum(1 for p in phones if p.sio.connected)})
    chance = random.Random(start_index)
    while (order := conn.recv()) != "end":  # {stage, seconds}
        calls = []
        deadline = time.monotonic() + order["seconds"]
        n = 0
        while time.monotonic() < deadline:
            n += 1
            phone = chance.choice(phones)
            text = f"LOAD {order['stage']} {start_index}-{n} {time.time():.6f}"
            payload = {
                "client_id": f"load-{order['stage']}-{start_index}-{n}",
                "kind": "bottleneck",
                "sector_id": phone.sector,
                "text": text,
            }
            calls.append(asyncio.ensure_future(phone.sio.call("card:post", payload, timeout=30)))
            await asyncio.sleep(cfg["workers"] / cfg["rate"])
        replies = await asyncio.gather(*calls, return_exceptions=True)
        await asyncio.sleep(2.0)
        refused = sum(1 for r in replies if isinstance(r, BaseException) or not r.get("ok"))
        conn.send({"latencies": latencies.pop(order["stage"], []), "refused": refused})
    await close_phones(phones)


async def flooder_worker(cfg: dict[str, Any], start_index: int, count: int, conn: Any) -> None:
    """One phone sending card:post as fast as it can; when dropped, it comes back as
    socket.io-client does (after its first back-off, 1 s) and floods again."""
    import socketio

    (phone,) = make_phones(cfg, start_index, 1)
    await join_phones(cfg, [phone])
    conn.send({"connected": 1})
    order = conn.recv()  # {seconds}
    deadline = time.monotonic() + order["seconds"]
    sent = 0
    answers: dict[str, int] = {}
    connections: list[dict[str, Any]] = []
    refused_connects = 0

    def ack(reply: dict[str, Any]) -> None:
        code = "ok" if reply.get("ok") else reply["error"]["code"]
        answers[code] = answers.get(code, 0) + 1

    began = time.monotonic()
    while time.monotonic() < deadline:
        if not phone.sio.connected:
            await asyncio.sleep(1.0)  # socket.io-client's first reconnection delay
            phone.sio = socketio.AsyncClient(http_session=phone.http, reconnection=False)
            try:
                await phone.sio.connect(
                    cfg["url"], auth={"workshop": cfg["code"]}, transports=["websocket"]
                )
            except socketio.exceptions.ConnectionError:
                refused_connects += 1
                continue
        this = {"sent": 0, "answers_before_drop": 0, "seconds": 0.0}
        at_start = sum(answers.values())
        begun = time.monotonic()
        while phone.sio.connected and time.monotonic() < deadline:
            for _ in range(20):
                sent += 1
                this["sent"] += 1
                payload = {
                    "client_id": f"flood-post-{sent}",
                    "kind": "bottleneck",
                    "sector_id": phone.sector,
                    "text": f"banjir {sent}",
                }
                try:
                    await phone.sio.emit("card:post", payload, callback=ack)
                except Exception:  # the socket went while sending
                    break
            # at most --flood-rate events a second (0: as fast as this process can)
            await asyncio.sleep(20 / cfg["flood_rate"] if cfg["flood_rate"] else 0)
        this["seconds"] = round(time.monotonic() - begun, 3)
        this["answers_before_drop"] = sum(answers.values()) - at_start
        connections.append(this)
    elapsed = time.monotonic() - began
    conn.send(
        {
            "sent": sent,
            "events_per_second": round(sent / elapsed),
            "answers": answers,
            "connections": len(connections),
            "first_connection": connections[0] if connections else None,
            "reconnects_refused": refused_connects,
        }
    )
    if phone.sio.connected:
        await phone.sio.disconnect()
    await phone.http.close()


def flood_storm(args: argparse.Namespace) -> dict[str, Any]:
    target, server, cfg = start_storm_app(
        args, rate=args.rate, workers=args.workers, flood_rate=args.flood_rate
    )
    pipes, procs = spawn("neighbours", cfg, args.clients, args.workers)
    flood_pipes, flood_procs = spawn("flooder", cfg, 1, 1)
    stages: dict[str, dict[str, Any]] = {}
    outcome: dict[str, Any] = {}
    try:
        connected = sum(p.recv()["connected"] for p in pipes)
        flood_pipes[0].recv()
        for stage in ("quiet", "flood", "after"):
            load_before, cpu_before = load_average(), cpu_of(server)
            spy = Spy(args.profile_dir if stage == "flood" else None, server.pid, "flood")
            if stage == "flood":
                flood_pipes[0].send({"seconds": args.seconds})
            for p in pipes:
                p.send({"stage": stage, "seconds": args.seconds})
            replies = [p.recv() for p in pipes]
            if stage == "flood":
                outcome = flood_pipes[0].recv()
            spy.stop()
            latencies = [x for r in replies for x in r["latencies"]]
            stages[stage] = {
                "p50_ms": round(percentile(latencies, 0.50) or 0, 1),
                "p95_ms": round(percentile(latencies, 0.95) or 0, 1),
                "deliveries": len(latencies),
                "neighbour_posts_refused": sum(r["refused"] for r in replies),
                "server_cpu_seconds": round(cpu_of(server) - cpu_before, 2),
                "load_average": [load_before, load_average()],
            }
        for p in pipes:
            p.send("end")
    finally:
        stop_workers(procs + flood_procs)
        target.stop()
    quiet = stages["quiet"]["p95_ms"]
    return {
        "flood_p95_ratio": round(stages["flood"]["p95_ms"] / quiet, 2) if quiet else None,
        "flood": {"neighbours": connected, **stages, "flooder": outcome},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--clients",
        type=int,
        help="phones (default 200; for --polls, --tests and --upvotes, the room of issue 28: 300)",
    )
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--target", choices=["app", "python-relay", "flask-relay", "node-relay"], default="app"
    )
    parser.add_argument("--mode", choices=["gevent", "threading"], default="gevent")
    parser.add_argument("--storm", action="store_true")
    parser.add_argument(
        "--sync-after-connect",
        action="store_true",
        help="with --storm: connect, then send `sync` (two trips, as before `synced`)",
    )
    parser.add_argument(
        "--reveal",
        action="store_true",
        help="after the posts, conceal then reveal the boards; time until every client resynced",
    )
    parser.add_argument(
        "--reveal-snapshot",
        action="store_true",
        help="with --reveal: every client fetches a snapshot, as before board.shown",
    )
    parser.add_argument(
        "--similar-inline",
        action="store_true",
        help="match similar cards in the server process (before issue 13's worker)",
    )
    parser.add_argument(
        "--similar", type=float, default=0, help="card:similar queries a second, in all"
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="run the app, then the Python and the Node relay: cpu_ratio_python_relay, ...",
    )
    parser.add_argument(
        "--profile", metavar="PATH", help="py-spy the app's server while it posts (collapsed)"
    )
    parser.add_argument(
        "--profile-storm", metavar="PATH", help="py-spy the app's server during the storm"
    )
    parser.add_argument(
        "--votes",
        action="store_true",
        help="vote storm: --clients phones cast all their dots within --vote-window seconds",
    )
    parser.add_argument("--vote-window", type=float, default=10)
    parser.add_argument(
        "--joins",
        action="store_true",
        help="join storm: --join-phones phones join through the form within --join-window s",
    )
    parser.add_argument("--join-phones", type=int, default=300)
    parser.add_argument("--join-window", type=float, default=30)
    parser.add_argument(
        "--flood",
        action="store_true",
        help="one phone floods while --clients neighbours post --rate a second",
    )
    parser.add_argument(
        "--flood-rate", type=float, default=2000, help="the flooder's events a second (0: max)"
    )
    parser.add_argument(
        "--polls",
        action="store_true",
        help="poll storm: --clients phones answer a poll within --poll-window seconds",
    )
    parser.add_argument("--poll-window", type=float, default=10)
    parser.add_argument(
        "--tests",
        action="store_true",
        help="test storm: --clients phones answer a pre-test within --test-window seconds",
    )
    parser.add_argument("--test-window", type=float, default=10)
    parser.add_argument(
        "--upvotes",
        action="store_true",
        help="upvote storm: --clients phones upvote --upvote-questions questions"
        " within --upvote-window seconds",
    )
    parser.add_argument("--upvote-window", type=float, default=60)
    parser.add_argument("--upvote-questions", type=int, default=10)
    parser.add_argument(
        "--storms-only",
        action="store_true",
        help="skip the post run: only --votes/--joins/--flood/--polls/--tests/--upvotes",
    )
    parser.add_argument(
        "--profile-dir", metavar="DIR", help="py-spy the server during each of those storms"
    )
    parser.add_argument("--url", help="a server already running (default: start one)")
    parser.add_argument("--facilitator-url", help="with --url: a workshop's facilitator link")
    parser.add_argument("--pid", type=int, help="with --url: the server's pid, for CPU and RSS")
    args = parser.parse_args()
    args.burst_phones = args.clients or 300  # a poll's or a test's room
    args.clients = args.clients or 200
    if args.url and args.target == "app" and not args.facilitator_url:
        parser.error("--url needs --facilitator-url for the app")
    raise_fd_limit()
    if args.storms_only:
        result: dict[str, Any] = {}
    else:
        result = compare(args) if args.compare else run(args)
    if args.profile and os.path.exists(args.profile):
        result["profile"] = summarise_profile(args.profile)
    if args.profile_storm and os.path.exists(args.profile_storm):
        result["profile_storm"] = summarise_profile(args.profile_storm)
    storms = (("votes", vote_storm), ("joins", join_storm), ("flood", flood_storm))
    issue28 = (("polls", poll_storm), ("tests", test_storm), ("upvotes", upvote_storm))
    for flag, case in (*storms, *issue28):
        if getattr(args, flag):
            result.update(case(args))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
