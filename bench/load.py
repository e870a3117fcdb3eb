"""Load: 20 concurrent sessions changing inputs against one server (long variant).

The same drivers as tests/load/, run longer: Streamlit websocket clients
(``ws_sessions``: the server's own protocol, so the figure is the server's) and
real Chromium sessions (``sessions``: one browser context each). The figure is
the number of per-session checks made and the errors and leaks found (inputs,
results, and each session's canary key typed on the key-check page): the goal
is zero of both, with no server tracebacks and no key in the server log.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from . import sessions, ws_sessions
from .report import Figure
from .server import APP, free_port, server_errors, streamlit_server


def _one(kind: str, n: int, seconds: float, log_dir: Path) -> Figure:
    with streamlit_server(APP, log_dir=log_dir, env=sessions.key_check_env(free_port())) as server:
        t0 = time.perf_counter()
        if kind == "websocket":
            results = asyncio.run(ws_sessions.run_ws_load(server.url, n, seconds, sessions.MAX_STEPS, check_keys=True))
        else:
            results = asyncio.run(sessions.run_load(server.url, n, seconds, sessions.MAX_STEPS, check_keys=True))
        wall = time.perf_counter() - t0
        log = server.log_text()
    problems = [e for r in results for e in r.errors]
    problems += server_errors(log) + [f"session {k}'s key in the server log" for k in range(n) if sessions.canary(k) in log]
    ok = not problems and all(r.checks >= 3 for r in results)
    checks = sum(r.checks for r in results)
    spread = f"{min(r.checks for r in results)}–{max(r.checks for r in results)} checks each"
    note = f"{wall:.0f} s wall; " + ("; ".join(problems[:3]) if problems else f"every session saw only its own numbers and key ({spread})")
    return Figure(f"load ({kind}): {n} sessions × {seconds:g} s", f"{checks} checks, {len(problems)} errors", "—", None,
                  "0 errors, 0 leaks", ok, note=note)


def measure(sessions_n: int = 20, seconds: float = 30.0, log_dir: Path = Path("/tmp"), kinds=("websocket", "browser")) -> list[Figure]:
    if not APP.exists():
        return [Figure("load", "—", "—", None, "0 errors", None, note="app.py is not in the repo")]
    return [_one(kind, sessions_n, seconds, log_dir) for kind in kinds]


if __name__ == "__main__":
    from .report import table

    print(table(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 20, float(sys.argv[2]) if len(sys.argv) > 2 else 30.0)))
