"""Helpers both provider checkers use: key shape, model names, retirement, masking."""

from __future__ import annotations

import datetime as dt
import re

from .required import RequiredModel, retirement_of
from .results import Check, KeyCheckResult

_SUFFIX = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4}|preview)$")
CHAT_PROBE = {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 1}
EMBEDDING_PROBE = {"input": "hi"}


def key_problem(key: str | None) -> str | None:
    """Why a key cannot be sent at all, or None. Loose on purpose: key formats
    change (sk-, sk-proj-, sk-svcacct-, Azure 32 hex or 84 chars), so only what
    can never be a key is refused. Also keeps header-injection characters out."""
    if not key:
        return "No key was given."
    if not key.isascii() or any(ch.isspace() or not ch.isprintable() for ch in key):
        return "The key contains spaces, line breaks or characters a key never has; paste it again."
    if not 8 <= len(key) <= 1024:
        return "The key is too short or too long to be an API key; paste the whole key."
    return None


def header_value_problem(value: str) -> bool:
    return not value.isascii() or any(ch.isspace() or not ch.isprintable() for ch in value) or len(value) > 256


def mask_key(key: str | None) -> str:
    """``sk-…wxyz``: enough to tell keys apart, never enough to use one."""
    if not key:
        return ""
    prefix = "sk-" if key.startswith("sk-") else ""
    tail = key[-4:] if len(key) >= 20 else ""
    return f"{prefix}…{tail}"


def base_model(name: str) -> str:
    """``gpt-4-0613`` -> ``gpt-4``; ``gpt-35-turbo`` -> ``gpt-3.5-turbo`` (Azure spelling)."""
    name = name.strip().lower()
    while (stripped := _SUFFIX.sub("", name)) != name:
        name = stripped
    return name.replace("gpt-35", "gpt-3.5")


def serves(model: RequiredModel, served: str) -> bool:
    return base_model(served) in {base_model(model.id), base_model(model.azure_name)}


def retired_check(name: str, model: RequiredModel, outcome: str, figures: dict) -> Check:
    note = f" {model.retirement_note}" if model.retirement_note else ""
    return Check(
        name,
        "warn",
        "model_retired",
        f"{model.id} was retired on {model.retired_on}; it played the role: {model.role}. {outcome}{note}"
        " This is not a problem with the key: plan a successor model for that role.",
        {**figures, "model": model.id, "role": model.role, "retired_on": str(model.retired_on)},
    )


def retired_snapshot(served: str, today: dt.date) -> tuple[dt.date, str | None] | None:
    """The served model (e.g. a dated snapshot) is itself listed as retired."""
    found = retirement_of(served)
    if found and found[0] <= today:
        return found
    return None


def stopped(provider, check: str, code: str, message: str, figures: dict | None = None) -> KeyCheckResult:
    """A run that failed before any request to the provider."""
    return KeyCheckResult.of(provider, [Check(check, "fail", code, message, figures or {})])
