"""Check an OpenAI key: authentication, organization, each required model, limits.

Order, and why: ``GET /models`` first (free) answers "does the key work" and
echoes the billed org; then, concurrently per model, ``GET /models/{id}``
(free: is it available?) and only if it is, one minimal paid probe (1 token)
to read the ``x-ratelimit-*`` headers and the model actually served.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Mapping
from urllib.parse import quote

import httpx

from ..errors import EndpointNotAllowedError
from ..models import DEFAULT_PROFILE_ID
from . import _http
from ._http import DEFAULT_TIMEOUT, Failed, Reply, generic_failure
from ._shared import CHAT_PROBE, EMBEDDING_PROBE, header_value_problem, key_problem, retired_check, retired_snapshot, serves
from .compare import compare_need, plan_for
from .endpoints import Resolver, ensure_public, openai_base_url
from .limits import RateLimits, limit_from_rate_limit_message
from .required import RequiredModel, required_models
from .results import Check, KeyCheckResult

BILLING_FIX = "Add credit or raise the monthly budget at platform.openai.com → Settings → Billing / Limits."


def _error_check(name: str, reply: Reply | Failed, model: str | None = None) -> Check:
    """Map any non-success answer to a check; messages are ours, never the provider's."""
    figs = {"model": model} if model else {}
    what = model or "the key"
    if isinstance(reply, Failed):
        return Check(name, "fail", reply.code, reply.message, figs)
    figs["http_status"] = reply.status
    generic = generic_failure(reply, what)
    if generic:
        return Check(name, "fail", generic[0], generic[1], figs)
    code, kind = reply.error_code, reply.error_type
    if reply.status == 401:
        if code == "mismatched_organization":
            return Check(name, "fail", "org_mismatch", "The key is not a member of the organization given. Use the Organization ID shown with this key at platform.openai.com → Settings → Organization, or a key of that organization.", figs)
        if code in ("invalid_organization", "no_organization"):
            return Check(name, "fail", "invalid_org", "The organization is unknown or the key's account belongs to no organization. Copy the Organization ID from platform.openai.com → Settings → Organization, or leave it empty.", figs)
        return Check(name, "fail", "invalid_key", "OpenAI refused the key: it is wrong, revoked or mistyped. Create a new secret key at platform.openai.com → API keys and paste it whole.", figs)
    if reply.status == 403 and code == "unsupported_country_region_territory":
        return Check(name, "fail", "unsupported_region", "OpenAI does not serve the country or region this server calls from. Run the check (and the assistant) from a supported region.", figs)
    if reply.status in (403, 404) and (code == "model_not_found" or reply.status == 404):
        if reply.status == 403:
            return Check(name, "fail", "no_model_access", f"The project's model allow-list blocks {what}. Allow it in platform.openai.com → Settings → Project → Limits, or use another project.", figs)
        return Check(name, "fail", "model_not_found", f"{what} is not available to this key. GPT-4 access needs a paid account (at least $1 paid); check the model name and the account's access.", figs)
    if reply.status == 429:
        if code == "insufficient_quota" or kind == "insufficient_quota":
            return Check(name, "fail", "insufficient_quota", f"The account is out of credit or over its spend limit, so every call fails. {BILLING_FIX}", figs)
        return Check(name, "warn", "rate_limited", f"The key works, but the rate limit for {what} is used up right now; retry in a minute. If this persists, the limit is too low for your use.", figs)
    return Check(name, "fail", "bad_response", f"{what}: OpenAI refused the request (HTTP {reply.status}, code {code or 'none'}). Retry; if it persists, report it with that code.", figs)


async def _auth(client, headers, timeout, org) -> tuple[list[Check], bool]:
    reply = await _http.send(client, "GET", "/models", headers=headers, timeout=timeout)
    if isinstance(reply, Failed) or reply.status != 200 or not isinstance(reply.body, dict):
        if isinstance(reply, Reply) and reply.status == 200:
            return [Check("key", "fail", "bad_response", "The model list was not the API's JSON. Check BYO_OPENAI_BASE_URL and any proxy in between.", {})], False
        check = _error_check("organization" if _is_org_error(reply) else "key", reply)
        return [check], check.status != "fail"
    checks = [Check("key", "pass", "ok", "OpenAI accepted the key.", {})]
    echoed = reply.headers.get("openai-organization")
    figs = {"organization": echoed}
    if org and echoed and echoed != org:
        checks.append(Check("organization", "fail", "org_mismatch", f"The key billed organization {echoed}, not {org}. Enter {echoed}, or use a key of {org}.", figs))
    elif echoed:
        checks.append(Check("organization", "pass", "ok", f"Calls are billed to organization {echoed}.", figs))
    else:
        checks.append(Check("organization", "skip", "ok", "OpenAI did not say which organization it billed, so it was not confirmed.", figs))
    return checks, True


def _is_org_error(reply: Reply | Failed) -> bool:
    return isinstance(reply, Reply) and reply.error_code in ("mismatched_organization", "invalid_organization", "no_organization")


async def _model(client, headers, model: RequiredModel, timeout, today) -> tuple[Check, RateLimits | None]:
    name = f"model {model.id}"
    reply = await _http.send(client, "GET", f"/models/{quote(model.id, safe='')}", headers=headers, timeout=timeout)
    if model.retired(today):
        listed = isinstance(reply, Reply) and reply.status == 200
        outcome = "The key can still list it." if listed else "OpenAI no longer serves it."
        return retired_check(name, model, outcome, {}), None
    if isinstance(reply, Failed) or reply.status != 200:
        return _error_check(name, reply, model.id), None
    path, body = ("/chat/completions", CHAT_PROBE) if model.kind == "chat" else ("/embeddings", EMBEDDING_PROBE)
    probe = await _http.send(client, "POST", path, headers=headers, timeout=timeout, json_body={"model": model.id, **body})
    if isinstance(probe, Reply) and probe.status == 429:
        limits = RateLimits.from_headers(probe.headers)
        if not limits.any:
            limits = limit_from_rate_limit_message(probe.error_message, probe.error_type)
        check = _error_check(name, probe, model.id)
        return Check(check.check, check.status, check.code, check.message, {**check.figures, **limits.figures()}), (limits if check.code == "rate_limited" else None)
    if isinstance(probe, Failed) or probe.status != 200:
        return _error_check(name, probe, model.id), None
    if not isinstance(probe.body, dict):
        return Check(name, "fail", "bad_response", f"{model.id}: the answer was not the API's JSON object.", {"model": model.id}), None
    limits = RateLimits.from_headers(probe.headers)
    served = probe.body.get("model") if isinstance(probe.body.get("model"), str) else None
    figs = {"model": model.id, "served_model": served, **limits.figures()}
    if served and not serves(model, served):
        return Check(name, "fail", "wrong_model", f"Asked for {model.id} but OpenAI served {served}. Check the model id and any proxy that rewrites models.", figs), limits
    if served and (gone := retired_snapshot(served, today)):
        return Check(name, "warn", "model_retired", f"{model.id} is served by {served}, retired on {gone[0]}. Pin a current snapshot.", figs), limits
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
        return KeyCheckResult.of("openai", [Check("key", "fail", "invalid_key", problem + " Set OPENAI_API_KEY or paste the key.", {})])
    for label, value in (("Organization ID", org), ("Project ID", project)):
        if value and header_value_problem(value):
            return KeyCheckResult.of("openai", [Check("organization", "fail", "invalid_org", f"The {label} contains spaces or characters an id never has; paste it again.", {})])
    try:
        endpoint = openai_base_url(env)
        async with asyncio.timeout(timeout):
            await ensure_public(endpoint, resolver)
    except EndpointNotAllowedError as err:
        return KeyCheckResult.of("openai", [Check("endpoint", "fail", "endpoint_not_allowed", str(err), {})])
    except TimeoutError:
        return KeyCheckResult.of("openai", [Check("endpoint", "fail", "timeout", "Resolving the OpenAI host timed out. Check this server's DNS.", {})])
    except OSError:
        return KeyCheckResult.of("openai", [Check("endpoint", "fail", "unreachable", f"Could not resolve {endpoint.host}. Check this server's DNS and network.", {})])

    headers = {"authorization": f"Bearer {key}"}
    if org:
        headers["openai-organization"] = org
    if project:
        headers["openai-project"] = project
    async with _http.make_client(endpoint.base_url, timeout, transport) as client:
        checks, authed = await _auth(client, headers, timeout, org)
        if not authed:
            checks += [Check(f"model {m.id}", "skip", "ok", "Not checked: the key did not authenticate.", {"model": m.id}) for m in models]
            return KeyCheckResult.of("openai", checks)
        found = await asyncio.gather(*(_model(client, headers, m, timeout, today) for m in models))
    checks += [c for c, _ in found]
    limits = {m.id: lim.as_limits() for m, (_, lim) in zip(models, found) if lim is not None}
    if est is not None:
        for m, (_, lim) in zip(models, found):
            if not m.retired(today) and (q := compare_need("openai", m, lim, est)):
                checks.append(q)
    return KeyCheckResult.of("openai", checks, limits)
