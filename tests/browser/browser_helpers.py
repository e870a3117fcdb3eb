"""Reading the running app from Playwright."""

from __future__ import annotations

from playwright.sync_api import Page, expect

expect.set_options(timeout=60_000)  # a wait ceiling on a shared machine, not a timing assertion

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def wait_idle(page: Page) -> None:
    """Wait until the app's script has run and stopped (Streamlit's own run-state attribute)."""
    page.wait_for_selector(APP_IDLE, state="attached")
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(APP_IDLE, state="attached")


def open_app(page: Page, url: str) -> Page:
    page.goto(url)
    wait_idle(page)
    page.get_by_test_id("stMainBlockContainer").locator("h1").first.wait_for()
    return page


def metric(page: Page, label: str):
    """The value locator of the st.metric whose label is exactly ``label``."""
    box = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
    return box.get_by_test_id("stMetricValue")


def metric_text(page: Page, label: str) -> str:
    return metric(page, label).inner_text().strip()


def expect_metric(page: Page, label: str, value: str) -> None:
    expect(metric(page, label)).to_have_text(value)


def users_input(page: Page):
    """The shared 'Users' number input in the sidebar."""
    return page.get_by_test_id("stSidebar").get_by_role("spinbutton", name="Users", exact=True)
