"""The signed session cookie, read once per socket instead of once per event.

Flask opens the session (verifies the cookie's signature and decodes it) for
every request context it pushes. Flask-SocketIO pushes one for each socket
event, then replaces that session with its own copy, taken at the socket's
first event (connect) and kept in the connection's environ. So from the
second event on the cookie was verified and decoded only to be thrown away:
6% of the server's CPU in a vote storm (py-spy, bench/RESULTS.md). This
interface skips that work when the environ already holds the socket's copy.
"""

from __future__ import annotations

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

# Where Flask-SocketIO (manage_session=True, its default) keeps a socket's session.
SOCKET_SESSION = "saved_session"


class SocketAwareSessionInterface(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if SOCKET_SESSION in request.environ:
            # Replaced by the socket's own session before any handler runs.
            return self.session_class()
        return super().open_session(app, request)
