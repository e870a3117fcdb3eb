"""Page rerun: median server-side time of a rerun after an input change, per page.

AppTest runs the real router (app.py) and switches to each page, as
tests/app does; each rerun follows a change of the shared "Users" input (or,
on a page without it, of the page's first number or text input; else a plain
rerun). Baseline: bench/bare_page.py (one number input, one metric) rerun the
same way. Goal: every page within 10× the bare page. Scripts are compiled once
per AppTest, as a server compiles them once (``server_script_cache``).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from streamlit.testing.v1 import AppTest

from .report import Figure, ms
from .server import APP, BARE, ROOT

GOAL = 10.0
TIMEOUT = 120
USERS_KEY = "inputs_users"


def pages() -> list[str]:
    order = ["estimate", "spend", "capacity", "validate_key", "compare", "how_it_works"]
    found = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
    return [f"pages/{p}.py" for p in sorted(found, key=lambda p: order.index(p) if p in order else 99)]


def _changer(at: AppTest):
    """A function that changes one input to a new value, and what it changes."""
    numbers = {w.key: w for w in at.number_input}
    if USERS_KEY in numbers:
        return (lambda i: at.number_input(key=USERS_KEY).set_value(1000 + 500 * (i % 40))), "users"
    if at.number_input:
        w = at.number_input[0]
        lo = w.min if w.min is not None else 0
        base = w.value if w.value is not None else lo
        return (lambda i: at.number_input[0].set_value(type(base)(base + (i % 2)) if base + 1 <= (w.max or base + 1) else lo)), f"'{w.label}'"
    if at.text_input:
        return (lambda i: at.text_input[0].input(f"bench-{i % 2}")), f"'{at.text_input[0].label}'"
    return (lambda i: None), "nothing (plain rerun)"


@contextlib.contextmanager
def server_script_cache() -> Iterator[None]:
    """Compile each script once, as Streamlit's server does.

    A server keeps one ``ScriptCache`` for its lifetime (``Runtime``), so a rerun runs
    bytecode compiled (with magic) on the first run. AppTest builds a new cache on
    every ``run()``, which made every timed rerun recompile app.py and the page — 10 to
    20 ms on the larger pages that a server never spends, and next to nothing on the
    bare page. Measurement fix; set ``BYO_BENCH_RECOMPILE=1`` to time it the old way.
    """
    if os.environ.get("BYO_BENCH_RECOMPILE") == "1":
        yield
        return
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    cache = ScriptCache()
    saved = app_test.ScriptCache, local_script_runner.ScriptCache
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: cache  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        app_test.ScriptCache, local_script_runner.ScriptCache = saved


def rerun_times(script: Path, page: str | None, n: int) -> tuple[list[float], str]:
    with server_script_cache():
        return _rerun_times(script, page, n)


def _rerun_times(script: Path, page: str | None, n: int) -> tuple[list[float], str]:
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    at.run()
    if page and page != "pages/estimate.py":
        at.switch_page(page).run()
    if at.exception:
        raise RuntimeError(f"{page or script.name}: {[e.value for e in at.exception]}")
    change, what = _changer(at)
    times = []
    for i in range(n + 2):
        change(i + 1)
        t0 = time.perf_counter()
        at.run()
        dt = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(f"{page or script.name} after changing {what}: {[e.value for e in at.exception]}")
        if i >= 2:  # the first reruns warm caches
            times.append(dt)
    return times, what


def measure(n: int = 15) -> list[Figure]:
    import streamlit.logger

    streamlit.logger.set_log_level("error")  # AppTest's "missing ScriptRunContext" warnings are noise here
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if not APP.exists():
        return [Figure("page rerun", "—", "—", None, f"≤ {GOAL:g}×", None, note="app.py is not in the repo")]
    # Alternate baseline and pages so load from other processes hits both.
    bare_runs: list[float] = []
    rows = []
    for page in pages():
        bare_runs += rerun_times(BARE, None, max(3, n // 3))[0]
        try:
            times, what = rerun_times(APP, page, n)
        except Exception as err:  # a broken page is a figure too, not a crash of the bench
            rows.append((page, None, str(err)[:200]))
            continue
        rows.append((page, statistics.median(times), what))
    bare = statistics.median(bare_runs)
    out = []
    for page, t, what in rows:
        name = f"page rerun: {Path(page).stem}"
        if t is None:
            out.append(Figure(name, "error", ms(bare), None, f"≤ {GOAL:g}×", False, note=what))
        else:
            r = t / bare
            out.append(Figure(name, ms(t), ms(bare), r, f"≤ {GOAL:g}×", r <= GOAL, note=f"changes {what}" if what != "users" else ""))
    return out


if __name__ == "__main__":
    from .report import table

    print(table(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 15)))
