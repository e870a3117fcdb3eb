"""Many browser sessions against one server: the load run and the memory bench.

Each session is its own browser context (own cookies, own websocket, own
Streamlit session). Session k opens ``/?users=<its own value>`` and then types
new values into the shared "Users" input; after each change it waits for the
Estimate page's RPM and TPM to show what byo_core computes for *its* value,
and for the link to carry it. Values are chosen so that no two sessions ever
share a user count or even a 500-user block, so a leaked input or result shows
up as a wrong number. Optionally each session then types its own canary key
on the key-check page and runs the check against a closed loopback port; no
session may ever show another session's key. Loops are bounded by time and
by iterations.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import byo_core as b
from byo_core.currency import USD, format_count

from .server import launch_kwargs

STEP_TIMEOUT_MS = 60_000  # a shared 2-core machine with 20 browsers: generous, never asserted as a speed
LOAD_TIMEOUT_MS = 120_000
LOADING_AT_ONCE = 4  # pages loading their JavaScript at the same time; all sessions stay open together


MAX_STEPS = 39  # 500 × steps stays inside a session's own 20,000-user band


def users_for(session: int, step: int) -> int:
    """Distinct per session and per step; never in another session's 500-user block."""
    assert 0 <= step <= MAX_STEPS
    return 20_000 * (session + 1) + 500 * step + 1 + (session % 7)


@dataclass(frozen=True)
class Expected:
    users: int
    rpm: str
    tpm: str
    monthly: str
    model: str


def expected(users: int) -> Expected:
    est = b.estimate(b.make_inputs(users=users))
    lead = est.headline_need
    return Expected(users, format_count(lead.rpm), format_count(lead.tpm), USD.format(est.spend.monthly), lead.model)


@dataclass
class SessionResult:
    session: int
    checks: int = 0
    errors: list[str] = field(default_factory=list)


def _metric(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).first.get_by_test_id("stMetricValue")


async def _shows(page, exp: Expected) -> list[str]:
    """Wait until the page shows ``exp``; return what is wrong, if anything."""
    problems = []
    rpm = _metric(page, f"RPM ({exp.model})")
    try:
        await rpm.filter(has_text=exp.rpm).wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
    except Exception:
        actual = await rpm.text_content(timeout=5_000) if await rpm.count() else None
        return [f"users={exp.users}: RPM shows {actual!r}, expected {exp.rpm!r}"]
    for label, want in ((f"TPM ({exp.model})", exp.tpm), ("Monthly spend", exp.monthly)):
        got = (await _metric(page, label).text_content(timeout=STEP_TIMEOUT_MS) or "").strip()
        if got != want:
            problems.append(f"users={exp.users}: {label} shows {got!r}, expected {want!r}")
    if await page.get_by_test_id("stException").count():
        problems.append(f"users={exp.users}: an exception element is on the page")
    return problems


async def _users_in_link(page, want: int) -> str | None:
    deadline = time.monotonic() + STEP_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        got = parse_qs(urlparse(page.url).query).get("users", [None])[0]
        if got == str(want):
            return None
        await asyncio.sleep(0.1)
    return f"link carries users={got!r}, expected {want}"


async def open_session(browser, base_url: str, k: int, gate: asyncio.Semaphore | None = None, metric: str = "Monthly spend"):
    """A fresh context on ``/?users=…``, loaded until ``metric`` shows; ``gate`` bounds how many pages load at once."""
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    async with gate or contextlib.nullcontext():
        await page.goto(f"{base_url}/?users={users_for(k, 0)}", wait_until="domcontentloaded", timeout=LOAD_TIMEOUT_MS)
        await _metric(page, metric).wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    return ctx, page


class Barrier:
    """Released when every session has loaded (or failed to): the changes then overlap."""

    def __init__(self, parties: int):
        self.left, self.event = parties, asyncio.Event()

    def arrive(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.event.set()


def canary(session: int) -> str:
    """A fake OpenAI key unique to one session: it must never show up anywhere else."""
    return f"sk-canary{session:02d}-" + hashlib.sha256(f"byo-load-{session}".encode()).hexdigest()[:32]


def key_check_env(closed_port: int) -> dict[str, str]:
    """Server settings that send the key check to a closed loopback port: no request leaves the machine."""
    return {"BYO_OPENAI_BASE_URL": f"http://127.0.0.1:{closed_port}/v1", "BYO_ALLOWED_HOSTS": f"127.0.0.1:{closed_port}"}


async def _check_key(page, k: int) -> list[str]:
    """On the key-check page of this session: type this session's canary key and run the check."""
    await page.get_by_role("link", name="Check your key").first.click(timeout=STEP_TIMEOUT_MS)
    box = page.get_by_label("OpenAI API key", exact=True)
    await box.fill(canary(k), timeout=STEP_TIMEOUT_MS)
    await page.get_by_role("button", name="Check OpenAI key").click(timeout=STEP_TIMEOUT_MS)
    try:
        await page.get_by_text("Result:").first.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
    except Exception:
        return [f"session {k}: the key check showed no result"]
    return []


async def _foreign_keys(page, k: int, sessions: int) -> list[str]:
    html = await page.content()
    return [f"session {k} shows session {j}'s key" for j in range(sessions) if j != k and canary(j) in html]


async def run_session(browser, base_url: str, k: int, seconds: float, max_steps: int, barrier: Barrier | None = None,
                      gate: asyncio.Semaphore | None = None, keys: Barrier | None = None, sessions: int = 1) -> SessionResult:
    """One session: its own link, input changes checked after each step, then (with ``keys``) its own key check."""
    res = SessionResult(k)
    ctx = page = None
    arrived = keyed = False
    try:
        ctx, page = await open_session(browser, base_url, k, gate)
        res.errors += await _shows(page, expected(users_for(k, 0)))
        res.checks += 1
        if barrier is not None:
            barrier.arrive()
            arrived = True
            await asyncio.wait_for(barrier.event.wait(), timeout=STEP_TIMEOUT_MS / 1000 * 3)
        deadline = time.monotonic() + seconds
        step = 1
        users_box = page.get_by_label("Users", exact=True)
        while step <= min(max_steps, MAX_STEPS) and time.monotonic() < deadline and not res.errors:
            want = users_for(k, step)
            await users_box.fill(str(want))
            await users_box.press("Enter")
            res.errors += await _shows(page, expected(want))
            link = await _users_in_link(page, want)
            if link:
                res.errors.append(link)
            res.checks += 1
            step += 1
        if keys is not None and not res.errors:
            res.errors += await _check_key(page, k)
            res.errors += await _foreign_keys(page, k, sessions)
            keys.arrive()
            keyed = True
            # every session has typed its key: look again for anyone else's
            await asyncio.wait_for(keys.event.wait(), timeout=STEP_TIMEOUT_MS / 1000 * 3)
            res.errors += await _foreign_keys(page, k, sessions)
            res.checks += 1
    except Exception as err:  # a session that could not run is an error of the run, with its reason
        res.errors.append(f"session {k}: {type(err).__name__}: {str(err).splitlines()[0][:200]}")
    finally:
        if barrier is not None and not arrived:
            barrier.arrive()
        if keys is not None and not keyed:
            keys.arrive()
        if ctx is not None:
            await ctx.close()
    return res


async def run_load(base_url: str, sessions: int = 20, seconds: float = 5.0, max_steps: int = MAX_STEPS,
                   check_keys: bool = False) -> list[SessionResult]:
    """``sessions`` concurrent sessions; each changes inputs for ``seconds`` once all have loaded.

    With ``check_keys`` each session then types its own canary key on the key-check page and runs
    the check (the server must use ``key_check_env``); no session may show another's key.
    """
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**launch_kwargs())
        try:
            barrier, gate = Barrier(sessions), asyncio.Semaphore(LOADING_AT_ONCE)
            keys = Barrier(sessions) if check_keys else None
            return list(await asyncio.gather(*(
                run_session(browser, base_url, k, seconds, max_steps, barrier, gate, keys, sessions) for k in range(sessions)
            )))
        finally:
            await browser.close()
