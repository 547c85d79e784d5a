"""Two real Socket.IO clients (websockets, against `python app.py`) write one
section of a proposal: edits in different places merge, edits of the same
words are refused with both texts kept, and a client that was away replays
the saves it missed by sequence number."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import card_of
from tests.live import LiveServer, join_session, key_session, socket_client

BASE = (
    "Layanan antrean lewat WhatsApp. Warga tidak perlu datang pagi. "
    "Petugas membalas dalam satu jam."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("live") / "instance", SIMILAR_WORKER="false")
    live.start()
    yield live
    live.stop()


class Listener:
    """A client's `event` broadcasts, as they arrive."""

    def __init__(self, client: Any) -> None:
        self.events: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        client.on("event", self.add)

    def add(self, message: dict[str, Any]) -> None:
        with self.lock:
            self.events.append(message)

    def of(self, type_: str, count: int = 1, timeout: float = 5) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                found = [e for e in self.events if e["type"] == type_]
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"fewer than {count} {type_} arrived: {found}")


def call(client: Any, event: str, payload: dict[str, Any]) -> dict[str, Any]:
    reply = client.call(event, payload, timeout=10)
    assert reply["ok"], reply
    return reply


def test_two_real_clients_merge_conflict_and_replay(server: LiveServer, socket_post):
    links = server.create_workshop("Bimtek proposal")
    code = links["code"]
    boss = socket_client(server.url, key_session(links["facilitator_url"]), code)
    snapshot = call(boss, "sync", {})["snapshot"]["workshop"]
    board = snapshot["sectors"][1]["id"]
    identify = next(p for p in snapshot["phases"] if p["kind"] == "identify")
    call(boss, "phase:set", {"phase_id": identify["id"]})
    andi_cookies = join_session(server.url, code, "Andi", board)
    andi = socket_client(server.url, andi_cookies, code)
    rina = socket_client(server.url, join_session(server.url, code, "Rina", board), code)
    for client in (andi, rina):
        call(client, "sync", {"sector_id": board})
    card = card_of(socket_post(andi, board, "Antrean pagi", client_id="live-b-0001"))
    solution = card_of(
        socket_post(
            andi,
            None,
            "Antrean WhatsApp",
            client_id="live-s-0001",
            kind="solution",
            parent_id=card["id"],
        )
    )
    proposal = call(boss, "proposal:promote", {"card_id": solution["id"]})["proposal"]
    heard = Listener(rina)

    def save(client: Any, base: int, text: str) -> dict[str, Any]:
        payload = {
            "proposal_id": proposal["id"],
            "section": "kebaruan",
            "base_version": base,
            "text": text,
        }
        return call(client, "proposal:save", payload)

    assert save(andi, 1, BASE)["section"]["version"] == 2
    # Both now write from version 2, in different sentences: Andi first, then Rina.
    andi_text = BASE.replace("lewat WhatsApp", "lewat WhatsApp dan SMS")
    rina_text = BASE.replace("satu jam", "tiga puluh menit")
    assert save(andi, 2, andi_text)["result"] == "saved"
    merged = save(rina, 2, rina_text)
    both = (
        "Layanan antrean lewat WhatsApp dan SMS. Warga tidak perlu datang pagi. "
        "Petugas membalas dalam tiga puluh menit."
    )
    assert (merged["result"], merged["section"]["text"], merged["section"]["version"]) == (
        "merged",
        both,
        4,
    )

    # The same words, from version 4: Andi's lands, Rina's is refused and handed back.
    assert save(andi, 4, both.replace("datang pagi", "datang subuh"))["result"] == "saved"
    refused = save(rina, 4, both.replace("datang pagi", "antre di kantor"))
    assert refused["result"] == "conflict"
    assert refused["yours"] == both.replace("datang pagi", "antre di kantor")
    assert refused["section"]["text"] == both.replace("datang pagi", "datang subuh")
    assert refused["section"]["version"] == 5

    # Every accepted save reached Rina in order, each one seq higher; the refusal sent nothing.
    events = heard.of("proposal.section", 4)
    assert [e["data"]["version"] for e in events] == [2, 3, 4, 5]
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs) and len(set(seqs)) == 4

    # Andi goes away; Rina saves twice; Andi comes back and replays both, in order.
    cursor = events[-1]["seq"]
    andi.disconnect()
    final = refused["section"]["text"] + " Berlaku di semua kecamatan."
    save(rina, 5, final)
    save(rina, 6, final + " Mulai 2027.")
    andi = socket_client(server.url, andi_cookies, code)
    replay = call(andi, "sync", {"sector_id": board, "since": cursor})
    assert replay["mode"] == "events"
    assert [(e["seq"], e["data"]["version"]) for e in replay["events"]] == [
        (cursor + 1, 6),
        (cursor + 2, 7),
    ]
    assert replay["events"][-1]["data"]["text"] == final + " Mulai 2027."
    for client in (andi, rina, boss):
        client.disconnect()
