"""The real app in headless Chromium: links, every page, CSV download, screenshots."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from browser_helpers import ERRORS, expect_metric, metric_text, open_app, users_input, wait_idle
from playwright.sync_api import expect

import byo_core as b
from byo_core.currency import USD

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "estimate": "",
    "spend": "spend",
    "capacity": "capacity",
    "how_it_works": "how_it_works",
}
MY_PAGES = set(PAGES)
for extra in ("validate_key", "compare"):
    if (ROOT / "pages" / f"{extra}.py").exists():
        PAGES[extra] = extra


def test_deep_link_to_a_fresh_server_gets_the_apps_navigation(server, new_page):
    # First test of the session on purpose: nobody has opened "/" on this server yet.
    page = open_app(new_page(), f"{server}/capacity?users=20000")
    expect(page.get_by_test_id("stTopNavLink")).to_have_count(len(PAGES))
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect_metric(page, "TPM (gpt-4)", "500,000")


def test_link_users_20000_shows_published_quota(server, new_page):
    page = open_app(new_page(), f"{server}/?users=20000")
    expect_metric(page, "RPM (gpt-4)", "3,000")
    expect_metric(page, "TPM (gpt-4)", "500,000")
    expect(page.locator(ERRORS)).to_have_count(0)
    # The address bar now carries every input, so it can be copied as is.
    query = parse_qs(urlparse(page.url).query)
    assert query["users"] == ["20000"] and query["basis"] == ["published"]


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_opens_without_an_error(server, new_page, screenshots, name):
    page = open_app(new_page(height=2800), f"{server}/{PAGES[name]}?users=8000")
    expect(page.locator(ERRORS)).to_have_count(0)
    expect(page.get_by_test_id("stTopNavLink")).to_have_count(len(PAGES))
    if name in MY_PAGES:  # the planner pages draw the shared inputs in the sidebar
        expect(users_input(page)).to_have_value("8000")
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("name", ["spend", "capacity"])
def test_dark_theme_pages_render(server, new_page, screenshots, name):
    page = open_app(new_page(color_scheme="dark", height=2800), f"{server}/{PAGES[name]}?users=8000")
    expect(page.locator(ERRORS)).to_have_count(0)
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    page.screenshot(path=str(screenshots / f"{name}-dark.png"), full_page=True)


def test_invalid_link_value_warns_and_falls_back(server, new_page, screenshots):
    page = open_app(new_page(), f"{server}/capacity?users=twenty&basis=linear")
    expect(page.get_by_test_id("stAlertContentWarning").filter(has_text="Link parameter users")).to_be_visible()
    expect_metric(page, "TPM (gpt-4)", "50,000")  # 1,000 users (default) on the linear rule
    expect(page.locator(ERRORS)).to_have_count(0)
    page.screenshot(path=str(screenshots / "link-warning.png"))


def test_downloaded_csv_equals_the_screen(server, new_page):
    page = open_app(new_page(), f"{server}/?users=8000&queries_per_day=3")
    with page.expect_download() as dl:
        page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV").locator("button").click()
    rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    by = {(r["section"], r["item"], r["model"]): r for r in rows}
    screen = {
        ("spend", "monthly spend", ""): metric_text(page, "Monthly spend"),
        ("spend", "annual spend", ""): metric_text(page, "Annual spend"),
        ("spend", "cost per query", ""): metric_text(page, "Cost per query"),
        ("spend", "monthly spend per user", ""): metric_text(page, "Per user per month"),
        ("capacity", "RPM", "gpt-4"): metric_text(page, "RPM (gpt-4)"),
        ("capacity", "TPM", "gpt-4"): metric_text(page, "TPM (gpt-4)"),
    }
    for key, shown in screen.items():
        assert by[key]["shown"] == shown, key
    # The exact values behind them round to what is shown, and match the core.
    est = b.estimate(b.make_inputs(users=8000, queries_per_user_per_day=3))
    assert Decimal(by[("spend", "monthly spend", "")]["value"]) == est.spend.monthly
    assert USD.format(Decimal(by[("spend", "monthly spend", "")]["value"])) == screen[("spend", "monthly spend", "")]
    assert int(by[("capacity", "TPM", "gpt-4")]["value"]) == est.headline_need.tpm
    assert by[("inputs", "users", "")]["value"] == "8000"


def test_typed_input_updates_the_url_and_the_link_reproduces_it(server, new_page):
    page = open_app(new_page(), f"{server}/capacity")
    users = users_input(page)
    users.fill("10000")
    users.press("Enter")
    expect_metric(page, "TPM (gpt-4)", "350,000")
    wait_idle(page)
    link = page.url
    assert parse_qs(urlparse(link).query)["users"] == ["10000"]
    # A colleague opens the copied link in a fresh browser session.
    other = open_app(new_page(), link)
    expect_metric(other, "RPM (gpt-4)", "1,500")
    expect_metric(other, "TPM (gpt-4)", "350,000")
    expect(users_input(other)).to_have_value("10000")


def test_inputs_survive_switching_pages(server, new_page):
    page = open_app(new_page(), f"{server}/?users=5000")
    page.get_by_role("link", name="Spend").first.click()
    wait_idle(page)
    expect(users_input(page)).to_have_value("5000")
    page.get_by_role("link", name="Capacity").first.click()
    wait_idle(page)
    expect_metric(page, "TPM (gpt-4)", "250,000")
