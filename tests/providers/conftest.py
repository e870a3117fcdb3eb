"""Fixtures for the key-check tests: a provider double on 127.0.0.1, the env
that points the checker at it, and a guard that fails any non-loopback
connection or DNS lookup (no test may reach the internet)."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ for provider_double

from provider_double import ProviderDouble, free_closed_port  # noqa: E402

LOOPBACK_NAMES = {"127.0.0.1", "::1", "localhost"}


class NetworkGuard:
    def __init__(self) -> None:
        self.blocked: list[str] = []


def _loopback(host: object) -> bool:
    host = str(host)
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def network_guard(monkeypatch):
    """Refuse DNS for any non-loopback name and any non-loopback connect."""
    guard = NetworkGuard()
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _loopback(host):
            guard.blocked.append(f"dns:{host}")
            raise socket.gaierror(socket.EAI_NONAME, "network disabled in tests")
        return real_getaddrinfo(host, *args, **kwargs)

    def _check(address):
        if isinstance(address, tuple) and not _loopback(address[0]):
            guard.blocked.append(f"connect:{address[0]}")
            raise ConnectionRefusedError("network disabled in tests")

    def connect(self, address):
        _check(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        _check(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    for name in ("OPENAI_API_KEY", "AZURE_OPENAI_API_KEY", "BYO_ALLOWED_HOSTS", "BYO_OPENAI_BASE_URL", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    yield guard


@pytest.fixture
def key() -> str:
    """A unique key per test: also the canary that must never leak."""
    return f"sk-proj-CANARY{secrets.token_hex(16)}Wxyz"


@pytest.fixture
def double(key):
    with ProviderDouble(key) as d:
        yield d


@pytest.fixture
def openai_env(monkeypatch, double):
    monkeypatch.setenv("BYO_ALLOWED_HOSTS", double.host_port)
    monkeypatch.setenv("BYO_OPENAI_BASE_URL", f"{double.url}/v1")
    return double


@pytest.fixture
def azure_env(monkeypatch, double):
    monkeypatch.setenv("BYO_ALLOWED_HOSTS", double.host_port)
    return double


@pytest.fixture
def closed_port() -> int:
    return free_closed_port()


class FakeResolver:
    """Injectable DNS: answers from a table, records every lookup."""

    def __init__(self, table: dict[str, list[str]] | None = None) -> None:
        self.table = table or {}
        self.asked: list[str] = []

    async def __call__(self, host: str) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "unknown host")
        return self.table[host]


@pytest.fixture
def resolver() -> FakeResolver:
    return FakeResolver()
