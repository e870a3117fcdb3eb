"""First paint: from ``streamlit run`` to the headline metric visible in headless Chromium.

The browser is launched before the clock starts; the clock starts when the
server process is spawned and stops when the metric's value is visible. The
bare page (bench/bare_page.py) is measured the same way, alternately.
Goal: within 1.5× the bare page.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from .report import Figure, ms
from .server import APP, BARE, launch_kwargs, streamlit_server

GOAL = 1.5
HEADLINE = "Monthly spend"
BARE_METRIC = "Bare metric"
TIMEOUT_MS = 90_000
VISIBLE_JS = """(label) => {
  const want = label.toLowerCase();
  return [...document.querySelectorAll('[data-testid="stMetric"]')].some((m) =>
    m.textContent.toLowerCase().includes(want) &&
    [...m.querySelectorAll('[data-testid="stMetricValue"]')].some((v) => {
      const r = v.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(v).visibility !== "hidden";
    }));
}"""
"""True once a metric whose text includes ``label`` shows a value with a box (Playwright's "visible")."""


def paint_time(browser, script: Path, label: str, log_dir: Path) -> float:
    with streamlit_server(script, log_dir=log_dir, wait=False) as server:
        server.wait_healthy(poll_s=0.01)
        ctx = browser.new_context()
        try:
            page = ctx.new_page()
            page.goto(server.url + "/", timeout=TIMEOUT_MS)
            # Checked in the page on every animation frame: Playwright's locator.wait_for() polls
            # with a back-off that reaches 500 ms, which added 0.2-0.45 s (at random) to each figure.
            page.wait_for_function(VISIBLE_JS, arg=label, polling="raf", timeout=TIMEOUT_MS)
            done = time.perf_counter()
        finally:
            ctx.close()
        return done - server.started


def measure(rounds: int = 3, log_dir: Path = Path("/tmp")) -> list[Figure]:
    if not APP.exists():
        return [Figure("first paint", "—", "—", None, f"≤ {GOAL:g}×", None, note="app.py is not in the repo")]
    apps, bares = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_kwargs())
        try:
            paint_time(browser, BARE, BARE_METRIC, log_dir)  # warm the OS file cache for both
            paint_time(browser, APP, HEADLINE, log_dir)
            for i in range(rounds):
                order = [(APP, HEADLINE, apps), (BARE, BARE_METRIC, bares)]
                for script, label, acc in order if i % 2 == 0 else order[::-1]:
                    acc.append(paint_time(browser, script, label, log_dir))
        finally:
            browser.close()
    app, bare = statistics.median(apps), statistics.median(bares)
    r = app / bare
    return [Figure("first paint (Estimate headline)", ms(app), ms(bare), r, f"≤ {GOAL:g}×", r <= GOAL,
                   note=f"median of {rounds}; app {', '.join(ms(x) for x in apps)}; bare {', '.join(ms(x) for x in bares)}")]


if __name__ == "__main__":
    from .report import table

    print(table(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 3)))
