"""Copy the pages' typeface from its npm package into static/vendor/fonts.

    python tools/vendor_fonts.py node_modules/@fontsource-variable/noto-sans static/vendor/fonts

Keeps the package's own @font-face rules for the Latin and Latin Extended
subsets (the browser downloads a subset only when the page shows one of its
characters), copies their WOFF2 files beside the stylesheet, and gives each
URL the same `?v=<hash>` fingerprint `url_for('static', ...)` gives, so that
the files are cached for good like every other static file (workshop/assets.py).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
from pathlib import Path

SUBSETS = ("latin", "latin-ext")
STYLESHEET = "noto-sans.css"


def rules(css: str) -> dict[str, str]:
    """The package's @font-face rules by the subset their comment names."""
    found = re.findall(r"/\* ([\w-]+) \*/\s*(@font-face\s*{[^}]*})", css)
    return {name: rule for name, rule in found}


def main(package: Path, target: Path) -> None:
    by_name = rules((package / "wght.css").read_text(encoding="utf-8"))
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for subset in SUBSETS:
        name = f"noto-sans-{subset}-wght-normal"
        rule = by_name[name]
        source = package / "files" / f"{name}.woff2"
        shutil.copyfile(source, target / source.name)
        version = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
        out.append(rule.replace(f"./files/{source.name}", f"{source.name}?v={version}"))
    (target / STYLESHEET).write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
