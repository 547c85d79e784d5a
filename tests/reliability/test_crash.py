"""The server is killed with SIGKILL while phones post; after a restart every
acknowledged post is in the database and reaches every client, and posts
resent with their ids (as the phone's outbox does) are stored once."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

import pytest

from tests.live import LiveServer, join_session, key_session, socket_client

PHONES = 4

# Connections cut by the crash are left half-open inside the client libraries,
# which report them as unclosed sockets when collected; that is the crash.
pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)


@pytest.fixture(autouse=True)
def _collect_cut_connections():
    """Collect the connections the crash cut while this test is still running,
    under this module's warning filter, rather than in whichever test is next."""
    yield
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        t.name.startswith("poster") or "socketio" in t.name.lower() or "engineio" in t.name.lower()
        for t in threading.enumerate()
    ):
        time.sleep(0.1)
    for _ in range(3):
        gc.collect()


@pytest.fixture
def server(tmp_path: Path):
    # Flood control is tested on its own; here phones post as fast as they can.
    live = LiveServer(tmp_path / "instance", EVENT_BURST="100000", SIMILAR_WORKER="false")
    live.start()
    yield live
    live.stop()


def open_board(server: LiveServer, links: dict) -> int:
    """The facilitator starts collecting bottlenecks; returns the first board's id."""
    boss = socket_client(server.url, key_session(links["facilitator_url"]), links["code"])
    state = boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]
    identify = next(p for p in state["phases"] if p["kind"] == "identify")
    assert boss.call("phase:set", {"phase_id": identify["id"]}, timeout=10)["ok"]
    boss.disconnect()
    return state["sectors"][0]["id"]


def poster(server, browser, code, board, name, acked, sent, stop, socket_post):
    """Post until the connection dies, remembering what the server acknowledged."""
    client = None
    try:
        client = socket_client(server.url, browser, code)
        n = 0
        while not stop.is_set():
            n += 1
            client_id = f"{name}-{n:05d}"
            sent.append(client_id)
            reply = socket_post(client, board, f"{name} {n}", client_id=client_id, timeout=5)
            if reply and reply.get("ok"):
                acked.append(client_id)
            time.sleep(0.02)
    except Exception:
        return
    finally:
        if client is not None:
            client.disconnect()


def test_a_crash_loses_no_acknowledged_post_and_stores_none_twice(server, socket_post):
    links = server.create_workshop("Uji crash")
    board = open_board(server, links)
    browsers = [join_session(server.url, links["code"], f"hp{n}", board) for n in range(PHONES)]
    acked: list[str] = []
    sent: list[str] = []
    stop = threading.Event()
    threads = [
        threading.Thread(
            name=f"poster-{n}",
            target=poster,
            args=(server, b, links["code"], board, f"hp{n}", acked, sent, stop, socket_post),
        )
        for n, b in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
    time.sleep(2.0)
    server.kill()  # mid-stream: some posts in flight, some acknowledged
    stop.set()
    for thread in threads:
        thread.join(15)
    assert len(acked) >= 20, "the phones were posting when the server died"

    server.start()
    # Every phone comes back and resends what it had not seen acknowledged,
    # with the same ids.
    unacked = [cid for cid in sent if cid not in set(acked)]
    clients = [socket_client(server.url, b, links["code"]) for b in browsers]
    for cid in unacked:
        owner = clients[int(cid[2 : cid.index("-")])]
        reply = socket_post(owner, board, cid, client_id=cid, timeout=10)
        assert reply["ok"], reply
    # Each client sees every acknowledged post, exactly once.
    for client in clients:
        cards = client.call("sync", {"sector_id": board}, timeout=10)["snapshot"]["cards"]
        ids = [c["client_id"] for c in cards]
        assert len(ids) == len(set(ids)), "no post stored twice"
        assert set(acked) <= set(ids), "no acknowledged post lost"
        assert set(ids) == set(sent), "every post the phones made is there once resent"
        client.disconnect()
    for browser in browsers:
        browser.close()
    print(
        f"crash: {len(acked)} acknowledged before SIGKILL, {len(unacked)} in flight resent, "
        f"{len(set(sent))} stored, 0 lost, 0 twice"
    )
    listed = {w["code"]: w for w in server.cli("list", "--json")}
    assert listed[links["code"]]["cards"] == len(set(sent))
