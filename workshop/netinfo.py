"""The addresses phones can reach this laptop at."""

from __future__ import annotations

import ipaddress
import socket

import psutil
from flask import Flask, has_request_context, request


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine other than loopback and link-local, private first."""
    found: set[str] = set()
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            if address.family != socket.AF_INET:
                continue
            ip = ipaddress.ip_address(address.address)
            if ip.is_loopback or ip.is_link_local or ip.is_unspecified:
                continue
            found.add(str(ip))
    return sorted(found, key=lambda a: (not ipaddress.ip_address(a).is_private, a))


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
