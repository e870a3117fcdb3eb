"""One HTTP exchange with a provider, turned into a ``Reply`` or a ``Failed``.

Why each setting:
- ``follow_redirects=False``: a redirect could carry the key's request to
  another host; an API never redirects, so it is reported, not followed.
- ``trust_env=False``: no proxy variables or .netrc decide where the key goes.
- a whole-request deadline (``asyncio.timeout``) on top of httpx's per-read
  timeouts: a server trickling bytes must not outlive the check's timeout.
- a body cap: a hostile or broken endpoint cannot make us buffer megabytes.
- no retries at all: the SDK retries 429 ``insufficient_quota``, which is
  permanent; a validator answers in seconds instead.
Failure messages are ours; exception texts (which may name URLs) are dropped.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

DEFAULT_TIMEOUT = 10.0
"""Seconds one request may take from connect to last byte."""
DEFAULT_CONNECT_TIMEOUT = 5.0
MAX_BODY_BYTES = 64 * 1024
USER_AGENT = "byo-key-planner-keycheck/0.1"


@dataclass(frozen=True)
class Failed:
    """No usable HTTP answer: ``code`` is timeout/unreachable/tls_error/bad_response."""

    code: str
    message: str


@dataclass(frozen=True)
class Reply:
    status: int
    headers: httpx.Headers
    body: Any
    """Parsed JSON, or None when the body was not JSON."""
    is_json: bool
    looks_html: bool
    location_host: str | None = None

    @property
    def error(self) -> dict[str, Any]:
        err = self.body.get("error") if isinstance(self.body, dict) else None
        return err if isinstance(err, dict) else {}

    @property
    def error_code(self) -> str | None:
        code = self.error.get("code")
        return str(code) if code is not None else None

    @property
    def error_type(self) -> str | None:
        kind = self.error.get("type")
        return str(kind) if kind is not None else None

    @property
    def error_message(self) -> str:
        """The provider's text: parse figures out of it, never show or log it
        (OpenAI's 401 text echoes part of the key)."""
        msg = self.error.get("message")
        return msg if isinstance(msg, str) else ""


def make_client(base_url: str, timeout: float, transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(timeout, connect=min(timeout, DEFAULT_CONNECT_TIMEOUT)),
        follow_redirects=False,
        trust_env=False,
        transport=transport,
        headers={"user-agent": USER_AGENT},
    )


def _is_tls(exc: BaseException) -> bool:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ssl.SSLError | ssl.CertificateError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


async def send(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    *,
    headers: dict[str, str],
    timeout: float,
    json_body: dict[str, Any] | None = None,
    params: dict[str, str] | None = None,
) -> Reply | Failed:
    host = urlsplit(str(client.base_url)).hostname or "the provider"
    try:
        async with asyncio.timeout(timeout):
            async with client.stream(method, path, headers=headers, json=json_body, params=params) as resp:
                chunks, size = [], 0
                async for chunk in resp.aiter_bytes():
                    size += len(chunk)
                    if size > MAX_BODY_BYTES:
                        too_big = f"{host} sent more than {MAX_BODY_BYTES // 1024} KiB; not an API answer."
                        return Failed("bad_response", too_big)
                    chunks.append(chunk)
                raw = b"".join(chunks)
                status, resp_headers = resp.status_code, resp.headers
    except (TimeoutError, httpx.TimeoutException):
        msg = f"{host} did not answer within {timeout:g} s. Check the endpoint and your network, then retry."
        return Failed("timeout", msg)
    except httpx.ConnectError as exc:
        if _is_tls(exc):
            msg = (f"The TLS handshake with {host} failed (certificate not trusted or TLS intercepted). "
                   "Check the endpoint, or your proxy's certificate.")
            return Failed("tls_error", msg)
        msg = f"Could not connect to {host}. Check the endpoint spelling and that this server can reach it."
        return Failed("unreachable", msg)
    except (httpx.RemoteProtocolError, httpx.LocalProtocolError, httpx.DecodingError):
        return Failed("bad_response", f"{host} did not answer in HTTP the way an API does.")
    except httpx.HTTPError as exc:
        if _is_tls(exc):
            return Failed("tls_error", f"The TLS connection with {host} failed.")
        msg = f"The connection to {host} failed mid-request. Retry; if it persists, check the network."
        return Failed("unreachable", msg)

    body, is_json = None, False
    ctype = resp_headers.get("content-type", "")
    try:
        body = json.loads(raw.decode("utf-8")) if raw else None
        is_json = raw != b""
    except (UnicodeDecodeError, json.JSONDecodeError):
        pass
    looks_html = "html" in ctype.lower() or raw.lstrip()[:1] == b"<"
    location = resp_headers.get("location")
    location_host = urlsplit(location).hostname if location else None
    return Reply(status, resp_headers, body, is_json, looks_html, location_host)


def generic_failure(reply: Reply, what: str) -> tuple[str, str] | None:
    """The codes that mean the same on OpenAI and Azure, or None."""
    if 300 <= reply.status < 400:
        where = f" to {reply.location_host}" if reply.location_host else ""
        return "bad_response", (
            f"{what}: the server answered with a redirect ({reply.status}){where}, which is never followed "
            "because the key must only reach the provider. Enter the provider's own endpoint."
        )
    if reply.status >= 500:
        return "server_error", (
            f"{what}: the provider answered with a server error ({reply.status}). "
            "This is on the provider's side: retry in a few minutes, or check its status page."
        )
    if not reply.is_json:
        kind = "an HTML page" if reply.looks_html else "something that is not JSON"
        return "bad_response", (
            f"{what}: the server answered with {kind} (HTTP {reply.status}), not the API's JSON. "
            "Check that the endpoint is the provider's API and no proxy or login page is in between."
        )
    return None
