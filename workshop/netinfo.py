"""The addresses phones can reach this laptop at."""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Mapping, Sequence
from typing import Any

import psutil
from flask import Flask, has_request_context, request

# Adapters of virtual machines, containers and VPNs, which phones on the room's
# Wi-Fi cannot reach: listed after the others. Windows: "vEthernet (WSL)",
# "VirtualBox Host-Only Network", "VMware Network Adapter VMnet8"; macOS: utun*
# (VPN), awdl*/llw* (AirDrop); Linux: docker0, veth*, br-*, virbr*.
VIRTUAL = re.compile(
    r"vethernet|virtualbox|vmware|vmnet|hyper-v|wsl|docker|tailscale|zerotier|"
    r"^veth|^br-|^virbr|^utun|^awdl|^llw|^zt",
    re.IGNORECASE,
)
# Any address beyond this machine: only a route is looked up, nothing is sent.
_ROUTE_PROBE = ("192.0.2.1", 9)


def lan_addresses() -> list[str]:
    """IPv4 addresses phones can use to reach this machine, the likeliest first.

    psutil lists the adapters on Linux, Windows and macOS alike; adapters that
    are down, loopback and link-local (169.254.x.x, a Wi-Fi with no DHCP) are
    left out.
    """
    return ranked(psutil.net_if_addrs(), psutil.net_if_stats(), route_address())


def ranked(
    adapters: Mapping[str, Sequence[Any]], stats: Mapping[str, Any], preferred: str | None
) -> list[str]:
    """The usable addresses of `adapters` (as psutil.net_if_addrs gives them):
    real adapters before virtual ones; among them the address of the default
    route (`preferred`), then private before public."""
    virtual: dict[str, bool] = {}
    for name, addresses in adapters.items():
        if name in stats and not stats[name].isup:
            continue
        for address in addresses:
            if address.family != socket.AF_INET:
                continue
            ip = ipaddress.ip_address(address.address)
            if ip.is_loopback or ip.is_link_local or ip.is_unspecified:
                continue
            virtual[str(ip)] = virtual.get(str(ip), True) and bool(VIRTUAL.search(name))
    return sorted(
        virtual,
        key=lambda a: (virtual[a], a != preferred, not ipaddress.ip_address(a).is_private, a),
    )


def route_address() -> str | None:
    """The address this machine sends from by its default route; None without one
    (a laptop whose hotspot has no uplink)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_ROUTE_PROBE)
            return str(probe.getsockname()[0])
    except OSError:
        return None


def _is_local_host(host: str) -> bool:
    name = host.rsplit(":", 1)[0].strip("[]") if host.count(":") <= 1 else host.strip("[]")
    if name in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def public_base_url(app: Flask) -> str:
    """The base URL to print and to put in QR codes, one phones can open.

    `WORKSHOP_PUBLIC_URL` wins. A page opened on the laptop as localhost would
    give phones an address that points at themselves, so then the first LAN
    address is used instead.
    """
    configured = app.config.get("PUBLIC_URL")
    if configured:
        return str(configured).rstrip("/")
    if has_request_context() and not _is_local_host(request.host):
        return request.host_url.rstrip("/")
    port = int(app.config.get("PORT", 5000))
    lan = lan_addresses()
    host = lan[0] if lan else "127.0.0.1"
    return f"http://{host}:{port}"
