"""An installed Urai, as a facilitator's laptop gets it: `make dist`'s wheel in a
clean virtual environment outside the checkout, `urai` started from an empty
folder, a phone joining and posting a card through the real pages.

The wheel is installed into the new environment by itself (`--no-deps`); its
dependencies come from this test run's own environment through a .pth file
added afterwards, so the test needs neither the network nor minutes of
downloads, and checks in `requirements_met` that the wheel asks for nothing
that environment lacks. Neither the checkout nor its folders are on the
installed program's path: the pages, scripts, fonts, socket.io client and
translations it serves all come from the wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
import requests
from playwright.sync_api import Browser, expect

from tests.e2e.helpers import PHONE, PROJECTOR, choose_phase, join, open_steering
from tests.live import ROOT, free_port, key_session, socket_client

pytestmark = pytest.mark.e2e

SECTOR = "Administrasi Kependudukan"
POSTED = "Antrean KTP-el di kecamatan panjang karena blangko sering habis"
TYPED = "Blangko KTP-el habis, antrean di kecamatan panjang"
FONT_LOADED = """document.fonts.ready.then(() => [...document.fonts].some(
    f => f.family.replace(/["']/g, '') === 'Noto Sans Variable' && f.status === 'loaded'))"""


@dataclass
class Installed:
    venv: Path
    package: Path  # site-packages of the new environment
    home: Path  # the user's home: the data folder is under it
    start: Path  # the empty folder urai is started from
    env: dict[str, str]

    @property
    def urai(self) -> Path:
        scripts = "Scripts" if os.name == "nt" else "bin"
        return self.venv / scripts / ("urai.exe" if os.name == "nt" else "urai")

    @property
    def python(self) -> Path:
        return self.venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")

    def run(self, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
        """`urai ARGS` in the start folder, with WORKSHOP_* `settings`."""
        return subprocess.run(
            [str(self.urai), *args],
            cwd=self.start,
            env={**self.env, **{f"WORKSHOP_{n}": v for n, v in settings.items()}},
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )

    def files(self) -> dict[str, tuple[int, int]]:
        """Every file of the installed program, with its size and modification time."""
        found = {}
        for top in (self.package / "workshop", self.package / "urai.py"):
            for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
                if path.is_file():
                    stat = path.stat()
                    found[str(path.relative_to(self.package))] = (stat.st_size, stat.st_mtime_ns)
        return found


def build_wheel(target: Path) -> Path:
    """What `make dist` runs."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", target, "."],
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    (wheel,) = target.glob("urai-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    folder = tmp_path_factory.mktemp("installed")
    wheel = build_wheel(folder / "dist")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip = [sys.executable, "-m", "pip", "--python", python]
    subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", "--no-index", wheel],
        check=True,
        timeout=300,
    )
    query = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    package = Path(subprocess.check_output([python, "-c", query], text=True).strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (package / "zz_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    home, start = folder / "home", folder / "start"
    home.mkdir()
    start.mkdir()
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("WORKSHOP_", "XDG_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(HOME=str(home), USERPROFILE=str(home), PYTHONUNBUFFERED="1")
    env["PATH"] = os.pathsep.join([str(python.parent), env.get("PATH", "")])
    yield Installed(venv, package, home, start, env)


def test_the_wheel_asks_only_for_what_is_installed_and_imports_from_its_own_folder(installed):
    check = """
import importlib.metadata as m, importlib.util as u, json
from packaging.requirements import Requirement
missing = []
for line in m.requires("urai"):
    need = Requirement(line)
    if need.marker is not None and not need.marker.evaluate({"extra": ""}):
        continue
    try:
        if not need.specifier.contains(m.version(need.name), prereleases=True):
            missing.append(line)
    except m.PackageNotFoundError:
        missing.append(line)
where = {name: u.find_spec(name).origin for name in ("workshop", "urai")}
print(json.dumps({"missing": missing, **where}))
"""
    result = subprocess.run(
        [installed.python, "-c", check],
        cwd=installed.start,
        env=installed.env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout)
    assert found["missing"] == []
    for module in ("workshop", "urai"):
        assert Path(found[module]).is_relative_to(installed.package), found
    version = subprocess.run(
        [installed.python, "-m", "urai", "--version"],
        cwd=installed.start,
        env=installed.env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0.1.0" in version.stdout


def test_the_wheel_holds_every_page_script_style_font_and_translation_of_the_checkout(installed):
    package = installed.package / "workshop"
    for folder in ("templates", "static"):
        ours = sorted(p.relative_to(ROOT / folder) for p in (ROOT / folder).rglob("*"))
        theirs = sorted(p.relative_to(package / folder) for p in (package / folder).rglob("*"))
        assert theirs == ours, folder
    for name in ("socket.io.min.js", "fonts/noto-sans.css"):
        assert (package / "static" / "vendor" / name).read_bytes() == (
            ROOT / "static" / "vendor" / name
        ).read_bytes()
    for language in ("id", "en"):
        assert (package / "translations" / language / "LC_MESSAGES" / "messages.mo").is_file()


def test_urai_from_an_empty_folder_serves_a_phone_and_keeps_its_data_in_the_data_folder(
    installed: Installed, browser: Browser
):
    before = installed.files()
    port = free_port()
    installed.env["WORKSHOP_HOST"] = "127.0.0.1"
    links = json.loads(
        installed.run(
            "create", "--title", "Bimtek di laptop", "--json", PUBLIC_URL=f"http://127.0.0.1:{port}"
        ).stdout
    )

    log = installed.start.parent / "urai.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [installed.urai, "--port", str(port)],
            cwd=installed.start,
            env=installed.env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    children: list[psutil.Process] = []
    try:
        wait_for_page(f"http://127.0.0.1:{port}/", server, log)
        printed = log.read_text(encoding="utf-8")
        assert "Urai siap / Urai is running" in printed
        assert f"http://127.0.0.1:{port}/" in printed and "█" in printed
        children = psutil.Process(server.pid).children(recursive=True)
        assert children, "the similar-cards child process"
        similar_cards_ready(f"http://127.0.0.1:{port}", links)
        phone_posts_and_sees_similar_cards(browser, links)
    finally:
        server.terminate()
        server.wait(timeout=20)
        psutil.wait_procs(children, timeout=10)

    said = log.read_text(encoding="utf-8")
    assert "Traceback" not in said and "Warning" not in said, said
    assert list(installed.start.iterdir()) == []
    assert installed.files() == before, "nothing is written into the installed program"
    data = installed.home / ".local" / "share" / "urai"
    if sys.platform == "linux":
        assert (data / "urai.sqlite3").is_file() and (data / "secret_key").is_file()


def wait_for_page(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(encoding="utf-8")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.1)
    raise AssertionError(f"urai did not answer:\n{log.read_text(encoding='utf-8')}")


def similar_cards_ready(url: str, links: dict[str, str]) -> None:
    """Once the similar-cards child has answered a first query (its imports take
    seconds of CPU, more on a busy machine than a page waits), as the e2e
    tests' `similar_server`."""
    boss = socket_client(url, key_session(links["facilitator_url"]), links["code"])
    try:
        sector = boss.call("sync", {}, timeout=30)["snapshot"]["workshop"]["sectors"][0]
        query = {"sector_id": sector["id"], "kind": "bottleneck", "text": "antrean"}
        assert boss.call("card:similar", query, timeout=120)["ok"]
    finally:
        boss.disconnect()


def phone_posts_and_sees_similar_cards(browser: Browser, links: dict[str, str]) -> None:
    """The facilitator opens the bottleneck phase; a phone joins (the form in
    Indonesian: the compiled translations), posts a card over the socket (the
    vendored socket.io client), and, typing a second one like it, is offered
    the first (the similar-cards child of the installed program)."""
    laptop = browser.new_context(**PROJECTOR)
    phone = browser.new_context(**PHONE)
    try:
        steering = open_steering(laptop, links["facilitator_url"])
        choose_phase(steering, "Identifikasi sumbatan")
        page = phone.new_page()
        join(page, links["join_url"], "Andi", "Disdukcapil", SECTOR)
        assert page.evaluate(FONT_LOADED), "the vendored typeface"
        page.locator("#post-text").fill(POSTED)
        page.get_by_role("button", name="Kirim sumbatan").click()
        card = page.locator("article.card:not(.pending)")
        expect(card.locator(".card-text")).to_have_text(POSTED)
        expect(steering.locator("li.card", has_text=POSTED)).to_have_count(1)

        page.locator("#post-text").fill(TYPED)
        offer = page.locator("#post-form .similar-offer .similar-item").first
        expect(offer.locator(".similar-text")).to_have_text(POSTED, timeout=30_000)
    finally:
        laptop.close()
        phone.close()
