"""Memory: server resident memory with 1 and with 20 concurrent browser sessions.

One Chromium, one context per session, all on 127.0.0.1. RSS of the server
process (and any children) is read with psutil after the sessions have loaded
and settled. Per extra session = (RSS with 20 − RSS with 1) / 19. The bare page
is measured the same way as the baseline. Goal: under 5 MB per extra session.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import psutil

from .report import Figure
from .server import APP, BARE, launch_kwargs, streamlit_server
from .sessions import LOADING_AT_ONCE, open_session

GOAL_MB = 5.0
SESSIONS = 20
SETTLE_S = 3.0


def rss_mb(pid: int) -> float:
    proc = psutil.Process(pid)
    procs = [proc, *proc.children(recursive=True)]
    return sum(p.memory_info().rss for p in procs) / 2**20


async def _measure(script: Path, metric: str, sessions: int, log_dir: Path) -> tuple[float, float]:
    from playwright.async_api import async_playwright

    with streamlit_server(script, log_dir=log_dir) as server:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**launch_kwargs())
            try:
                first = await open_session(browser, server.url, 0, metric=metric)
                await asyncio.sleep(SETTLE_S)
                one = rss_mb(server.proc.pid)
                gate = asyncio.Semaphore(LOADING_AT_ONCE)
                await asyncio.gather(*(open_session(browser, server.url, k, gate, metric=metric) for k in range(1, sessions)))
                await asyncio.sleep(SETTLE_S)
                many = rss_mb(server.proc.pid)
                del first
            finally:
                await browser.close()
    return one, many


def measure(sessions: int = SESSIONS, log_dir: Path = Path("/tmp")) -> list[Figure]:
    if not APP.exists():
        return [Figure("memory per extra session", "—", "—", None, f"< {GOAL_MB:g} MB", None, note="app.py is not in the repo")]
    b1, bn = asyncio.run(_measure(BARE, "Bare metric", sessions, log_dir))
    a1, an = asyncio.run(_measure(APP, "Monthly spend", sessions, log_dir))
    extra = sessions - 1
    app_per, bare_per = (an - a1) / extra, (bn - b1) / extra
    ratio = app_per / bare_per if bare_per > 0.05 else None
    return [
        Figure(f"memory per extra session (1→{sessions})", f"{app_per:.2f} MB", f"{bare_per:.2f} MB", ratio,
               f"< {GOAL_MB:g} MB", app_per < GOAL_MB,
               note=f"server RSS app {a1:.0f}→{an:.0f} MB, bare {b1:.0f}→{bn:.0f} MB"),
    ]


if __name__ == "__main__":
    from .report import table

    print(table(measure(int(sys.argv[1]) if len(sys.argv) > 1 else SESSIONS)))
