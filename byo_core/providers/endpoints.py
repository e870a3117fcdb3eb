"""Where the key may be sent: endpoint parsing and the SSRF allow-list.

The page runs on a server and calls an endpoint a user typed, so the endpoint
is an SSRF risk (OWASP SSRF cheat sheet). We accept a resource name, a host or
a URL, but build the URL ourselves: https only, Azure OpenAI suffixes only, no
userinfo, port, path, query or IP literal in any notation (``2852039166``,
``0xA9FEA9FE``, ``0251.0376.0251.0376`` all reach 169.254.169.254), and the
host must not resolve to a private, loopback or link-local address. All of it
happens before any connection.

Two server-side environment variables, never settable from the page:

- ``BYO_ALLOWED_HOSTS``: comma-separated ``host`` or ``host:port`` entries added
  to the allow-list and exempt from the suffix, port, IP-literal and DNS rules;
  a loopback host listed there may be reached over plain http. Tests use it to
  reach their local provider double.
- ``BYO_OPENAI_BASE_URL``: replaces ``https://api.openai.com/v1``; its host must
  be api.openai.com or listed in ``BYO_ALLOWED_HOSTS``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import re
import socket
from dataclasses import dataclass
from typing import Awaitable, Callable, Mapping
from urllib.parse import urlsplit

from ..errors import EndpointNotAllowedError

ENV_ALLOWED_HOSTS = "BYO_ALLOWED_HOSTS"
ENV_OPENAI_BASE_URL = "BYO_OPENAI_BASE_URL"
DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1"
OPENAI_HOST = "api.openai.com"
AZURE_HOST_SUFFIXES = (".openai.azure.com", ".cognitiveservices.azure.com", ".openai.azure.us")
DEFAULT_AZURE_SUFFIX = ".openai.azure.com"

# Azure resource subdomain: letters, digits and '-', 2-64 chars, alnum at both ends.
_RESOURCE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$")
_HOST_CHARS = re.compile(r"^[A-Za-z0-9.\-]+$")
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+))*\.?$", re.IGNORECASE)

ACCEPTED = (
    "enter the Azure OpenAI resource name or its endpoint, e.g. my-resource or "
    "https://my-resource.openai.azure.com (hosts ending in "
    + ", ".join(AZURE_HOST_SUFFIXES)
    + "; no port, path, user name or IP address)"
)

Resolver = Callable[[str], Awaitable[list[str]]]


@dataclass(frozen=True)
class Endpoint:
    scheme: str
    host: str
    port: int | None
    path: str = ""
    allow_listed: bool = False
    """Listed in BYO_ALLOWED_HOSTS: exempt from the suffix, IP and DNS rules."""

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = f":{self.port}" if self.port is not None else ""
        return f"{self.scheme}://{host}{port}{self.path}"


def allowed_hosts(env: Mapping[str, str] | None = None) -> frozenset[tuple[str, int | None]]:
    """``BYO_ALLOWED_HOSTS`` as (host, port) pairs; port None means "no explicit port"."""
    env = os.environ if env is None else env
    entries: set[tuple[str, int | None]] = set()
    for raw in (env.get(ENV_ALLOWED_HOSTS) or "").split(","):
        raw = raw.strip().lower()
        if not raw:
            continue
        try:
            host, port = _split_host_port(raw)
        except EndpointNotAllowedError:
            continue  # a malformed entry allows nothing rather than something unexpected
        if ":" in host and not _valid_ip(host):
            continue
        entries.add((host, port))
    return frozenset(entries)


def _split_host_port(netloc: str) -> tuple[str, int | None]:
    if netloc.startswith("["):
        end = netloc.find("]")
        if end < 0:
            raise EndpointNotAllowedError(f"endpoint: unbalanced '[' in the host; {ACCEPTED}")
        host, rest = netloc[1:end], netloc[end + 1 :]
        if rest and not rest.startswith(":"):
            raise EndpointNotAllowedError(f"endpoint: unexpected text after the address; {ACCEPTED}")
        port_text = rest[1:] if rest else None
    elif netloc.count(":") == 1:
        host, port_text = netloc.split(":")
    elif ":" in netloc:
        host, port_text = netloc, None  # a bare IPv6 literal
    else:
        host, port_text = netloc, None
    port = None
    if port_text is not None:
        if not port_text.isdigit() or not port_text.isascii() or not 0 < int(port_text) < 65536:
            raise EndpointNotAllowedError(f"endpoint: the port is not a number from 1 to 65535; {ACCEPTED}")
        port = int(port_text)
    host = host.lower()
    if host.endswith(".") and not host.endswith(".."):
        host = host[:-1]  # the root dot names the same host
    return host, port


def is_ip_literal(host: str) -> bool:
    """True for an IP address in any notation a resolver would accept."""
    if ":" in host:
        return True  # only IPv6 literals contain ':' once the port is split off
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        socket.inet_aton(host)  # accepts decimal, hex, octal and short forms
        return True
    except OSError:
        pass
    return bool(_NUMERIC_HOST.match(host))


def _valid_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _listed(host: str, port: int | None, env: Mapping[str, str] | None) -> bool:
    return (host, port) in allowed_hosts(env)


def parse_azure_endpoint(raw: str, env: Mapping[str, str] | None = None) -> Endpoint:
    """A resource name, host or URL -> the https endpoint we will call, or
    ``EndpointNotAllowedError`` saying why not."""
    text = (raw or "").strip()
    if not text:
        raise EndpointNotAllowedError(f"endpoint: nothing entered; {ACCEPTED}")
    if not text.isascii() or any(ch.isspace() or ord(ch) < 0x20 or ch in "\\%" for ch in text):
        raise EndpointNotAllowedError(f"endpoint: contains spaces, escapes or non-ASCII characters; {ACCEPTED}")
    scheme = None
    if "://" in text:
        scheme, text = text.split("://", 1)
        scheme = scheme.lower()
    netloc, tail = re.match(r"^([^/?#]*)(.*)$", text).groups()
    if tail not in ("", "/"):
        raise EndpointNotAllowedError(f"endpoint: remove the path or query {tail[:40]!r}; {ACCEPTED}")
    if "@" in netloc:
        raise EndpointNotAllowedError(f"endpoint: a user name ('…@') is not allowed; {ACCEPTED}")
    host, port = _split_host_port(netloc)
    if not host:
        raise EndpointNotAllowedError(f"endpoint: no host; {ACCEPTED}")

    if _listed(host, port, env):
        loopback = _is_loopback(host)
        scheme = scheme or ("http" if loopback else "https")
        if scheme not in ("http", "https") or (scheme == "http" and not loopback):
            raise EndpointNotAllowedError(f"endpoint: scheme {scheme!r} is not allowed for {host}; use https")
        return Endpoint(scheme, host, port, "", allow_listed=True)

    if scheme not in (None, "https"):
        raise EndpointNotAllowedError(f"endpoint: only https is allowed, not {scheme!r}; {ACCEPTED}")
    if port is not None:
        raise EndpointNotAllowedError(f"endpoint: an explicit port is not allowed; {ACCEPTED}")
    if not _HOST_CHARS.match(host) or is_ip_literal(host):
        raise EndpointNotAllowedError(f"endpoint: IP addresses are not allowed; {ACCEPTED}")
    if host == "localhost":
        raise EndpointNotAllowedError(f"endpoint: localhost is not allowed; {ACCEPTED}")
    if "." not in host:
        host += DEFAULT_AZURE_SUFFIX  # a bare resource name, as the Azure portal shows it
    suffix = next((s for s in AZURE_HOST_SUFFIXES if host.endswith(s)), None)
    if suffix is None:
        raise EndpointNotAllowedError(f"endpoint: {host!r} is not an Azure OpenAI host; {ACCEPTED}")
    if not _RESOURCE.match(host[: -len(suffix)]):
        raise EndpointNotAllowedError(f"endpoint: {host!r} has no valid resource name before {suffix}; {ACCEPTED}")
    return Endpoint("https", host, None, "")


def openai_base_url(env: Mapping[str, str] | None = None) -> Endpoint:
    """The OpenAI API base: ``BYO_OPENAI_BASE_URL`` or ``https://api.openai.com/v1``."""
    env = os.environ if env is None else env
    raw = (env.get(ENV_OPENAI_BASE_URL) or "").strip() or DEFAULT_OPENAI_BASE_URL
    where = f"{ENV_OPENAI_BASE_URL}"
    if not raw.isascii() or any(ch.isspace() or ch in "\\%" for ch in raw) or "://" not in raw:
        raise EndpointNotAllowedError(f"{where}: not an http(s) URL; set it to e.g. {DEFAULT_OPENAI_BASE_URL}")
    parts = urlsplit(raw)
    if parts.query or parts.fragment or "@" in parts.netloc:
        raise EndpointNotAllowedError(f"{where}: no user name, query or fragment allowed")
    host, port = _split_host_port(parts.netloc)
    scheme = parts.scheme.lower()
    path = parts.path.rstrip("/")
    if host == OPENAI_HOST and port is None and scheme == "https":
        return Endpoint("https", host, None, path)
    if not _listed(host, port, env):
        raise EndpointNotAllowedError(
            f"{where}: host {host!r} is not api.openai.com; add it to {ENV_ALLOWED_HOSTS} on the server"
        )
    if scheme not in ("http", "https") or (scheme == "http" and not _is_loopback(host)):
        raise EndpointNotAllowedError(f"{where}: use https (plain http only for a listed loopback host)")
    return Endpoint(scheme, host, port, path, allow_listed=True)


async def system_resolver(host: str) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, 443, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


def is_public_address(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped  # ::ffff:169.254.169.254 is the metadata address too
    return ip.is_global and not ip.is_multicast


async def ensure_public(endpoint: Endpoint, resolver: Resolver | None = None) -> None:
    """Refuse a host that resolves to a private, loopback or link-local address.

    Listed hosts are exempt (that is what listing is for). Resolution errors
    (``OSError``) propagate: the caller reports them as ``unreachable``.
    Residual risk: httpx resolves again when it connects (DNS rebinding); the
    suffix allow-list keeps that to Microsoft's own zones.
    """
    if endpoint.allow_listed:
        return
    addresses = await (resolver or system_resolver)(endpoint.host)
    if not addresses:
        raise OSError(f"{endpoint.host} resolved to no address")
    bad = [a for a in addresses if not is_public_address(a)]
    if bad:
        raise EndpointNotAllowedError(
            f"endpoint: {endpoint.host} resolves to a private, loopback or link-local address"
            f" ({bad[0]}); only public Azure OpenAI endpoints can be checked"
        )
