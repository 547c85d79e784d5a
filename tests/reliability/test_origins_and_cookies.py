"""Against the real server (the test client skips Engine.IO's checks): sockets
from another origin are refused; cookies are HttpOnly and SameSite."""

from __future__ import annotations

import pytest
import requests
import socketio

from tests.live import LiveServer, join_session


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    live = LiveServer(tmp_path_factory.mktemp("origins") / "instance", SIMILAR_WORKER="false")
    live.start()
    yield live
    live.stop()


def connect(server: LiveServer, browser: requests.Session, code: str, origin: str | None):
    """Connect as a page of `origin` would (None: the websocket library's own,
    which is the server's address)."""
    client = socketio.Client(http_session=browser, reconnection=False)
    try:
        if origin is None:
            client.connect(
                server.url, auth={"workshop": code}, transports=["websocket"], wait_timeout=5
            )
        else:
            # Long-polling, so that the Origin sent is exactly this one (the
            # websocket library adds an Origin of its own).
            client.connect(
                server.url,
                auth={"workshop": code},
                headers={"Origin": origin},
                transports=["polling"],
                wait_timeout=5,
            )
    except socketio.exceptions.ConnectionError:
        return None
    return client


def test_a_page_on_another_site_cannot_open_a_socket_with_the_phones_cookie(server):
    links = server.create_workshop("Uji origin")
    page = requests.get(f"{server.url}/j/{links['code']}", timeout=10).text
    sector_id = int(page.split('name="sector_id" type="radio" value="')[1].split('"')[0])
    browser = join_session(server.url, links["code"], "Andi", sector_id)
    same = connect(server, browser, links["code"], None)
    assert same is not None, "the app's own pages connect"
    same.disconnect()
    assert connect(server, browser, links["code"], "http://evil.example") is None
    assert connect(server, browser, links["code"], "null") is None
    browser.close()


def test_cookies_are_httponly_and_samesite(server):
    links = server.create_workshop("Uji cookie")
    response = requests.get(links["facilitator_url"], allow_redirects=False, timeout=10)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = requests.get(f"{server.url}/", timeout=10)
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
