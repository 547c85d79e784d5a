"""The browser's own modules run by node for a Python test: a driver script in
tests/js/ reads one JSON request a line on stdin and writes one JSON answer a
line (tests/js/driver.js), so a test asks the very code the pages run."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

DRIVERS = Path(__file__).resolve().parent / "js"


class NodeDriver:
    """One node process running `tests/js/<script>`."""

    def __init__(self, script: str) -> None:
        node = shutil.which("node")
        if node is None:
            pytest.fail(f"node is needed to run {script}; `make test` installs it.")
        self.process = subprocess.Popen(
            [node, str(DRIVERS / script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def call(self, **request: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        assert "error" not in answer, answer["error"]
        return answer

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
