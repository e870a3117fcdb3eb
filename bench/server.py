"""Start and stop one ``streamlit run`` on loopback, and launch headless Chromium.

Shared by the benches and tests/load/. The server is started in its own
process group and always stopped by the caller's ``with`` block.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
BARE = ROOT / "bench" / "bare_page.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_argv(script: Path, port: int) -> list[str]:
    exe = Path(sys.executable).parent / "streamlit"
    return [
        str(exe), "run", str(script), "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read() == b"ok"
    except OSError:
        return False


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    log: Path
    started: float
    """time.perf_counter() just before the process was spawned."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_healthy(self, poll_s: float = 0.05) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not healthy(self.port):
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log_text()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"no /_stcore/health answer within {START_TIMEOUT_S}s:\n{self.log_text()}")
            time.sleep(poll_s)


@contextlib.contextmanager
def streamlit_server(script: Path = APP, log_dir: Path | None = None, wait: bool = True, env: dict | None = None) -> Iterator[Server]:
    """``streamlit run script`` on 127.0.0.1 and a free port, stopped on exit."""
    port = free_port()
    log_dir = log_dir or Path(os.environ.get("TMPDIR", "/tmp"))
    log = Path(log_dir) / f"streamlit-{script.stem}-{port}.log"
    run_env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")} | (env or {})
    fh = open(log, "w")
    started = time.perf_counter()
    proc = subprocess.Popen(streamlit_argv(script, port), cwd=ROOT, env=run_env, stdout=fh, stderr=subprocess.STDOUT,
                            start_new_session=True)
    server = Server(proc, port, log, started)
    try:
        if wait:
            server.wait_healthy()
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        fh.close()


def launch_kwargs() -> dict:
    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


def server_errors(log_text: str) -> list[str]:
    """Tracebacks and errors in a server log (an empty list is a clean run)."""
    lines = log_text.splitlines()
    return [line for line in lines if "Traceback" in line or line.lstrip().startswith("ERROR") or "Uncaught app exception" in line]
