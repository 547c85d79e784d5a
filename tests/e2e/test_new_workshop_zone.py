"""A new workshop's time zone starts at the laptop's: WITA on a laptop in Makassar."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from .helpers import LAPTOP


@pytest.mark.parametrize(
    ("laptop_zone", "chosen"),
    [
        ("Asia/Makassar", "Asia/Makassar"),
        ("Asia/Jayapura", "Asia/Jayapura"),
        ("UTC", "Asia/Jakarta"),
    ],
)
def test_the_new_workshop_form_picks_the_laptops_zone(
    live_server, browser: Browser, laptop_zone, chosen
):
    context = browser.new_context(**{**LAPTOP, "timezone_id": laptop_zone})
    try:
        page = context.new_page()
        page.goto(live_server.url + "/new")
        expect(page.locator("#time_zone")).to_have_value(chosen)
        if laptop_zone != "Asia/Makassar":
            return
        page.locator("#title").fill("Bimtek zona")
        page.get_by_role("button", name=re.compile("Buat")).click()
        expect(page.locator("#links-h")).to_be_visible()
        page.goto(page.url)  # the details form, in the setup tab
        expect(page.locator("#time_zone")).to_have_value("Asia/Makassar")
    finally:
        context.close()
