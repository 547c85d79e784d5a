"""The phone's scripts run on browsers a few years old: no syntax newer than
ECMAScript 2020, checked with acorn (from npm) on every file we serve."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "static" / "js").glob("*.js"))
CHECK = """
const acorn = require(process.argv[1]);
const fs = require("fs");
const problems = [];
for (const file of JSON.parse(process.argv[2])) {
  try { acorn.parse(fs.readFileSync(file, "utf8"), {ecmaVersion: 2020, sourceType: "script"}); }
  catch (err) { problems.push(file + ": " + err.message); }
}
process.stdout.write(JSON.stringify(problems));
"""


def test_every_script_parses_as_ecmascript_2020():
    assert len(SCRIPTS) >= 10
    node = shutil.which("node")
    acorn = ROOT / "node_modules" / "acorn"
    if node is None or not acorn.exists():
        pytest.fail("node and npm's acorn are needed; `make test` installs them (npm ci).")
    out = subprocess.run(
        [node, "-e", CHECK, str(acorn), json.dumps([str(p) for p in SCRIPTS])],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == []


def test_the_checker_catches_newer_syntax(tmp_path):
    newer = tmp_path / "newer.js"
    newer.write_text("class A { #secret = 1; static { } }\nconst x = a ??= 1;\n")
    out = subprocess.run(
        [
            shutil.which("node") or "node",
            "-e",
            CHECK,
            str(ROOT / "node_modules" / "acorn"),
            json.dumps([str(newer)]),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(out.stdout)) == 1
