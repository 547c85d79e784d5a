"""Socket.IO frames from outside, checked before any handler sees them.

A phone (or anything that can open a websocket) may send frames the protocol
never produces: an event name that is not text (`42[123]`, `42[["a"]]`), no
name at all (`42[]`, `421`), JSON that does not parse (`42[1`), the reserved
names `connect` and `disconnect` as events, the catch-all name `*`, packet
types a client never sends (binary, unknown numbers). python-socketio would
raise on most of them, write a traceback to the log for each and answer
nothing; it would run the connect handler again for an event named "connect",
and hand an event named "*" to the catch-all handler without its name (so
Flask-SocketIO took the payload for the socket's id).

`Frame` is the packet class the server decodes with: every such frame becomes
the event `MALFORMED` (answered `invalid` when it carries an acknowledgement
id), and an event named like a reserved one is renamed so that it gets the
`unknown_event` answer. Both count against the sender's flood allowance like
any other event (transport.check_flood).

`QuietLog` keeps what a misbehaving client can still make the libraries log
(one line per frame otherwise, with a traceback) to a few lines a minute,
without tracebacks, plus a count of what it left out.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from socketio import packet

MALFORMED = "urai:malformed"  # not a name any client uses: see events.on_malformed
RESERVED = ("connect", "disconnect", "connect_error", "*")
CLIENT_TYPES = (packet.CONNECT, packet.DISCONNECT, packet.EVENT, packet.ACK)


class Frame(packet.Packet):
    def decode(self, encoded_packet: Any) -> int:
        try:
            attachments = int(super().decode(encoded_packet))
        except (ValueError, TypeError, IndexError):  # JSON, ids, types that do not parse
            self._malformed()
            return 0
        if attachments or self.packet_type not in CLIENT_TYPES:
            self._malformed()
            return 0
        if self.packet_type == packet.EVENT:
            data: Any = getattr(self, "data", None)
            if not isinstance(data, list) or not data or not isinstance(data[0], str):
                self._malformed()
            elif data[0] in RESERVED or data[0] == MALFORMED:
                self.data = [f"reserved:{data[0]}", *data[1:]]  # -> unknown_event
        return 0

    def _malformed(self) -> None:
        self.packet_type = packet.EVENT
        self.namespace = None
        self.data = [MALFORMED]
        if not isinstance(getattr(self, "id", None), int):
            self.id = None


class QuietLog(logging.Filter):
    """At most `per_minute` records a minute pass, each on one line (no traceback)."""

    def __init__(self, per_minute: int = 10) -> None:
        super().__init__()
        self.per_minute = per_minute
        self._window = 0.0
        self._passed = 0
        self._dropped = 0
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if now - self._window >= 60:
                dropped, self._dropped = self._dropped, 0
                self._window, self._passed = now, 0
                if dropped:
                    record.msg = f"{record.msg} (and {dropped} similar lines left out)"
            if self._passed >= self.per_minute:
                self._dropped += 1
                return False
            self._passed += 1
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {type(error).__name__}: {error}"[:500]
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


class SocketErrors:
    """WSGI middleware around the Socket.IO endpoint: a connection that breaks
    Engine.IO's own framing (bad base64, say) ends with one quiet log line, not
    a traceback from the web server for each such connection."""

    def __init__(self, app: Any, path: str = "/socket.io") -> None:
        self.app = app
        self.path = path

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if not str(environ.get("PATH_INFO", "")).startswith(self.path):
            return self.app(environ, start_response)
        try:
            return self.app(environ, start_response)
        except Exception as error:  # the connection is gone; nothing to answer on
            _log.error("socket connection ended: %s: %s", type(error).__name__, error)
            return []


_log = logging.getLogger("urai.sockets")
LOUD_LOGGERS = ("engineio.server", "socketio.server", "socketio", "engineio", "urai.sockets")


def quiet_library_logs() -> None:
    """Summarise the Socket.IO libraries' own error lines (once per process)."""
    for name in LOUD_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, QuietLog) for f in logger.filters):
            logger.addFilter(QuietLog())
