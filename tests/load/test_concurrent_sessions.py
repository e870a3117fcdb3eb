"""Concurrent sessions against one server: no errors, nothing leaks between sessions.

Each test starts one ``streamlit run app.py`` on 127.0.0.1 and stops it. The
key check is pointed at a closed loopback port (``key_check_env``), so no
request leaves the machine.

- Twenty sessions over Streamlit's own websocket protocol (``bench/ws_sessions.py``):
  session k opens ``?users=<its own value>``, changes the shared "Users" input
  for a few seconds, and after every rerun checks RPM, TPM and monthly spend
  against byo_core and the link the app writes; then it types its own canary
  key on the key-check page and submits the check. No session may receive
  another's key, and no key may reach the server log.
- A few real browser sessions (Chromium, one context each) doing the same
  through the page (``bench/sessions.py``).

Values never coincide across sessions (not even their 500-user block), so a
leaked input or result is a wrong number. No timing is asserted; loops are
bounded by steps and time. The long variant is ``python -m bench --only load``.
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

from bench import sessions, ws_sessions  # noqa: E402
from bench.server import APP, free_port, server_errors, streamlit_server  # noqa: E402
from bench.sessions import canary, key_check_env, users_for  # noqa: E402

WS_SESSIONS = int(os.environ.get("BYO_LOAD_SESSIONS", "20"))
WS_SECONDS = float(os.environ.get("BYO_LOAD_SECONDS", "3"))
BROWSER_SESSIONS = int(os.environ.get("BYO_LOAD_BROWSER_SESSIONS", "4"))
BROWSER_SECONDS = float(os.environ.get("BYO_LOAD_BROWSER_SECONDS", "2"))
RUN_BOUND_S = 240  # the run stops by itself even if the server hangs; not a speed goal


def check(results, log, n):
    problems = [e for r in results for e in r.errors]
    assert not problems, "\n".join(problems)
    assert len(results) == n
    # every session opened its own link, changed its input at least once, and ran its key check
    assert all(r.checks >= 3 for r in results), [(r.session, r.checks) for r in results]
    assert not server_errors(log), log
    assert not [k for k in range(n) if canary(k) in log], "a key reached the server log"


@pytest.mark.slow
def test_twenty_sessions_see_only_their_own_numbers_and_keys(tmp_path):
    with streamlit_server(APP, log_dir=tmp_path, env=key_check_env(free_port())) as server:
        run = ws_sessions.run_ws_load(server.url, WS_SESSIONS, WS_SECONDS, sessions.MAX_STEPS, check_keys=True)
        results = asyncio.run(asyncio.wait_for(run, RUN_BOUND_S))
        log = server.log_text()
    check(results, log, WS_SESSIONS)


@pytest.mark.browser
@pytest.mark.slow
def test_browser_sessions_see_only_their_own_numbers_and_keys(tmp_path):
    with streamlit_server(APP, log_dir=tmp_path, env=key_check_env(free_port())) as server:
        run = sessions.run_load(server.url, BROWSER_SESSIONS, BROWSER_SECONDS, 3, check_keys=True)
        results = asyncio.run(asyncio.wait_for(run, RUN_BOUND_S))
        log = server.log_text()
    check(results, log, BROWSER_SESSIONS)


def test_session_values_never_share_a_block():
    blocks = {}
    for k in range(max(WS_SESSIONS, 20)):
        for i in range(sessions.MAX_STEPS + 1):
            block = -(-users_for(k, i) // 500)
            assert blocks.setdefault(block, k) == k, f"sessions {blocks[block]} and {k} share a 500-user block"
            assert users_for(k, i) <= 10_000_000


def test_the_leak_checks_would_see_a_leak():
    """The detectors themselves: another session's key, a wrong number, a wrong link."""
    assert ws_sessions._foreign_keys(b"..." + canary(3).encode() + b"...", k=1, sessions=5) == ["session 1 received session 3's key"]
    assert ws_sessions._foreign_keys(canary(1).encode(), k=1, sessions=5) == []
    mine, theirs = users_for(0, 1), users_for(1, 1)
    exp = sessions.expected(theirs)
    leaked = ws_sessions.Run(metrics={f"RPM ({exp.model})": exp.rpm, f"TPM ({exp.model})": exp.tpm, "Monthly spend": exp.monthly},
                             query=f"users={theirs}")
    problems = ws_sessions._check(leaked, mine, "session 0")
    assert len(problems) == 4, problems  # RPM, TPM, spend and the link all name the other session's value
