"""The server counts words as the phones do: both on the same samples
(tests/js/wordcount-samples.json, also read by tests/js/wordcount.test.js)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from workshop.proposals.words import count_words

SAMPLES = json.loads((Path(__file__).parents[1] / "js" / "wordcount-samples.json").read_text())


@pytest.mark.parametrize(("text", "words"), SAMPLES)
def test_the_server_counts_each_sample(text, words):
    assert count_words(text) == words


def test_the_browser_module_gives_the_same_counts_on_random_text():
    """Mixed scripts, punctuation and every kind of white space, counted by both."""
    pieces = [
        "kata",
        "KTP-el",
        "—",
        " ",
        "\n",
        "\u00a0",
        "\u2003",
        "12.000",
        "é",
        "\u200b",
        "!",
        "\ufeff",
    ]
    texts = [
        "".join(pieces[(i * 7 + j * 3) % len(pieces)] for j in range(i % 23)) for i in range(200)
    ]
    script = (
        "import { countWords } from './static/js/proposals/wordcount.js';"
        "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>"
        "console.log(JSON.stringify(JSON.parse(s).map(countWords))));"
    )
    root = Path(__file__).parents[2]
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=root,
        check=True,
    )
    assert json.loads(result.stdout) == [count_words(t) for t in texts]
