"""Check an OpenAI key: authentication, organization, each required model, limits.

Order, and why: ``GET /models`` first (free) answers "does the key work" and
echoes the billed org; then, concurrently per model, ``GET /models/{id}``
(free: is it available?) and only if it is, one minimal paid probe (1 token)
to read the ``x-ratelimit-*`` headers and the model actually served.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace
from typing import Mapping
from urllib.parse import quote

import httpx

from ..errors import EndpointNotAllowedError
from ..models import DEFAULT_PROFILE_ID
from . import _http
from ._http import DEFAULT_TIMEOUT, Failed, Reply, generic_failure
from ._shared import (
    CHAT_PROBE, EMBEDDING_PROBE, header_value_problem, key_problem, retired_check, retired_snapshot, serves, stopped,
)
from .compare import compare_need, plan_for
from .endpoints import Resolver, ensure_public, openai_base_url
from .limits import RateLimits, limit_from_rate_limit_message
from .required import RequiredModel, required_models
from .results import Check, KeyCheckResult

# Our code -> (status, message). {what} is the model id or "the key". Messages
# are ours: OpenAI's own text is never shown (its 401 text echoes the key).
_MESSAGES = {
    "org_mismatch": ("fail", "The key is not a member of the organization given. Use the Organization ID shown "
                     "with this key at platform.openai.com → Settings → Organization, or a key of that organization."),
    "invalid_org": ("fail", "The organization is unknown or the key's account belongs to no organization. Copy the "
                    "Organization ID from platform.openai.com → Settings → Organization, or leave it empty."),
    "invalid_key": ("fail", "OpenAI refused the key: it is wrong, revoked or mistyped. Create a new secret key at "
                    "platform.openai.com → API keys and paste it whole."),
    "unsupported_region": ("fail", "OpenAI does not serve the country or region this server calls from. Run the "
                           "check (and the assistant) from a supported region."),
    "no_model_access": ("fail", "The project's model allow-list blocks {what}. Allow it in platform.openai.com → "
                        "Settings → Project → Limits, or use another project."),
    "model_not_found": ("fail", "{what} is not available to this key. GPT-4 access needs a paid account (at least "
                        "$1 paid); check the model name and the account's access."),
    "insufficient_quota": ("fail", "The account is out of credit or over its spend limit, so every call fails. Add "
                           "credit or raise the monthly budget at platform.openai.com → Settings → Billing / Limits."),
    "rate_limited": ("warn", "The key works, but the rate limit for {what} is used up right now; retry in a minute. "
                     "If this persists, the limit is too low for your use."),
    "bad_response": ("fail", "{what}: OpenAI refused the request (HTTP {status}, code {code}). Retry; if it "
                     "persists, report it with that code."),
}


def _code_of(reply: Reply) -> str:
    """OpenAI's status and error.code -> our code (provider-apis.md's table)."""
    code, kind = reply.error_code, reply.error_type
    if reply.status == 401:
        return {"mismatched_organization": "org_mismatch", "invalid_organization": "invalid_org",
                "no_organization": "invalid_org"}.get(code or "", "invalid_key")
    if reply.status == 403:
        return {"unsupported_country_region_territory": "unsupported_region",
                "model_not_found": "no_model_access"}.get(code or "", "bad_response")
    if reply.status == 404:
        return "model_not_found"
    if reply.status == 429:
        # older bodies say insufficient_quota only in `type`; it is permanent, never retried
        return "insufficient_quota" if "insufficient_quota" in (code, kind) else "rate_limited"
    return "bad_response"


def _error_check(name: str, reply: Reply | Failed, model: str | None = None) -> Check:
    """Map any non-success answer to a check."""
    figs = {"model": model} if model else {}
    if isinstance(reply, Failed):
        return Check(name, "fail", reply.code, reply.message, figs)
    figs["http_status"] = reply.status
    what = model or "the key"
    if generic := generic_failure(reply, what):
        return Check(name, "fail", generic[0], generic[1], figs)
    code = _code_of(reply)
    status, template = _MESSAGES[code]
    return Check(name, status, code, template.format(what=what, status=reply.status, code=reply.error_code or "none"), figs)


async def _auth(client, headers, timeout, org) -> tuple[list[Check], bool]:
    """``GET /models``: the key, and the org OpenAI bills. True if the key authenticated."""
    reply = await _http.send(client, "GET", "/models", headers=headers, timeout=timeout)
    if isinstance(reply, Reply) and reply.status == 200 and not isinstance(reply.body, dict):
        msg = "The model list was not the API's JSON. Check BYO_OPENAI_BASE_URL and any proxy in between."
        return [Check("key", "fail", "bad_response", msg, {})], False
    if isinstance(reply, Failed) or reply.status != 200:
        check = _error_check("organization" if _code_is_org(reply) else "key", reply)
        return [check], check.status != "fail"
    checks = [Check("key", "pass", "ok", "OpenAI accepted the key.", {})]
    echoed = reply.headers.get("openai-organization")  # observed, not documented: may be absent
    figs = {"organization": echoed}
    if org and echoed and echoed != org:
        msg = f"The key billed organization {echoed}, not {org}. Enter {echoed}, or use a key of {org}."
        checks.append(Check("organization", "fail", "org_mismatch", msg, figs))
    elif echoed:
        checks.append(Check("organization", "pass", "ok", f"Calls are billed to organization {echoed}.", figs))
    else:
        msg = "OpenAI did not say which organization it billed, so it was not confirmed."
        checks.append(Check("organization", "skip", "ok", msg, figs))
    return checks, True


def _code_is_org(reply: Reply | Failed) -> bool:
    return isinstance(reply, Reply) and _code_of(reply) in ("org_mismatch", "invalid_org")


async def _model(client, headers, model: RequiredModel, timeout, today) -> tuple[Check, RateLimits | None]:
    """Free lookup, then (if available and not retired) one 1-token probe."""
    name = f"model {model.id}"
    lookup = await _http.send(client, "GET", f"/models/{quote(model.id, safe='')}", headers=headers, timeout=timeout)
    if model.retired(today):
        listed = isinstance(lookup, Reply) and lookup.status == 200
        outcome = "The key can still list it." if listed else "OpenAI no longer serves it."
        return retired_check(name, model, outcome, {}), None
    if isinstance(lookup, Failed) or lookup.status != 200:
        return _error_check(name, lookup, model.id), None

    path, body = ("/chat/completions", CHAT_PROBE) if model.kind == "chat" else ("/embeddings", EMBEDDING_PROBE)
    probe = await _http.send(client, "POST", path, headers=headers, timeout=timeout, json_body={"model": model.id, **body})
    if isinstance(probe, Reply) and probe.status == 429:
        # A 429 still tells the limit: in the headers, or as "Limit N" in the message.
        limits = RateLimits.from_headers(probe.headers)
        if not limits.any:
            limits = limit_from_rate_limit_message(probe.error_message, probe.error_type)
        check = _error_check(name, probe, model.id)
        check = replace(check, figures={**check.figures, **limits.figures()})
        return check, (limits if check.code == "rate_limited" else None)
    if isinstance(probe, Failed) or probe.status != 200:
        return _error_check(name, probe, model.id), None
    if not isinstance(probe.body, dict):
        msg = f"{model.id}: the answer was not the API's JSON object."
        return Check(name, "fail", "bad_response", msg, {"model": model.id}), None

    limits = RateLimits.from_headers(probe.headers)
    served = probe.body.get("model") if isinstance(probe.body.get("model"), str) else None
    figs = {"model": model.id, "served_model": served, **limits.figures()}
    if served and not serves(model, served):
        msg = f"Asked for {model.id} but OpenAI served {served}. Check the model id and any proxy that rewrites models."
        return Check(name, "fail", "wrong_model", msg, figs), limits
    if served and (gone := retired_snapshot(served, today)):
        msg = f"{model.id} is served by {served}, retired on {gone[0]}. Pin a current snapshot."
        return Check(name, "warn", "model_retired", msg, figs), limits
    seen = f" (served {served})" if served else " (the answer named no model)"
    return Check(name, "pass", "ok", f"{model.id} answers{seen}.", figs), limits


async def check_openai(
    key: str,
    *,
    org: str | None = None,
    project: str | None = None,
    users: int | None = None,
    profile: str = DEFAULT_PROFILE_ID,
    models: list[RequiredModel] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver | None = None,
    env: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> KeyCheckResult:
    """Run every OpenAI check; never raises for a provider problem (it is a check)."""
    models = required_models(profile) if models is None else models
    est = plan_for(users, profile) if users is not None else None
    today = today or dt.date.today()
    if problem := key_problem(key):
        return stopped("openai", "key", "invalid_key", problem + " Set OPENAI_API_KEY or paste the key.")
    for label, value in (("Organization ID", org), ("Project ID", project)):
        if value and header_value_problem(value):
            msg = f"The {label} contains spaces or characters an id never has; paste it again."
            return stopped("openai", "organization", "invalid_org", msg)
    try:
        endpoint = openai_base_url(env)
        async with asyncio.timeout(timeout):
            await ensure_public(endpoint, resolver)
    except EndpointNotAllowedError as err:
        return stopped("openai", "endpoint", "endpoint_not_allowed", str(err))
    except TimeoutError:
        return stopped("openai", "endpoint", "timeout", "Resolving the OpenAI host timed out. Check this server's DNS.")
    except OSError:
        msg = f"Could not resolve {endpoint.host}. Check this server's DNS and network."
        return stopped("openai", "endpoint", "unreachable", msg)

    headers = {"authorization": f"Bearer {key}"}
    if org:
        headers["openai-organization"] = org
    if project:
        headers["openai-project"] = project
    async with _http.make_client(endpoint.base_url, timeout, transport) as client:
        checks, authed = await _auth(client, headers, timeout, org)
        if not authed:
            skipped = "Not checked: the key did not authenticate."
            checks += [Check(f"model {m.id}", "skip", "ok", skipped, {"model": m.id}) for m in models]
            return KeyCheckResult.of("openai", checks)
        found = await asyncio.gather(*(_model(client, headers, m, timeout, today) for m in models))
    checks += [c for c, _ in found]
    limits = {m.id: lim.as_limits() for m, (_, lim) in zip(models, found) if lim is not None}
    if est is not None:
        for m, (_, lim) in zip(models, found):
            if not m.retired(today) and (q := compare_need("openai", m, lim, est)):
                checks.append(q)
    return KeyCheckResult.of("openai", checks, limits)
