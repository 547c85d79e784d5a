"""Every page renders in both languages; errors are friendly; headers are safe."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def everyone(make_workshop, facilitator, presenter, phone):
    ws = make_workshop()
    return ws, facilitator(ws), presenter(ws), phone(ws)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_renders_in_both_languages(everyone, client, lang):
    ws, laptop, projector, mobile = everyone
    pages = [
        (client, "/"),
        (client, "/new"),
        (client, f"/j/{ws.code}"),
        (mobile, f"/w/{ws.code}/board"),
        (laptop, f"/w/{ws.code}/facilitator"),
        (projector, f"/w/{ws.code}/present"),
    ]
    for browser, path in pages:
        response = browser.get(f"{path}?lang={lang}")
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert f'<html lang="{lang}">' in html, path


def test_indonesian_is_the_default_and_english_follows_the_browser(client):
    assert "Gabung ke lokakarya" in client.get("/").get_data(as_text=True)
    english = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Join a workshop" in english.get_data(as_text=True)


def test_the_language_switch_sticks(client):
    client.get("/?lang=en")
    assert "Join a workshop" in client.get("/").get_data(as_text=True)


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_pages_have_no_inline_script(everyone):
    ws, laptop, _projector, mobile = everyone
    for browser, path in ((laptop, f"/w/{ws.code}/facilitator"), (mobile, f"/w/{ws.code}/board")):
        html = browser.get(path).get_data(as_text=True)
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, tag


def test_unknown_pages_and_workshops_get_a_friendly_404(client):
    for path in ("/nope", "/j/AAAAAA", "/w/AAAAAA/board", "/w/AAAAAA/present", "/k/not-a-key"):
        response = client.get(path)
        assert response.status_code == 404, path
        html = response.get_data(as_text=True)
        assert "Traceback" not in html and "<h1>" in html


def test_the_qr_code_is_an_svg_of_the_join_address(make_workshop, client):
    ws = make_workshop()
    response = client.get(f"/w/{ws.code}/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert svg.startswith("<svg") and "viewBox" in svg


def test_typing_a_code_on_the_home_page_leads_to_the_join_form(make_workshop, client):
    ws = make_workshop()
    response = client.post("/join", data={"code": ws.code.lower()})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/j/{ws.code}")
    wrong = client.post("/join", data={"code": "AAAAAA"})
    assert wrong.status_code == 404
    assert "Tidak ada lokakarya" in wrong.get_data(as_text=True)


def test_the_board_sends_a_stranger_to_the_join_form(make_workshop, client):
    ws = make_workshop()
    response = client.get(f"/w/{ws.code}/board")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{ws.code}")


def test_creating_a_workshop_makes_this_browser_its_facilitator(client):
    response = client.post("/new", data={"title": "Bimtek Kab. Gowa", "date": "2026-12-01"})
    assert response.status_code == 303
    dashboard = client.get(response.headers["Location"])
    html = dashboard.get_data(as_text=True)
    assert dashboard.status_code == 200
    assert "Bimtek Kab. Gowa" in html
    links = re.findall(r'value="(http://[^"]+/k/[^"]+)"', html)
    assert len(links) == 2, "the secret links are shown once, right after creation"
    again = client.get(response.headers["Location"]).get_data(as_text=True)
    assert not re.findall(r'value="(http://[^"]+/k/[^"]+)"', again)


def test_creating_without_a_title_shows_the_error_on_the_form(client):
    response = client.post("/new", data={"title": "  "})
    assert response.status_code == 400
    assert "wajib diisi" in response.get_data(as_text=True).lower()


def test_the_join_address_uses_the_public_url(everyone):
    ws, laptop, _projector, _mobile = everyone
    html = laptop.get(f"/w/{ws.code}/facilitator").get_data(as_text=True)
    assert f'value="http://urai.test/j/{ws.code}"' in html


@pytest.mark.parametrize(
    ("lang", "said"),
    [("id", "30 November \u2013 1 Desember 2026"), ("en", "30 November \u2013 1 December 2026")],
)
def test_the_cockpit_and_the_report_page_name_every_day_of_the_bimtek(
    app, make_workshop, facilitator, lang, said
):
    """A two-day Bimtek reads as its two days on the facilitator's page and the
    report page, not as its first day only."""
    import datetime as dt

    from workshop.core.models import Workshop
    from workshop.extensions import db

    ws = make_workshop(date=dt.date(2026, 11, 30))
    with app.app_context():
        db.session.get(Workshop, ws.id).days = 2
        db.session.commit()
    laptop = facilitator(ws)
    cockpit = laptop.get(f"/w/{ws.code}/facilitator?lang={lang}").get_data(as_text=True)
    assert said in cockpit
    # The report is written in the workshop's language, whatever the page's.
    report = laptop.get(f"/w/{ws.code}/export/html?lang={lang}").get_data(as_text=True)
    assert "30 November \u2013 1 Desember 2026" in report
