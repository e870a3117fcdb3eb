"""The result contract of the key check, shared by the page, the CLI and tests.

A run gives one ``KeyCheckResult``: the provider, an overall status and a list
of ``Check``s. Each check names what was checked, a status (pass/warn/fail/
skip), a stable ``code`` (see ``CODES``), a plain-language message that says
the fix, and the figures measured. ``to_dict()`` is the JSON the CLI prints;
changing a key or a code is a breaking change (docs/key-check.md).

Nothing in here may ever hold the key: messages are written by us, never
copied from a provider's error text (OpenAI's 401 message echoes part of the
key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["pass", "warn", "fail", "skip"]
STATUSES: tuple[Status, ...] = ("pass", "warn", "fail", "skip")

# code -> what it means. The fix is in each check's message, because it
# depends on the model, deployment or figures involved.
CODES: dict[str, str] = {
    "ok": "The check passed.",
    "invalid_key": "The provider refused the key (wrong, revoked, or for another endpoint).",
    "org_mismatch": "The key does not belong to the organization given.",
    "invalid_org": "The organization is unknown, or the key belongs to no organization.",
    "unsupported_region": "The provider does not serve the country or region the call came from.",
    "model_not_found": "The model does not exist for this key.",
    "no_model_access": "The model exists but this key or project may not use it.",
    "deployment_not_found": "No deployment with that name exists on the Azure resource.",
    "wrong_model": "The deployment (or model alias) serves a different model than required.",
    "insufficient_quota": "The account is out of credit or hit its spend cap.",
    "rate_limited": "The key works but its rate limit is used up right now.",
    "quota_below_need": "The key's rate limit is below the need for the users given.",
    "quota_unknown": "The provider sent no rate-limit figures, so need vs limit is unknown.",
    "model_retired": "The model is retired; the role it played needs a successor.",
    "endpoint_not_allowed": "The endpoint or base URL is refused before any connection (SSRF guard).",
    "timeout": "The provider did not answer within the timeout.",
    "unreachable": "The host could not be resolved or connected to.",
    "tls_error": "The TLS handshake or certificate check failed.",
    "server_error": "The provider answered with a server error (5xx).",
    "bad_response": "The answer was not the provider's API shape (HTML, bad JSON, redirect, too big).",
}

_RANK = {"skip": 0, "pass": 1, "warn": 2, "fail": 3}


@dataclass(frozen=True)
class Check:
    """One thing checked, e.g. ``key``, ``model gpt-4``, ``deployment prod-gpt4``."""

    check: str
    status: Status
    code: str
    message: str
    """Plain language: what was found and what to do about it."""
    figures: dict[str, Any] = field(default_factory=dict)
    """Measured values: limits, remaining, need, served model, HTTP status."""

    def __post_init__(self) -> None:
        # A typo in a code would silently break the documented contract.
        if self.status not in _RANK:
            raise ValueError(f"status {self.status!r} is not one of {STATUSES}")
        if self.code not in CODES:
            raise ValueError(f"code {self.code!r} is not a documented result code")

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "figures": dict(self.figures),
        }


def overall_status(checks: list[Check]) -> Status:
    """The worst status: any fail fails, else any warn warns."""
    if not checks:
        return "skip"
    worst = max(checks, key=lambda c: _RANK[c.status]).status
    return worst


@dataclass(frozen=True)
class KeyCheckResult:
    provider: Literal["openai", "azure"]
    status: Status
    checks: list[Check]
    limits: dict[str, dict[str, int | None]] = field(default_factory=dict)
    """Rate limits read per required model id: ``{"rpm": int|None, "tpm": int|None}``.
    This (never the key) is what the page hands to the Capacity page."""

    @classmethod
    def of(
        cls,
        provider: Literal["openai", "azure"],
        checks: list[Check],
        limits: dict[str, dict[str, int | None]] | None = None,
    ) -> KeyCheckResult:
        return cls(provider, overall_status(checks), list(checks), dict(limits or {}))

    @property
    def failed(self) -> bool:
        return self.status == "fail"

    def to_dict(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "status": self.status,
            "checks": [c.to_dict() for c in self.checks],
            "limits": {m: dict(v) for m, v in self.limits.items()},
        }

    def rows(self) -> list[dict[str, str]]:
        """One flat row per check for a table (page and CLI table output)."""
        return [
            {
                "status": c.status,
                "check": c.check,
                "code": c.code,
                "message": c.message,
                "figures": format_figures(c.figures),
            }
            for c in self.checks
        ]


def format_figures(figures: dict[str, Any]) -> str:
    """``limit_requests=500 limit_tokens=10000`` — stable order, None left out."""
    return " ".join(f"{k}={v}" for k, v in figures.items() if v is not None)
