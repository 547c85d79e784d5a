"""Junk Socket.IO frames against the real server (raw websocket frames, which no
client library sends): each gets the documented answer where it carries an
acknowledgement id, the socket keeps working, and the laptop's log does not
grow a traceback per frame."""

from __future__ import annotations

import json

import pytest
import requests
import websocket  # websocket-client, from python-socketio[client]

from tests.live import LiveServer, join_session


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    live = LiveServer(
        tmp_path_factory.mktemp("frames") / "instance", EVENT_BURST="100000", SIMILAR_WORKER="false"
    )
    live.start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def joined(server):
    links = server.create_workshop("Uji bingkai")
    page = requests.get(f"{server.url}/j/{links['code']}", timeout=10).text
    sector_id = int(page.split('name="sector_id" type="radio" value="')[1].split('"')[0])
    return links, sector_id, join_session(server.url, links["code"], "Andi", sector_id)


def connect(server, joined):
    links, sector_id, browser = joined
    cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    url = server.url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
    ws = websocket.create_connection(url, header=[f"Cookie: {cookie}"], origin=server.url)
    ws.settimeout(3)
    assert ws.recv().startswith("0")  # Engine.IO open
    ws.send("40" + json.dumps({"workshop": links["code"]}))
    assert ws.recv().startswith("40")  # Socket.IO connected
    ws.sync = f'["sync",{{"sector_id":{sector_id}}}]'  # a real request, to check it works
    return ws


@pytest.fixture
def raw(server, joined):
    ws = connect(server, joined)
    yield ws
    ws.close()


def answer(ws, frame: str) -> dict | None:
    ws.send(frame)
    got = ws.recv()
    while got == "2":  # an Engine.IO ping on the way
        ws.send("3")
        got = ws.recv()
    assert got.startswith("43"), got
    return json.loads(got[got.index("[") :])[0]


JUNK = {
    "421[123]": "invalid",  # a number for a name
    '422[["a"],1]': "invalid",  # a list for a name
    '423[{"x":1}]': "invalid",
    "424[]": "invalid",  # no name
    "425[null]": "invalid",
    '426"text"': "invalid",  # not a list
    "427": "invalid",  # no data at all
    "428[1": "invalid",  # JSON that does not parse
    '429["connect",{"workshop":"ABCDEF"}]': "unknown_event",  # reserved names
    '4210["disconnect"]': "unknown_event",
    '4211["no:such-event"]': "unknown_event",
    '42902["*",{}]': "unknown_event",  # python-socketio's catch-all name
    '4212["card:post",1,2]': "invalid",  # a known event, not an object
}


def test_junk_frames_get_the_documented_answer_and_no_traceback(server, raw):
    before = server.log.stat().st_size
    for frame, code in JUNK.items():
        reply = answer(raw, frame)
        assert reply is not None and reply["ok"] is False, frame
        assert reply["error"]["code"] == code, (frame, reply)
    for frame in ("42x", "7", "45-[1]", '42["*",{}]'):  # no id to answer on: nothing, no crash
        raw.send(frame)
    for n in range(300):  # a phone sending junk as fast as it can
        raw.send(f"42[[{n}]]")  # no id: nothing to answer
    assert answer(raw, "42999" + raw.sync)["ok"] is True, "the socket still works"
    grown = server.log.read_text()[before:]
    assert "Traceback" not in grown
    assert len(grown) < 5_000, grown[-2000:]


def test_a_frame_that_breaks_engine_io_ends_that_connection_quietly(server, joined):
    before = server.log.stat().st_size
    for _ in range(30):
        broken = connect(server, joined)
        broken.send("b64")  # base64 with bad padding: Engine.IO cannot decode it
        broken.close()
    fresh = connect(server, joined)
    assert answer(fresh, "421" + fresh.sync)["ok"] is True
    fresh.close()
    grown = server.log.read_text()[before:]
    assert "Traceback" not in grown, grown[-2000:]
    assert grown.count("socket connection ended") <= 10, "summarised, not a line each"


def test_the_catch_all_name_is_answered_and_logs_nothing(server, raw):
    before = server.log.stat().st_size
    for n in range(50):
        raw.send('42["*",{}]')  # no id: no answer
        reply = answer(raw, f'42{n + 1}["*",{{}}]')
        assert reply is not None and reply["error"]["code"] == "unknown_event", reply
    assert answer(raw, "42999" + raw.sync)["ok"] is True, "the socket still works"
    assert server.log.read_text()[before:] == ""


def test_a_very_long_address_gets_the_short_page_not_found(server):
    """gevent's server refuses a request line over 8 KiB before Flask sees it;
    the phone gets the same translated page as for an unknown address."""
    response = requests.get(f"{server.url}/{'a' * 9000}", timeout=10)
    assert response.status_code == 414
    assert response.headers["Content-Type"].startswith("text/html")
    missing = requests.get(f"{server.url}/{'a' * 90}", timeout=10)
    assert missing.status_code == 404
    assert response.text == missing.text
    assert "Halaman tidak ditemukan" in response.text  # Indonesian, the default
