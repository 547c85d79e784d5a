"""Load generator: real Socket.IO clients joining, posting and receiving.

    python bench/load.py --clients N --rate R --seconds S [--target app|python-relay|node-relay]
                         [--workers W] [--mode gevent|threading] [--storm]
                         [--reveal [--reveal-snapshot]] [--similar Q]
                         [--url URL --facilitator-url LINK [--pid PID]]

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
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
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
                    # as static/js/store.js does for rules.snapshot_settings (and,
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
            auth = {"workshop": cfg["code"]} if cfg["kind"] == "app" else {"sector": phone.sector}
            await phone.sio.connect(
                cfg["url"], auth=auth, transports=["websocket"], wait_timeout=120
            )
            connected_at.append(time.monotonic() - begun)
            reply = await phone.sio.call(
                "sync", {"sector_id": phone.sector, "since": phone.seq}, timeout=120
            )
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
        children_before = children_cpu(server)
        spy = None
        if args.profile and pid and args.target == "app":
            spy = profile_server(pid, args.seconds, args.profile)
        for p in pipes:
            p.send("go")
        results = [p.recv() for p in pipes]
        if spy is not None:
            spy.wait(60)
        cpu = (sum(server.cpu_times()[:2]) - cpu_before) if server else 0.0
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--target", choices=["app", "python-relay", "flask-relay", "node-relay"], default="app"
    )
    parser.add_argument("--mode", choices=["gevent", "threading"], default="gevent")
    parser.add_argument("--storm", action="store_true")
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
    parser.add_argument("--url", help="a server already running (default: start one)")
    parser.add_argument("--facilitator-url", help="with --url: a workshop's facilitator link")
    parser.add_argument("--pid", type=int, help="with --url: the server's pid, for CPU and RSS")
    args = parser.parse_args()
    if args.url and args.target == "app" and not args.facilitator_url:
        parser.error("--url needs --facilitator-url for the app")
    raise_fd_limit()
    result = compare(args) if args.compare else run(args)
    if args.profile and os.path.exists(args.profile):
        result["profile"] = summarise_profile(args.profile)
    if args.profile_storm and os.path.exists(args.profile_storm):
        result["profile_storm"] = summarise_profile(args.profile_storm)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
