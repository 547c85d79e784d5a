"""A bare python-socketio relay speaking the subset of Urai's protocol the load
generator uses, with no database and no rules: the floor to compare against.

    python bench/relays/relay.py PORT [gevent|threading]

connect with auth {"sector": N}: join room N. `card:post` {sector_id, ...}:
emit `event` {"type": "card.created", "data": payload} to that room, then ack.
"""

import sys

MODE = sys.argv[2] if len(sys.argv) > 2 else "gevent"
if MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import socketio  # noqa: E402

server = socketio.Server(async_mode=MODE, cors_allowed_origins=None)
app = socketio.WSGIApp(server)
seq = 0


@server.event
def connect(sid, environ, auth):
    server.enter_room(sid, f"s{(auth or {}).get('sector', 0)}")


@server.on("card:post")
def post(sid, payload):
    global seq
    seq += 1
    message = {
        "seq": seq,
        "type": "card.created",
        "sector_id": payload["sector_id"],
        "data": payload,
    }
    server.emit("event", message, to=f"s{payload['sector_id']}")
    return {"ok": True}


@server.on("sync")
def sync(sid, payload):
    return {"ok": True, "mode": "events", "seq": seq, "events": []}


if __name__ == "__main__":
    port = int(sys.argv[1])
    if MODE == "gevent":
        from gevent import pywsgi

        pywsgi.WSGIServer(("127.0.0.1", port), app, log=None).serve_forever()
    else:
        from werkzeug.serving import run_simple

        run_simple("127.0.0.1", port, app, threaded=True)
