"""The bare relay of relay.py, served through Flask-SocketIO instead of bare
python-socketio: separates what Flask-SocketIO itself costs per delivery
from what the app's rules and database cost.

    python bench/relays/flask_relay.py PORT
"""

import sys

from gevent import monkey

monkey.patch_all()

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="gevent", cors_allowed_origins=None)
state = {"seq": 0}


@socketio.on("connect")
def connect(auth):
    join_room(f"s{(auth or {}).get('sector', 0)}")


@socketio.on("card:post")
def post(payload):
    state["seq"] += 1
    message = {
        "seq": state["seq"],
        "type": "card.created",
        "sector_id": payload["sector_id"],
        "data": payload,
    }
    socketio.emit("event", message, to=f"s{payload['sector_id']}")
    return {"ok": True}


@socketio.on("sync")
def sync(payload):
    return {"ok": True, "mode": "events", "seq": state["seq"], "events": []}


if __name__ == "__main__":
    socketio.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_output=False)
