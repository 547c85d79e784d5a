"""The phone's scripts run on browsers a few years old: no syntax newer than
ECMAScript 2020, checked with acorn (from npm) on every file we serve. The
pages' own scripts are ES modules (<script type="module">); the vendored
Socket.IO client is a classic script."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "static" / "js").glob("*.js"))
TEMPLATES = ROOT / "templates"
CHECK = """
const acorn = require(process.argv[1]);
const fs = require("fs");
const problems = [];
for (const [file, sourceType] of JSON.parse(process.argv[2])) {
  try { acorn.parse(fs.readFileSync(file, "utf8"), {ecmaVersion: 2020, sourceType}); }
  catch (err) { problems.push(file + ": " + err.message); }
}
process.stdout.write(JSON.stringify(problems));
"""


def check(files: list[tuple[Path, str]]) -> list[str]:
    node = shutil.which("node")
    acorn = ROOT / "node_modules" / "acorn"
    if node is None or not acorn.exists():
        pytest.fail("node and npm's acorn are needed; `make test` installs them (npm ci).")
    out = subprocess.run(
        [node, "-e", CHECK, str(acorn), json.dumps([(str(p), kind) for p, kind in files])],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_every_script_parses_as_an_ecmascript_2020_module():
    assert len(SCRIPTS) >= 20
    assert check([(p, "module") for p in SCRIPTS]) == []


def test_the_vendored_client_parses_as_a_classic_script():
    vendor = ROOT / "static" / "vendor" / "socket.io.min.js"
    if not vendor.exists():
        pytest.fail("static/vendor/socket.io.min.js is made by `make install` (npm ci).")
    assert check([(vendor, "script")]) == []


def imports_of(name: str, seen: set[str] | None = None) -> set[str]:
    """Every module `name` imports, directly or not (all in static/js)."""
    seen = set() if seen is None else seen
    text = (ROOT / "static" / "js" / name).read_text()
    for target in re.findall(r'^import .* from "([^"]+)";$', text, re.M):
        assert target.startswith("./") and target.endswith(".js"), (name, target)
        assert (ROOT / "static" / "js" / target[2:]).exists(), (name, target)
        if target[2:] not in seen:
            seen.add(target[2:])
            imports_of(target[2:], seen)
    return seen


def test_every_page_script_is_a_module_and_preloads_its_whole_import_graph():
    """Pages load their entry as a module (the vendored client stays classic),
    with every module it imports preloaded (templates/_modules.html)."""
    entries = {}
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script[^>]*src=[^>]*>", text):
            name = re.search(r"filename='([^']+)'", tag)
            assert name, tag
            if name.group(1).startswith("vendor/"):
                assert 'type="module"' not in tag, tag
            elif template.name != "_modules.html":
                assert 'type="module"' in tag, (template, tag)
        for entry, listed in re.findall(r'modules\("([^"]+)", \[([^\]]*)\]\)', text):
            entries[entry] = set(re.findall(r'"([^"]+)"', listed))
    assert {"board-page.js", "facilitator-page.js", "presenter-page.js"} <= set(entries)
    for entry, listed in entries.items():
        assert listed == imports_of(entry), entry


def test_no_script_is_long():
    """One concern a file: none much over 300 lines."""
    long = {p.name: n for p in SCRIPTS if (n := len(p.read_text().splitlines())) > 300}
    assert long == {}


def test_the_checker_catches_newer_syntax(tmp_path):
    newer = tmp_path / "newer.js"
    newer.write_text("class A { #secret = 1; static { } }\nconst x = a ??= 1;\n")
    assert len(check([(newer, "module")])) == 1
