"""The wheel's build step (everything else is in pyproject.toml).

A checkout keeps templates/ and static/ beside the `workshop` package, the
translations as .po files and the browser's dependencies in node_modules (the
user chose that layout). An installed Urai has only its package, so building
the wheel puts into it, in the build folder (never into the checkout):

- templates/ and static/ as workshop/templates and workshop/static;
- static/vendor: the socket.io client and the typeface, from node_modules
  (pinned by package-lock.json), as `make install` copies them for a checkout;
- the compiled translations (.mo), from the .po catalogues.

The app factory looks for templates and static inside the package first
(workshop/config.py: `shipped`). An editable install (`pip install -e .`,
what make install does) keeps using the checkout's folders, untouched.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
NPM = HERE / "node_modules"
CLIENT = NPM / "socket.io-client" / "dist" / "socket.io.min.js"
# The other browser packages the pages load, from npm as the Makefile copies them.
SCRIPTS = (CLIENT, NPM / "signature_pad" / "dist" / "signature_pad.umd.min.js")
FONTS = NPM / "@fontsource-variable" / "noto-sans"


class BuildWithAssets(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "workshop"
        for stale in ("templates", "static"):  # a file deleted since the last build
            shutil.rmtree(package / stale, ignore_errors=True)
        shutil.copytree(HERE / "templates", package / "templates", dirs_exist_ok=True)
        static = package / "static"
        shutil.copytree(
            HERE / "static", static, dirs_exist_ok=True, ignore=shutil.ignore_patterns("vendor")
        )
        vendor(static / "vendor")
        compile_translations(HERE / "workshop" / "translations", package / "translations")


def vendor(target: Path) -> None:
    """The browser scripts and the typeface, from npm's folder when there is one,
    else from a checkout's static/vendor (made by make install from it)."""
    if all(script.is_file() for script in SCRIPTS) and FONTS.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        for script in SCRIPTS:
            shutil.copyfile(script, target / script.name)
        fonts = _tool("vendor_fonts")
        fonts.main(FONTS, target / "fonts")
        return
    made = HERE / "static" / "vendor"
    if not all((made / s.name).is_file() for s in SCRIPTS) or not (made / "fonts").is_dir():
        raise SystemExit(
            "No socket.io client nor typeface to put in the wheel: run `npm ci` "
            "(or `make install`) first, then build again (make dist)."
        )
    shutil.copytree(made, target, dirs_exist_ok=True)


def compile_translations(source: Path, target: Path) -> None:
    """Every catalogue's messages.po as messages.mo, fuzzy entries included as
    make's `pybabel compile --use-fuzzy` does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(source.glob("*/LC_MESSAGES/messages.po")):
        out = target / po.relative_to(source).with_suffix(".mo")
        out.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        with out.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=True)


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, HERE / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


setup(cmdclass={"build_py": BuildWithAssets})
