"""Token buckets against floods, one per caller, kept by one manager object.

Limits apply per participant (or per secret link), never per IP address:
a whole room shares one Wi-Fi address. Only wrong join codes, which have
no identity yet, are counted per address, with a generous allowance.
The buckets live in this process; with several server processes each keeps
its own, which only makes the limit proportionally looser.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask, current_app


@dataclass
class Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """`allow(key)` takes one token from `key`'s bucket, refilled at `rate` per second."""

    def __init__(self, capacity: float, rate: float, max_keys: int = 20_000) -> None:
        self.capacity = capacity
        self.rate = rate
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str, cost: float = 1.0, now: float | None = None) -> bool:
        moment = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.pop(key, None) or Bucket(self.capacity, moment)
            bucket.tokens = min(
                self.capacity, bucket.tokens + (moment - bucket.updated) * self.rate
            )
            bucket.updated = moment
            allowed = bucket.tokens >= cost
            if allowed:
                bucket.tokens -= cost
            self._buckets[key] = bucket  # most recently used last
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return allowed

    def empty(self, key: str, now: float | None = None) -> bool:
        """Whether `key` has no whole token now (nothing is taken)."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                return False
            return bucket.tokens + (moment - bucket.updated) * self.rate < 1.0


@dataclass
class Limits:
    """The app's limiters: socket events per caller, wrong join codes per address,
    and refusals per caller (past them, the flooding socket is dropped)."""

    events: RateLimiter
    wrong_codes: RateLimiter
    refusals: RateLimiter


def init_app(app: Flask) -> None:
    app.extensions["urai_limits"] = Limits(
        events=RateLimiter(
            capacity=float(app.config["EVENT_BURST"]), rate=float(app.config["EVENT_RATE"])
        ),
        wrong_codes=RateLimiter(
            capacity=float(app.config["WRONG_CODE_BURST"]),
            rate=float(app.config["WRONG_CODE_RATE"]),
        ),
        refusals=RateLimiter(
            capacity=float(app.config["FLOOD_DROP_AFTER"]), rate=float(app.config["EVENT_RATE"])
        ),
    )


def limits() -> Limits:
    value: Limits = current_app.extensions["urai_limits"]
    return value
