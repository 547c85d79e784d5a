"""Floods are slowed per participant, never per room; oversized and malformed
events get a documented error; wrong join codes are throttled."""

from __future__ import annotations

import pytest

from workshop.ratelimit import RateLimiter


def test_the_token_bucket_allows_a_burst_then_a_steady_rate():
    bucket = RateLimiter(capacity=5, rate=2)
    assert [bucket.allow("a", now=0.0) for _ in range(6)] == [True] * 5 + [False]
    assert bucket.allow("b", now=0.0), "another caller has their own bucket"
    assert bucket.allow("a", now=0.5)  # one token back after half a second
    assert not bucket.allow("a", now=0.5)


def test_the_bucket_forgets_the_oldest_callers_past_its_size():
    bucket = RateLimiter(capacity=1, rate=0.001, max_keys=3)
    for key in "abcd":
        assert bucket.allow(key, now=0.0)
    assert bucket.allow("a", now=0.0), "a was forgotten, so it starts full again"


# A slow refill (one token in 20 s, not 0.2 s) so that a busy machine's slow
# reconnect still comes before the flooder's allowance has a token again.
@pytest.mark.parametrize("app_config", [{"EVENT_RATE": 0.05}], ids=["slow-refill"])
def test_one_phone_flooding_is_slowed_then_dropped_while_the_others_keep_working(
    make_workshop, phone, socket_for, app, socket_post, app_config
):
    ws = make_workshop()
    browser = phone(ws, "Banjir")
    flooder = socket_for(browser, ws)
    neighbour = socket_for(phone(ws, "Tetangga"), ws)
    burst, drop_after = app.config["EVENT_BURST"], app.config["FLOOD_DROP_AFTER"]
    replies = []
    for n in range(200):
        if not flooder.is_connected():
            break
        replies.append(
            socket_post(flooder, ws.sector_ids[0], f"Spam {n}", client_id=f"flood-{n:05d}")
        )
    limited = [r for r in replies if r and not r["ok"]]
    # The buckets refill at EVENT_RATE while the loop runs: a slow machine could
    # let a few more through and answer a few more before the drop.
    assert burst <= len(replies) - len(limited) <= burst + 10, "the burst is let through"
    assert drop_after <= len(limited) <= drop_after + 10  # a few answers, then dropped
    assert not flooder.is_connected(), "a socket that keeps flooding is dropped"
    assert {r["error"]["code"] for r in limited} == {"rate_limited"}
    assert "tunggu" in limited[0]["error"]["message"].lower()
    # Reconnecting at once is refused too; the neighbour is not slowed at all.
    again = socket_for(browser, ws)
    assert not again.is_connected()
    ok = socket_post(neighbour, ws.sector_ids[0], "Saya masih bisa", client_id="neighbour-1")
    assert ok["ok"] is True, "the same Wi-Fi, another participant: not slowed"


def test_an_oversized_event_gets_too_large_and_stores_nothing(make_workshop, phone, socket_for):
    ws = make_workshop()
    sock = socket_for(phone(ws), ws)
    reply = sock.emit(
        "card:post",
        {
            "client_id": "big-card-01",
            "kind": "bottleneck",
            "sector_id": ws.sector_ids[0],
            "text": "x" * 10_000,
        },
        callback=True,
    )
    assert reply["ok"] is False and reply["error"]["code"] == "too_large"
    snap = sock.emit("sync", {"sector_id": ws.sector_ids[0]}, callback=True)
    assert snap["snapshot"]["cards"] == []


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("sync", ["not", "an", "object"]),
        ("sync", 42),
        ("card:post", None),
        ("vote:cast", {"card_id": "seven"}),
        ("vote:cast", {"card_id": 999_999}),
        ("card:assess", {"card_id": None}),
        ("card:plan", {"card_id": 12, "steps": ["a"]}),
        ("phase:set", {"phase_id": 1}),
        ("no-such-event", {}),
    ],
)
def test_malformed_events_get_a_clear_error(make_workshop, phone, socket_for, event, payload):
    ws = make_workshop()
    sock = socket_for(phone(ws), ws)
    reply = sock.emit(event, payload, callback=True)
    assert reply["ok"] is False
    assert reply["error"]["code"] in {"invalid", "not_found", "forbidden", "unknown_event"}
    assert reply["error"]["message"] and "Traceback" not in reply["error"]["message"]


@pytest.mark.parametrize("app_config", [{"WRONG_CODE_BURST": 3}])
def test_wrong_join_codes_are_throttled_per_address(client, make_workshop, app_config):
    ws = make_workshop()
    for code in ("AAAAAA", "CCCCCC", "DDDDDD"):
        assert client.post("/join", data={"code": code}).status_code == 404
    blocked = client.post("/join", data={"code": "EEEEEE"})
    assert blocked.status_code == 429
    assert "Traceback" not in blocked.get_data(as_text=True)
    assert client.get("/j/FFFFFF").status_code == 429
    # A right code still works for a participant whose phone types it.
    assert client.get(f"/j/{ws.code}").status_code == 200


def test_the_socket_does_not_tell_which_codes_exist(make_workshop, app, socket_for):
    ws = make_workshop()
    wrong = socket_for(app.test_client(), "AAAAAA")
    right = socket_for(app.test_client(), ws.code)
    assert not wrong.is_connected() and not right.is_connected()
    # Both refusals carry the same code and message (checked in the connect handler),
    # so a stranger cannot probe codes through the socket.
