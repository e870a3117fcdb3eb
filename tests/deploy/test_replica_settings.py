"""The settings for several replicas behind a load balancer (deploy/).

Checks that every STREAMLIT_* variable in the shared env file is a real
Streamlit option and is read back by Streamlit, that the key-check variables
are there, and that the proxy samples keep sessions sticky, carry websockets
and health-check /_stcore/health.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
ENV_FILE = DEPLOY / "replica.env.example"


def env_file(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f"{path.name}: {line!r} is not KEY=VALUE"
            out[key.strip()] = value.strip()
    return out


def option_env_names() -> dict[str, str]:
    from streamlit import config

    config.get_config_options()
    return {opt.env_var: key for key, opt in config._config_options.items()}


def test_shared_env_file_names_real_streamlit_options():
    names = option_env_names()
    for key in env_file(ENV_FILE):
        if key.startswith("STREAMLIT_"):
            assert key in names, f"{key} is not a Streamlit option"


def test_shared_env_file_carries_the_cookie_secret_and_key_check_hosts():
    env = env_file(ENV_FILE)
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in env
    assert "CHANGE_ME" in env["STREAMLIT_SERVER_COOKIE_SECRET"], "the sample must not ship a usable secret"
    assert env["STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION"] == "true"
    assert "BYO_ALLOWED_HOSTS" in env and env["BYO_ALLOWED_HOSTS"] == "", "production default: no extra hosts"


def test_streamlit_reads_the_shared_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    settings = env_file(ENV_FILE) | {"STREAMLIT_SERVER_COOKIE_SECRET": "same-secret-on-every-replica-42"}
    env.update(settings)
    exe = Path(sys.executable).parent / "streamlit"
    shown = subprocess.run([str(exe), "config", "show"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120).stdout
    names = option_env_names()
    for key, value in settings.items():
        if not key.startswith("STREAMLIT_"):
            continue
        option = names[key].split(".", 1)[1]
        m = re.search(rf"^{re.escape(option)} = (.+)$", shown, re.M)
        assert m, f"{option} not in `streamlit config show`"
        assert m.group(1).strip('"').lower() == value.lower(), (key, m.group(1))


def test_haproxy_sample_is_sticky_health_checked_and_websocket_friendly():
    cfg = (DEPLOY / "haproxy.cfg").read_text()
    assert re.search(r"^\s*cookie \w+ insert", cfg, re.M), "sticky sessions: insert a replica cookie"
    assert "option httpchk GET /_stcore/health" in cfg and "expect string ok" in cfg
    assert re.search(r"timeout tunnel\s+\d+h", cfg), "websockets idle for a long time"
    servers = re.findall(r"^\s*server (\S+) \S+:8501 check cookie (\S+)", cfg, re.M)
    assert len(servers) >= 2 and len({c for _, c in servers}) == len(servers)


def test_nginx_sample_is_sticky_and_upgrades_websockets():
    cfg = (DEPLOY / "nginx.conf").read_text()
    assert "ip_hash;" in cfg or "sticky" in cfg
    assert "proxy_set_header Upgrade $http_upgrade;" in cfg
    assert len(re.findall(r"^\s*server \S+:8501", cfg, re.M)) >= 2


def test_compose_replicas_share_one_env_file():
    text = (DEPLOY / "compose.yaml").read_text()
    assert "env_file: replica.env" in text
    replicas = re.findall(r"^  (planner\d+): \*planner", text, re.M)
    assert len(replicas) >= 2
    for name in replicas:
        assert f"server {name} {name}:8501" in (DEPLOY / "haproxy.cfg").read_text()


def test_real_env_files_stay_out_of_git_and_the_image():
    assert "*.env" in (ROOT / ".dockerignore").read_text().split()
    tracked = subprocess.run(["git", "ls-files", "deploy"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [f for f in tracked if f.endswith(".env")], "a filled-in env file (with the secret) is tracked"
