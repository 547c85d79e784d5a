"""End-to-end fixtures: the real server in a subprocess (gevent, websockets,
migrations at start-up), one for the whole run: each test makes its own
workshop (`live_server.create_workshop()`), so tests stay apart. The
similar-cards child process runs only in `similar_server`, for the tests of
similar cards. The `browser` fixture (Debian's Chromium driven by Playwright)
is in tests/conftest.py, shared with the fault tests.

Under pytest-xdist each worker has its own servers, ports and folders."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live import LiveServer

from .helpers import facilitator_socket


def _serve(folder: pytest.TempPathFactory, name: str, **settings: str) -> Iterator[LiveServer]:
    server = LiveServer(folder.mktemp(name) / "instance", **settings)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from _serve(tmp_path_factory, "live")


@pytest.fixture(scope="session")
def similar_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server whose similar cards are matched in their child process, as in
    production; handed over once the child has answered a first query (its
    imports take seconds of CPU, more on a busy machine than a page waits)."""
    for server in _serve(tmp_path_factory, "similar", SIMILAR_WORKER="true"):
        links = server.create_workshop("Bimtek pemanasan")
        boss = facilitator_socket(server, links)
        try:
            sector = boss.call("sync", {}, timeout=10)["snapshot"]["workshop"]["sectors"][0]
            query = {"sector_id": sector["id"], "kind": "bottleneck", "text": "antrean"}
            reply = boss.call("card:similar", query, timeout=120)
            assert reply["ok"], reply
        finally:
            boss.disconnect()
        yield server
