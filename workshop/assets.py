"""Static files that cost a phone little: compressed, and cached for good.

Every `url_for('static', ...)` gets `?v=<hash of the file>`; such URLs are
served with a year's `immutable` cache, so a phone downloads each script and
stylesheet once, and a new version of a file gets a new URL. Text responses
(HTML, CSS, JS, JSON, SVG) are compressed by Flask-Compress, with whichever of
zstd, brotli or gzip the browser accepts.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from flask_compress import Compress

compress = Compress()
YEAR = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    app.config.setdefault(
        "COMPRESS_MIMETYPES",
        [
            "text/html",
            "text/css",
            "text/csv",
            "application/javascript",
            "text/javascript",
            "application/json",
            "image/svg+xml",
        ],
    )
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    compress.init_app(app)
    folder = Path(app.static_folder or "static")

    @app.url_defaults
    def _fingerprint(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            path = folder / values["filename"]
            if path.is_file():
                values["v"] = _version(str(path), path.stat().st_mtime_ns)

    @app.after_request
    def _cache(response: Response) -> Response:
        if request.endpoint == "static" and request.args.get("v") and response.status_code == 200:
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response


@lru_cache(maxsize=256)
def _version(path: str, _mtime: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
