"""Read the ``x-ratelimit-*`` response headers of OpenAI and Azure OpenAI.

OpenAI documents all six headers on chat and embedding responses; Azure is
only *observed* to send the ``remaining`` pair (sometimes the ``limit`` pair).
Every header is optional and a malformed value counts as absent: a validator
must not fail because a provider changed a header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

_GO_PART = re.compile(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")
_GO_UNIT_S = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_go_duration(text: str | None) -> float | None:
    """``"6m0s"`` -> 360.0 seconds; ``"12ms"`` -> 0.012; malformed -> None.

    Go's ``time.Duration.String()`` format, which OpenAI uses for the reset
    headers. A bare number is read as seconds (seen from some proxies).
    """
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        pass
    else:
        return value if value >= 0 else None
    pos, total = 0, 0.0
    for match in _GO_PART.finditer(text):
        if match.start() != pos:
            return None
        total += float(match.group(1)) * _GO_UNIT_S[match.group(2)]
        pos = match.end()
    if pos != len(text) or pos == 0:
        return None
    return round(total, 6)


def _int(headers: Mapping[str, str], name: str) -> int | None:
    raw = headers.get(name)
    if raw is None:
        return None
    raw = raw.strip()
    # Digits only: int() would also take "+5", "1_000" or " 7 " forms.
    if not raw.isdigit() or not raw.isascii():
        return None
    return int(raw)


@dataclass(frozen=True)
class RateLimits:
    limit_requests: int | None = None
    limit_tokens: int | None = None
    remaining_requests: int | None = None
    remaining_tokens: int | None = None
    reset_requests_s: float | None = None
    reset_tokens_s: float | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimits:
        """``headers`` must look names up case-insensitively (httpx.Headers does)."""
        return cls(
            limit_requests=_int(headers, "x-ratelimit-limit-requests"),
            limit_tokens=_int(headers, "x-ratelimit-limit-tokens"),
            remaining_requests=_int(headers, "x-ratelimit-remaining-requests"),
            remaining_tokens=_int(headers, "x-ratelimit-remaining-tokens"),
            reset_requests_s=parse_go_duration(headers.get("x-ratelimit-reset-requests")),
            reset_tokens_s=parse_go_duration(headers.get("x-ratelimit-reset-tokens")),
        )

    @property
    def any(self) -> bool:
        return any(v is not None for v in self.figures().values())

    def figures(self) -> dict[str, Any]:
        return {
            "limit_requests": self.limit_requests,
            "limit_tokens": self.limit_tokens,
            "remaining_requests": self.remaining_requests,
            "remaining_tokens": self.remaining_tokens,
            "reset_requests_s": self.reset_requests_s,
            "reset_tokens_s": self.reset_tokens_s,
        }

    def as_limits(self) -> dict[str, int | None]:
        """The hard limits only, in the shape the Capacity page takes."""
        return {"rpm": self.limit_requests, "tpm": self.limit_tokens}


_LIMIT_IN_MESSAGE = re.compile(r"\bLimit (\d+), Used (\d+), Requested (\d+)")


def limit_from_rate_limit_message(message: str, kind: str | None) -> RateLimits:
    """OpenAI's 429 message carries ``Limit N, Used M, Requested K``; ``type``
    says whether N is requests or tokens. Only the numbers are kept."""
    match = _LIMIT_IN_MESSAGE.search(message or "")
    if not match:
        return RateLimits()
    limit = int(match.group(1))
    if kind == "tokens":
        return RateLimits(limit_tokens=limit)
    if kind == "requests":
        return RateLimits(limit_requests=limit)
    return RateLimits()
