"""What `make run` prints: the laptop's address, every LAN address, a QR code
of the phones' address, or plainly that there is no network."""

from __future__ import annotations

from workshop import server


def test_the_start_message_lists_addresses_and_draws_a_qr_code(app, capsys, monkeypatch):
    monkeypatch.setattr(server, "lan_addresses", lambda: ["192.168.43.1", "10.0.0.5"])
    app.config["PUBLIC_URL"] = None
    server.announce(app, "0.0.0.0", 5000)
    out = capsys.readouterr().out
    assert "http://127.0.0.1:5000/" in out
    assert "http://192.168.43.1:5000/" in out and "http://10.0.0.5:5000/" in out
    assert "█" in out and "▀" in out, "a QR code drawn in the terminal"


def test_the_start_message_says_when_there_is_no_network(app, capsys, monkeypatch):
    monkeypatch.setattr(server, "lan_addresses", lambda: [])
    app.config["PUBLIC_URL"] = None
    server.announce(app, "0.0.0.0", 5000)
    out = capsys.readouterr().out
    assert "Tidak ada jaringan selain loopback" in out
    assert "No network other than loopback" in out
    assert "█" not in out
