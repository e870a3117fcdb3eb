"""Load: 20 concurrent browser sessions changing inputs against one server (long variant).

The same driver as tests/load/ (bench/sessions.py), run longer. The figure is
the number of per-session checks made and the errors and leaks found: the
goal is zero of both, with no server tracebacks.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from .report import Figure
from .server import APP, server_errors, streamlit_server
from .sessions import MAX_STEPS, run_load


def measure(sessions: int = 20, seconds: float = 30.0, log_dir: Path = Path("/tmp")) -> list[Figure]:
    if not APP.exists():
        return [Figure("load", "—", "—", None, "0 errors", None, note="app.py is not in the repo")]
    with streamlit_server(APP, log_dir=log_dir) as server:
        t0 = time.perf_counter()
        results = asyncio.run(run_load(server.url, sessions, seconds, MAX_STEPS))
        wall = time.perf_counter() - t0
        tracebacks = server_errors(server.log_text())
    checks = sum(r.checks for r in results)
    errors = [e for r in results for e in r.errors]
    ok = not errors and not tracebacks and all(r.checks >= 2 for r in results)
    note = f"{wall:.0f} s wall; " + ("; ".join((errors + tracebacks)[:3]) if not ok else f"every session saw only its own numbers ({min(r.checks for r in results)}–{max(r.checks for r in results)} checks each)")
    return [Figure(f"load: {sessions} sessions × {seconds:g} s changing inputs", f"{checks} checks, {len(errors)} errors",
                   "—", None, "0 errors, 0 leaks", ok, note=note)]


if __name__ == "__main__":
    from .report import table

    print(table(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 20, float(sys.argv[2]) if len(sys.argv) > 2 else 30.0)))
