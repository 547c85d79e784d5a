"""Run the load cases of bench/RESULTS.md and print them as a table.

    python bench/scale.py [--quick]

Each case is one `bench/load.py` run in a fresh process, so they do not
disturb each other: the app against the bare python-socketio and Node.js
relays at the same load, two sizes (to separate the cost per post from the
cost per delivery), gevent against threading, and 2,000 clients with a
reconnect storm.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASES = [
    ("app", "gevent", 1000, ["--storm"]),
    ("python-relay", "gevent", 1000, []),
    ("node-relay", "gevent", 1000, []),
    ("app", "gevent", 300, []),
    ("python-relay", "gevent", 300, []),
    ("app", "gevent", 500, []),
    ("app", "threading", 500, []),
    ("app", "gevent", 2000, ["--storm"]),
    ("python-relay", "gevent", 2000, []),
]


def run(target: str, mode: str, clients: int, extra: list[str], seconds: int) -> dict:
    command = [
        sys.executable,
        "bench/load.py",
        "--target",
        target,
        "--mode",
        mode,
        "--clients",
        str(clients),
        "--rate",
        "10",
        "--seconds",
        str(seconds),
        *extra,
    ]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"target": target, "mode": mode, "clients": clients, "error": out.stderr[-300:]}
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="5-second runs")
    args = parser.parse_args()
    rows = [run(t, m, c, e, 5 if args.quick else 10) for t, m, c, e in CASES]
    print(
        "| target | mode | clients | connected | connect s | p50 ms | p95 ms | p99 ms "
        "| deliveries | lost | server CPU s | µs/delivery | peak RSS MB | storm s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "error" in r:
            print(f"| {r['target']} | {r['mode']} | {r['clients']} | failed: {r['error']!r} |")
            continue
        lat = r["latency_ms"]
        storm = r["reconnect_storm"]["seconds"] if r["reconnect_storm"] else None
        print(
            f"| {r['target']} | {r['mode']} | {r['clients']} | {r['clients_connected']} "
            f"| {r['connect_seconds']} | {lat['p50']} | {lat['p95']} | {lat['p99']} "
            f"| {r['deliveries_received']}/{r['deliveries_expected']} | {r['lost']} "
            f"| {r['server_cpu_seconds']} | {r['server_cpu_us_per_delivery']} "
            f"| {r['server_peak_rss_mb']} | {round(storm, 2) if storm else '-'} |"
        )
    print()
    print(
        "| clients | app / python relay, CPU per delivery | app / Node relay "
        "| app / python relay, p95 |"
    )
    print("|---|---|---|---|")
    ok = [r for r in rows if "error" not in r and r["mode"] == "gevent"]
    for clients in sorted({r["clients"] for r in ok}):
        by = {r["target"]: r for r in ok if r["clients"] == clients}
        app, py, node = by.get("app"), by.get("python-relay"), by.get("node-relay")
        if not (app and py):
            continue

        def ratio(a: dict, b: dict | None, key: str) -> str:
            if not b:
                return "-"
            x, y = (
                (a[key], b[key])
                if key != "p95"
                else (a["latency_ms"]["p95"], b["latency_ms"]["p95"])
            )
            return f"{x / y:.2f}x" if x and y else "-"

        print(
            f"| {clients} | {ratio(app, py, 'server_cpu_us_per_delivery')} "
            f"| {ratio(app, node, 'server_cpu_us_per_delivery')} | {ratio(app, py, 'p95')} |"
        )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
