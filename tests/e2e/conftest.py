"""End-to-end fixtures: the real server in a subprocess (gevent, websockets,
migrations at start-up). The `browser` fixture (Debian's Chromium driven by
Playwright) is in tests/conftest.py, shared with the fault tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live import CHROMIUM_ARGS, LiveServer

__all__ = ["CHROMIUM_ARGS"]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("live") / "instance")
    server.start()
    yield server
    server.stop()
