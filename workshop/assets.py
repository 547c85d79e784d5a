"""Static files that cost a phone little: compressed, and cached for good.

Every `url_for('static', ...)` gets `?v=<hash of the file>`; such URLs are
served with a year's `immutable` cache, so a phone downloads each script and
stylesheet once, and a new version of a file gets a new URL. Text responses
(HTML, CSS, JS, JSON, SVG) are compressed by Flask-Compress, with whichever of
zstd, brotli or gzip the browser accepts.

A page loads its entry module (static/js/<page>/<page>-page.js) and preloads
every module the entry imports, directly or not, so that a phone asks for them
all in one round trip instead of one per level of imports. That list is read
from the modules' own `import` lines (`preloads`, a Jinja global used by
templates/_modules.html), once per process, so it never drifts from the code.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from flask import Flask, Response, request
from flask_compress import Compress

compress = Compress()
YEAR = 365 * 24 * 3600
# A static import at the start of a line, its names on one line or several:
# `import { a, b } from "./x.js";`, `import * as x from "../shared/x.js";`,
# `import "./x.js";`. (tests/test_browser_support.py checks that acorn, a
# real parser, finds the same imports in every module.)
IMPORT = re.compile(r"""^import\s+(?:[^;"']*?\s*from\s*)?["']([^"']+)["']""", re.M)


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
    scripts = str(folder / "js")
    app.jinja_env.globals["preloads"] = lambda entry: preloads(scripts, entry)

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


@lru_cache(maxsize=8)
def import_graph(scripts: str) -> Mapping[str, tuple[str, ...]]:
    """Each module under `scripts` (a path relative to it, such as
    "board/board-page.js") and the modules it imports statically. Raises
    ValueError for an import the browser could not resolve: not a relative
    path to a .js file, or to a file that is not there."""
    root = Path(scripts)
    graph = {}
    for path in sorted(root.rglob("*.js")):
        name = path.relative_to(root).as_posix()
        targets = []
        for target in IMPORT.findall(path.read_text(encoding="utf-8")):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
            relative = target.startswith(("./", "../")) and not resolved.startswith("../")
            if not relative or not target.endswith(".js"):
                raise ValueError(f"{name} imports {target!r}: not a relative path to a module")
            if not (root / resolved).is_file():
                raise ValueError(f"{name} imports {target!r}: no such file")
            targets.append(resolved)
        graph[name] = tuple(targets)
    return MappingProxyType(graph)


@lru_cache(maxsize=64)
def preloads(scripts: str, entry: str) -> tuple[str, ...]:
    """Every module `entry` imports, directly or not, sorted by path."""
    graph = import_graph(scripts)
    if entry not in graph:
        raise ValueError(f"no module {entry} under {scripts}")
    seen: set[str] = set()
    todo = list(graph[entry])
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph[name])
    seen.discard(entry)
    return tuple(sorted(seen))
