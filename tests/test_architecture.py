"""The layers of docs/ARCHITECTURE.md, checked on the source: imports point one way.

Core (the workshop's tables, codes, lookups, errors, validation, identity)
imports no feature; the plumbing (real time, HTTP helpers) imports only the
core; features import the core, the plumbing and features below them, never
in a circle; what assembles many features (the snapshot, the CLI, the app
factory, the demo) sits on top. No module imports the project inside a
function to dodge a cycle.

Run on another checkout to count its upward imports:
    python tests/test_architecture.py /path/to/checkout
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CORE, PLUMBING, FEATURE, ASSEMBLY = 0, 1, 2, 3
NAMES = {CORE: "core", PLUMBING: "plumbing", FEATURE: "feature", ASSEMBLY: "assembly"}

# Module prefixes by layer; the longest prefix that matches wins.
LAYERS: dict[str, int] = {
    "workshop.core": CORE,
    "workshop.extensions": CORE,
    "workshop.config": CORE,
    "workshop.dbwrites": CORE,
    "workshop.ratelimit": CORE,
    "workshop.i18n": CORE,
    "workshop.netinfo": CORE,
    "workshop.assets": CORE,
    "workshop.migrations": CORE,
    "workshop.realtime": PLUMBING,
    "workshop.web": PLUMBING,
    "workshop.state": ASSEMBLY,
    "workshop.demo": ASSEMBLY,
    "workshop.cli": ASSEMBLY,
    "workshop.configure": ASSEMBLY,
    "workshop.server": ASSEMBLY,
    "workshop.models": ASSEMBLY,
    "workshop": ASSEMBLY,  # the package itself: the app factory
}
# Modules of the tree before the layers were drawn (issue 11), so that the
# same check can count that tree's upward imports.
LEGACY: dict[str, int] = {
    "workshop.errors": CORE,
    "workshop.validation": CORE,
    "workshop.timeutil": CORE,
    "workshop.access": CORE,
    "workshop.workshops.models": CORE,
    "workshop.workshops.codes": CORE,
    "workshop.workshops.sectors": CORE,
}
FEATURES = (
    "assessments",
    "attendance",
    "boards",
    "causes",
    "exports",
    "facilitation",
    "followup",
    "moderation",
    "participants",
    "plans",
    "polls",
    "presenter",
    "proposals",
    "questions",
    "scoring",
    "similar",
    "voting",
    "workshops",
)


def layer_of(module: str) -> int:
    if module.startswith("workshop.") and module.split(".")[1] in FEATURES:
        best = FEATURE
        for prefix, layer in LEGACY.items():
            if module == prefix or module.startswith(prefix + "."):
                best = layer
        return best
    table = {**LAYERS, **LEGACY}
    matches = [p for p in table if module == p or module.startswith(p + ".")]
    return table[max(matches, key=len)] if matches else ASSEMBLY


def feature_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FEATURES else None


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level:
        base = base[: len(base) - (node.level - 1)]
        target = ".".join([*base, node.module] if node.module else base)
    else:
        target = node.module or ""
    if not target.startswith("workshop"):
        return []
    # `from . import a, b` names submodules; `from .x import y` names x.
    if node.module is None:
        return [f"{target}.{alias.name}" for alias in node.names]
    return [target]


def imports(root: Path) -> list[tuple[str, str, int, bool]]:
    """Every import of the project: (importer, imported, line, inside a function)."""
    found = []
    for path in sorted((root / "workshop").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = module_name(root, path)
        tree = ast.parse(path.read_text(), str(path))
        functions = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        nested = {id(inner) for fn in functions for inner in ast.walk(fn) if inner is not fn}
        type_only = {
            id(inner)
            for n in ast.walk(tree)
            if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)
            for inner in ast.walk(n)
        }
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue
            if isinstance(node, ast.ImportFrom):
                targets = _resolve(module, path.name == "__init__.py", node)
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("workshop")]
            else:
                continue
            for target in targets:
                found.append((module, target, node.lineno, id(node) in nested))
    return found


def violations(root: Path) -> list[str]:
    """Imports that run upward, imports inside functions, and cycles between features."""
    problems = []
    edges: dict[str, set[str]] = defaultdict(set)
    for importer, imported, line, in_function in imports(root):
        where = f"{importer}:{line} -> {imported}"
        if in_function:
            problems.append(f"inside a function: {where}")
        low, high = layer_of(importer), layer_of(imported)
        if high > low:
            problems.append(f"upward ({NAMES[low]} -> {NAMES[high]}): {where}")
        a, b = feature_of(importer), feature_of(imported)
        if a and b and a != b and low == high == FEATURE:
            edges[a].add(b)
    for cycle in _cycles(edges):
        problems.append("features in a circle: " + " -> ".join(cycle))
    return problems


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    cycles: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                key = frozenset(path)
                if key not in seen:
                    seen.add(key)
                    cycles.append([*path, start])
            elif nxt not in path and nxt > start:
                walk(start, nxt, [*path, nxt])

    for start in sorted(edges):
        walk(start, start, [start])
    return cycles


def test_imports_point_one_way() -> None:
    assert violations(ROOT) == []


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The check itself can fail: a core module importing a feature is caught."""
    core = tmp_path / "workshop" / "core"
    feature = tmp_path / "workshop" / "voting"
    core.mkdir(parents=True)
    feature.mkdir()
    for folder in (tmp_path / "workshop", core, feature):
        (folder / "__init__.py").write_text("")
    (core / "models.py").write_text("from ..voting.services import tally\n")
    (feature / "services.py").write_text(
        "from ..core.models import x\n\ndef f():\n    from ..boards import y\n"
    )
    (tmp_path / "workshop" / "boards").mkdir()
    (tmp_path / "workshop" / "boards" / "__init__.py").write_text("from ..voting import z\n")
    found = violations(tmp_path)
    assert any(p.startswith("upward (core -> feature): workshop.core.models") for p in found)
    assert any(p.startswith("inside a function: workshop.voting.services") for p in found)
    assert any(p.startswith("features in a circle") for p in found)


if __name__ == "__main__":
    checkout = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    listed = violations(checkout)
    print("\n".join(listed))
    kinds = defaultdict(int)
    for item in listed:
        kinds[item.split(":")[0]] += 1
    print(dict(kinds), "total", len(listed))
