"""Hooks between layers, as blinker signals (Flask ships blinker): a lower
layer announces what happened and a feature above it subscribes, so neither
imports the other's internals and nothing is kept in a module-level list."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

socket_connected = _signals.signal(
    "socket-connected",
    doc="A socket was accepted for a workshop, in its connect handler; sent by the "
    "app with `auth`, what the client sent (state/events.py answers the catch-up "
    "a connect may carry, so connecting and syncing take one trip).",
)
