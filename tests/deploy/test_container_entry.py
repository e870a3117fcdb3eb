"""The container's recipe, proved without Docker.

Docker cannot run on these machines, so this test reads the Dockerfile, checks
the recipe's rules (slim base, non-root user, pinned install, health check),
and then runs the image's own CMD — the same argv, the repo as working
directory, the Dockerfile's ENV applied — only with the listen address and
port swapped for 127.0.0.1 and a free port. It then runs the image's own
HEALTHCHECK command against that server and fetches the page.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
CONTAINER_PORT = "8501"
START_TIMEOUT_S = 60


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    out: list[tuple[str, str]] = []
    buf = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not buf and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        buf += line
        word, _, rest = buf.strip().partition(" ")
        out.append((word.upper(), rest.strip()))
        buf = ""
    return out


def exec_form(args: str) -> list[str]:
    """A CMD/ENTRYPOINT argument list; exec (JSON) form is required so signals reach streamlit."""
    assert args.startswith("["), f"use the JSON (exec) form, got: {args!r}"
    argv = json.loads(args)
    assert isinstance(argv, list) and all(isinstance(a, str) for a in argv)
    return argv


def env_of(args: str) -> dict[str, str]:
    """ENV in the key=value form (several per instruction allowed)."""
    out = {}
    for part in shlex.split(args):
        key, sep, value = part.partition("=")
        assert sep, f"use ENV key=value, got {part!r}"
        out[key] = value
    return out


def healthcheck_argv(args: str) -> list[str]:
    assert " CMD " in f" {args} ", f"HEALTHCHECK needs a CMD, got {args!r}"
    return exec_form(args.split("CMD", 1)[1].strip())


@pytest.fixture(scope="module")
def recipe() -> list[tuple[str, str]]:
    return instructions(DOCKERFILE.read_text())


def only(recipe, word):
    found = [args for w, args in recipe if w == word]
    assert found, f"the Dockerfile has no {word}"
    return found


def test_base_image_is_slim_python(recipe):
    (base,) = only(recipe, "FROM")
    assert base.startswith("python:3.11-slim"), base


def test_runs_as_a_non_root_user(recipe):
    users = only(recipe, "USER")
    last = users[-1].split(":")[0]
    assert last not in ("root", "0"), "the last USER must not be root"
    # The user must be created before it is used.
    assert any(w == "RUN" and ("useradd" in a or "adduser" in a) and last in a for w, a in recipe)
    # And the server starts after the switch: CMD comes after the last USER.
    words = [w for w, _ in recipe]
    assert words.index("CMD") > len(words) - 1 - words[::-1].index("USER")


def test_installs_the_pinned_lock_then_the_package(recipe):
    runs = only(recipe, "RUN")
    lock_i = next(i for i, a in enumerate(runs) if "-r requirements.lock" in a)
    pkg_i = next(i for i, a in enumerate(runs) if "pip install" in a and "--no-deps" in a and " ." in a)
    assert lock_i < pkg_i, "install the pinned lock first, then the package without re-resolving"
    assert not any("pip install" in a and "-U" in a.split() for a in runs), "no upgrades past the lock"


def test_every_copied_path_exists(recipe):
    for args in only(recipe, "COPY"):
        sources = [w for w in args.split() if not w.startswith("--")][:-1]
        for src in sources:
            assert (ROOT / src.rstrip("/")).exists(), f"COPY {src}: not in the repo"


def test_healthcheck_probes_stcore_health_on_the_served_port(recipe):
    (hc,) = only(recipe, "HEALTHCHECK")
    argv = healthcheck_argv(hc)
    assert "/_stcore/health" in " ".join(argv)
    assert f":{CONTAINER_PORT}/" in " ".join(argv)
    for opt in ("--interval=", "--timeout=", "--start-period="):
        assert opt in hc


def test_entry_command_is_streamlit_on_all_interfaces(recipe):
    argv = entry_argv(recipe)
    assert argv[:3] == ["streamlit", "run", "app.py"]
    assert option(argv, "--server.address") == "0.0.0.0"
    assert option(argv, "--server.port") == CONTAINER_PORT
    assert option(argv, "--server.headless") == "true"


def entry_argv(recipe) -> list[str]:
    entry = [exec_form(a) for w, a in recipe if w == "ENTRYPOINT"]
    cmd = [exec_form(a) for w, a in recipe if w == "CMD"]
    return (entry[-1] if entry else []) + (cmd[-1] if cmd else [])


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def local_argv(argv: list[str], port: int) -> list[str]:
    """The container's argv with only the address and port changed, streamlit from this venv."""
    out = list(argv)
    out[out.index("--server.address") + 1] = "127.0.0.1"
    out[out.index("--server.port") + 1] = str(port)
    venv_bin = Path(sys.executable).parent
    exe = venv_bin / out[0]
    out[0] = str(exe) if exe.exists() else shutil.which(out[0]) or out[0]
    return out


def get(url: str, timeout: float = 5) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=timeout) as r:  # loopback only
        return r.status, r.read().decode()


@pytest.fixture(scope="module")
def served(recipe, tmp_path_factory):
    if not (ROOT / "app.py").exists():
        pytest.skip("app.py is not in the repo yet")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    for w, a in recipe:
        if w == "ENV":
            env.update(env_of(a))
    log = tmp_path_factory.mktemp("container") / "server.log"
    argv = local_argv(entry_argv(recipe), port)
    with open(log, "w") as fh:
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert proc.poll() is None, f"the entry command exited ({proc.returncode}):\n{log.read_text()}"
            try:
                if get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)[1] == "ok":
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"no health answer within {START_TIMEOUT_S}s:\n{log.read_text()}"
            time.sleep(0.25)
        yield port, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def test_entry_command_answers_health_ok(served):
    port, _ = served
    assert get(f"http://127.0.0.1:{port}/_stcore/health") == (200, "ok")


def test_the_images_own_healthcheck_passes(served, recipe):
    port, _ = served
    (hc,) = only(recipe, "HEALTHCHECK")
    argv = [a.replace(f":{CONTAINER_PORT}/", f":{port}/") for a in healthcheck_argv(hc)]
    if argv[0] == "python":
        argv[0] = sys.executable
    done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


def test_entry_command_serves_the_page(served):
    port, log = served
    status, html = get(f"http://127.0.0.1:{port}/")
    assert status == 200
    assert '<div id="root">' in html and "<script" in html
    assert "Traceback" not in log.read_text()
