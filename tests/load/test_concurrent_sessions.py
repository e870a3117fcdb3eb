"""Twenty concurrent sessions against one server: no errors, no leaks between sessions.

The test starts one ``streamlit run app.py`` on 127.0.0.1 and stops it. Each
session is its own browser context: it opens ``/?users=<its own value>`` and
keeps typing new values into the shared "Users" input for a few seconds,
checking after every change that RPM, TPM and monthly spend are what byo_core
computes for *its* value and that its link carries that value. Values never
coincide across sessions (not even their 500-user block), so a leaked input or
result is a wrong number. The long variant is ``python -m bench.load``.

No timing is asserted; loops are bounded by steps and by time.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.server import APP, server_errors, streamlit_server  # noqa: E402
from bench.sessions import run_load  # noqa: E402

SESSIONS = int(os.environ.get("BYO_LOAD_SESSIONS", "20"))
SECONDS = float(os.environ.get("BYO_LOAD_SECONDS", "3"))
MAX_STEPS = 4
RUN_BOUND_S = 240  # the run stops by itself even if a page hangs; not a speed goal


@pytest.mark.browser
@pytest.mark.slow
def test_concurrent_sessions_each_see_their_own_numbers(tmp_path):
    with streamlit_server(APP, log_dir=tmp_path) as server:
        results = asyncio.run(asyncio.wait_for(run_load(server.url, SESSIONS, SECONDS, MAX_STEPS), RUN_BOUND_S))
        log = server.log_text()
    problems = [e for r in results for e in r.errors]
    assert not problems, "\n".join(problems)
    assert len(results) == SESSIONS
    # every session loaded its own link and then changed its input at least once
    assert all(r.checks >= 2 for r in results), [(r.session, r.checks) for r in results]
    assert not server_errors(log), log


def test_session_values_never_share_a_block():
    from bench.sessions import MAX_STEPS as steps, users_for

    blocks = {}
    for k in range(SESSIONS):
        for i in range(steps + 1):
            block = -(-users_for(k, i) // 500)
            assert blocks.setdefault(block, k) == k, f"sessions {blocks[block]} and {k} share a 500-user block"
            assert users_for(k, i) <= 10_000_000
