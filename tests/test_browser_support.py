"""The phone's scripts run on browsers a few years old: no syntax newer than
ECMAScript 2020, checked with acorn (from npm) on every file we serve. The
pages' own scripts are ES modules (<script type="module">); the vendored
Socket.IO client is a classic script."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from flask import render_template_string

from workshop.assets import import_graph, preloads

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "static" / "js"
SCRIPTS = sorted(JS.rglob("*.js"))
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
# What acorn reads as each module's imports: static ones by their source, and
# a dynamic import() or a re-export, which the preloads would not follow.
IMPORTS = """
const acorn = require(process.argv[1]);
const fs = require("fs");
const found = {};
for (const file of JSON.parse(process.argv[2])) {
  const sources = [];
  (function visit(node) {
    if (node.type === "ImportDeclaration") sources.push(node.source.value);
    else if (node.type === "ImportExpression") sources.push("import()");
    else if (node.source && node.type.startsWith("Export")) sources.push("export from");
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child.type === "string") visit(child);
      }
    }
  })(acorn.parse(fs.readFileSync(file, "utf8"), {ecmaVersion: 2020, sourceType: "module"}));
  found[file] = sources;
}
process.stdout.write(JSON.stringify(found));
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


def test_every_import_is_a_relative_path_to_a_module_we_serve():
    graph = import_graph(str(JS))
    assert set(graph) == {p.relative_to(JS).as_posix() for p in SCRIPTS}


def test_the_import_graph_reads_every_import_a_javascript_parser_finds():
    """import_graph reads import lines with a pattern; acorn reads the whole
    syntax. They agree, so no import is left out of a page's preloads."""
    node = shutil.which("node")
    acorn = ROOT / "node_modules" / "acorn"
    if node is None or not acorn.exists():
        pytest.fail("node and npm's acorn are needed; `make test` installs them (npm ci).")
    args = [node, "-e", IMPORTS, str(acorn), json.dumps([str(p) for p in SCRIPTS])]
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    parsed = {}
    for file, sources in json.loads(out.stdout).items():
        name = Path(file).relative_to(JS).as_posix()
        here = posixpath.dirname(name)
        parsed[name] = [posixpath.normpath(posixpath.join(here, s)) for s in sources]
    assert parsed == {name: list(targets) for name, targets in import_graph(str(JS)).items()}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('import { a } from "lib";', "not a relative path"),
        ('import { a } from "./missing.js";', "no such file"),
        ('import { a } from "../../outside.js";', "not a relative path"),
    ],
)
def test_an_import_the_browser_could_not_resolve_is_refused(tmp_path, line, problem):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "entry.js").write_text(line + "\n")
    with pytest.raises(ValueError, match=problem):
        import_graph(str(tmp_path))


def test_preloads_follow_imports_across_folders_once_each(tmp_path):
    for name, text in {
        "page/entry.js": 'import { a } from "./view.js";\n'
        'import {\n  b,\n} from "../shared/b.js";\n',
        "page/view.js": 'import { b } from "../shared/b.js";\nimport "./side.js";\n',
        "page/side.js": "// import nothing from here\n",
        "shared/b.js": 'import * as view from "../page/view.js";\n',
        "other/unused.js": "",
    }.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    expected = ("page/side.js", "page/view.js", "shared/b.js")
    assert preloads(str(tmp_path), "page/entry.js") == expected


def page_scripts() -> dict[str, set[str]]:
    """Each module a page template loads as its script, with the templates that load it."""
    entries: dict[str, set[str]] = {}
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script[^>]*src=[^>]*>", text):
            name = re.search(r"filename='([^']+)'", tag)
            assert name, tag
            if name.group(1).startswith("vendor/"):
                assert 'type="module"' not in tag, tag
            elif template.name != "_modules.html":
                assert 'type="module"' in tag, (template, tag)
                entries.setdefault(name.group(1).removeprefix("js/"), set()).add(template.name)
        for entry in re.findall(r'modules\("([^"]+)"\)', text):
            entries.setdefault(entry, set()).add(template.name)
    return entries


def test_every_page_script_is_a_module_and_preloads_its_whole_import_graph(client):
    """Pages load their entry as a module (the vendored client stays classic),
    with every module it imports preloaded (templates/_modules.html), each at
    the plain URL the imports resolve to."""
    entries = page_scripts()
    assert {
        "board/board-page.js",
        "facilitator/facilitator-page.js",
        "presenter/presenter-page.js",
        "proposals/proposal-page.js",
        "followup/followup-page.js",
    } <= set(entries)
    with client.application.test_request_context():
        html = render_template_string(
            '{% from "_modules.html" import modules %}{{ modules("board/board-page.js") }}'
        )
    listed = re.findall(r'<link rel="modulepreload" href="/static/js/([^"?]+)">', html)
    assert set(listed) == set(preloads(str(JS), "board/board-page.js"))
    assert "shared/store.js" in listed and "board/board-cards.js" in listed
    assert '<script type="module" src="/static/js/board/board-page.js?v=' in html
    for name in listed:
        with client.get(f"/static/js/{name}") as response:
            assert response.status_code == 200, name


def test_a_page_folder_holds_only_its_page_modules_and_shared_the_rest():
    """static/js/<page>/ holds the modules of the pages whose entry is in it;
    shared/ those that more than one page loads. A newcomer finds a page's
    code by its folder."""
    folders: dict[str, set[str]] = {}  # module -> folders of the entries that load it
    templates: dict[str, set[str]] = {}  # module -> templates that load it
    for entry, pages in page_scripts().items():
        for name in (entry, *preloads(str(JS), entry)):
            folders.setdefault(name, set()).add(entry.split("/")[0])
            templates.setdefault(name, set()).update(pages)
    for name in import_graph(str(JS)):
        folder = name.split("/")[0]
        if folder == "shared":
            assert len(templates.get(name, ())) > 1, (name, templates.get(name))
        else:
            assert folders.get(name) == {folder}, (name, folders.get(name))


def test_no_script_is_long():
    """One concern a file: none much over 300 lines."""
    long = {
        p.relative_to(JS).as_posix(): n
        for p in SCRIPTS
        if (n := len(p.read_text().splitlines())) > 300
    }
    assert long == {}


def test_the_checker_catches_newer_syntax(tmp_path):
    newer = tmp_path / "newer.js"
    newer.write_text("class A { #secret = 1; static { } }\nconst x = a ??= 1;\n")
    assert len(check([(newer, "module")])) == 1
