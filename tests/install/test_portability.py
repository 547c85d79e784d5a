"""What the server does the same on Windows and macOS as on Linux, tried here on
Linux by the paths those systems take: the similar-cards child started as a new
interpreter (no fork) from any folder, the LAN addresses of a Windows or a
macOS laptop's adapters (as psutil lists them there), export file names that
Windows accepts, the server's lock on its database."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.live import ROOT
from workshop.core.lookup import find_workshop
from workshop.exports.services import FORMATS, export
from workshop.netinfo import lan_addresses, ranked
from workshop.serverlock import DatabaseLock
from workshop.similar.worker import RemoteIndex, Worker

# Characters Windows refuses in a file name, and its reserved device names.
WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\.|$)", re.IGNORECASE)


# The record types psutil lists adapters with (its own, from this machine's list).
ADDRESS = type(next(a for found in psutil.net_if_addrs().values() for a in found))
STATS = type(next(iter(psutil.net_if_stats().values())))


def ipv4(address: str) -> Any:
    return ADDRESS(socket.AF_INET, address, "255.255.255.0", None, None)


def up(isup: bool = True) -> Any:
    return STATS(isup, 2, 1000, 1500, "")


def test_a_windows_laptop_offers_its_wifi_address_before_virtual_adapters():
    adapters = {
        "vEthernet (WSL)": [ipv4("172.22.160.1")],
        "VirtualBox Host-Only Network": [ipv4("192.168.56.1")],
        "Wi-Fi": [ipv4("192.168.1.23")],
        "Ethernet": [ipv4("10.0.0.5")],  # unplugged: down
        "Local Area Connection* 10": [ipv4("169.254.12.9")],  # no DHCP: link-local
        "Loopback Pseudo-Interface 1": [ipv4("127.0.0.1")],
    }
    stats = {name: up() for name in adapters} | {"Ethernet": up(False)}
    assert ranked(adapters, stats, preferred=None) == [
        "192.168.1.23",
        "172.22.160.1",
        "192.168.56.1",
    ]


def test_a_mac_offers_the_default_routes_address_first_and_its_vpn_last():
    adapters = {
        "lo0": [ipv4("127.0.0.1")],
        "en0": [ipv4("192.168.8.101")],  # Wi-Fi, the default route
        "bridge100": [ipv4("192.168.2.1")],  # Internet Sharing: phones may be here
        "utun4": [ipv4("10.8.0.6")],  # a VPN
    }
    stats = {name: up() for name in adapters}
    assert ranked(adapters, stats, preferred="192.168.8.101") == [
        "192.168.8.101",
        "192.168.2.1",
        "10.8.0.6",
    ]


def test_this_machines_addresses_come_from_its_adapters():
    for address in lan_addresses():
        assert not address.startswith(("127.", "169.254."))


def test_the_similar_cards_child_starts_from_any_folder_without_fork(tmp_path, monkeypatch):
    """A folder named "workshop" where Urai is started (a facilitator's folder of
    workshop files) must not be taken for the program by its child process."""
    decoy = tmp_path / "workshop"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise SystemExit('the start folder was searched')\n")
    monkeypatch.chdir(tmp_path)
    worker = Worker([])
    index = RemoteIndex(worker, "board")
    index.texts = lambda: {1: "antrean KTP-el di dukcapil lama sekali", 2: "jalan desa rusak"}
    try:
        answer = index.similar("antrean KTP-el lama")
        assert worker.pid is not None
    finally:
        worker.stop()
    assert [card for card, _score in answer] == [1]


def test_export_file_names_are_valid_on_windows(app, make_workshop):
    title = 'Bimtek: "Inovasi"? <Pelayanan> | Publik / Kab. Gowa * tahun anggaran 2027 ' * 2
    made = make_workshop(title=title[:150])
    with app.app_context():
        workshop = find_workshop(made.code)
        names = [export(workshop, fmt).filename for fmt in FORMATS]
    for name in names:
        assert not WINDOWS_FORBIDDEN.search(name), name
        assert not WINDOWS_RESERVED.match(name) and not name.endswith((" ", ".")), name
        assert len(name) <= 100, name  # well within 255, and a Downloads path's 260


def test_a_second_server_on_the_same_database_is_refused(tmp_path):
    database = tmp_path / "urai.sqlite3"
    first = DatabaseLock(database)
    assert first.acquire()
    try:
        second = subprocess.run(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env={k: v for k, v in os.environ.items() if not k.startswith("WORKSHOP_")}
            | {"WORKSHOP_INSTANCE_PATH": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        first.release()
    assert second.returncode == 1
    assert "Urai is already running on" in second.stderr
    assert DatabaseLock(database).holder() is None, "the lock went with its holder"


@pytest.mark.skipif(sys.platform == "win32", reason="the pid is unreadable under a Windows lock")
def test_the_lock_file_names_the_server_holding_it(tmp_path):
    lock = DatabaseLock(tmp_path / "urai.sqlite3")
    assert lock.acquire()
    try:
        other = DatabaseLock(tmp_path / "urai.sqlite3")
        assert not other.acquire()
        assert other.holder() == str(os.getpid())
    finally:
        lock.release()
    assert Path(tmp_path / "urai.sqlite3.lock").exists()
