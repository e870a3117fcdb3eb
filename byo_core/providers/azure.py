"""Check an Azure OpenAI key: endpoint, key, each deployment and its model, limits.

There is no GA data-plane call that lists deployments, so each deployment is
checked with one minimal request (all concurrently): it exists, it serves the
expected model (the response's ``model`` field, in Azure spelling; an
``OperationNotSupported`` error names the real one), and its rate-limit
headers where Azure sends them. The key is judged from all the answers: Azure
checks it before the deployment, so any 401 means a wrong key (or endpoint).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from typing import Mapping
from urllib.parse import quote

import httpx

from ..errors import EndpointNotAllowedError, InputError
from ..models import DEFAULT_PROFILE_ID
from . import _http
from ._http import DEFAULT_TIMEOUT, Failed, Reply, generic_failure
from ._shared import CHAT_PROBE, EMBEDDING_PROBE, key_problem, retired_check, retired_snapshot, serves, stopped
from .compare import compare_need, plan_for
from .endpoints import Endpoint, Resolver, ensure_public, parse_azure_endpoint
from .limits import RateLimits
from .required import RequiredModel, required_models, usual_deployments, valid_deployment_name
from .results import Check, KeyCheckResult

API_VERSION = "2024-10-21"
_NAMED_MODEL = re.compile(r"specified model,?\s+([A-Za-z0-9._-]+?)\.?(?:\s|$)")
_RETIRED_HINT = re.compile(r"deprecat|retire", re.IGNORECASE)


def _deploy_fix(model: RequiredModel, name: str) -> str:
    return (
        f"Create a deployment of {model.azure_name} named {name!r} (Azure AI Foundry → Deployments → Deploy model), "
        f"or enter the name of the deployment that serves {model.azure_name}."
    )


Outcome = tuple[Check, RateLimits | None]


def _answered(name: str, model: RequiredModel, dep: str, reply: Reply, figs: dict, today: dt.date) -> Outcome:
    """A 200 with a JSON object: which model does the deployment serve?"""
    limits = RateLimits.from_headers(reply.headers)
    served = reply.body.get("model") if isinstance(reply.body.get("model"), str) else None
    figs = {**figs, "served_model": served, **limits.figures()}
    if served is None:
        msg = f"Deployment {dep!r} answers, but Azure named no model, so the model is not confirmed."
        return Check(name, "warn", "bad_response", msg, figs), limits
    if not serves(model, served):
        msg = f"Deployment {dep!r} serves {served}, not {model.azure_name}. {_deploy_fix(model, dep)}"
        return Check(name, "fail", "wrong_model", msg, figs), limits
    if gone := retired_snapshot(served, today):
        msg = f"Deployment {dep!r} serves {served}, retired on {gone[0]}. Upgrade the deployment's model version."
        return Check(name, "warn", "model_retired", msg, figs), limits
    return Check(name, "pass", "ok", f"Deployment {dep!r} serves {served}.", figs), limits


def _refused(name: str, model: RequiredModel, dep: str, reply: Reply, figs: dict) -> Outcome:
    """Azure's documented errors (provider-apis.md); its own text is only mined for a model name."""
    code = reply.error_code or ""
    if reply.status == 401:  # judged once for all deployments, as the `key` check
        return Check(name, "skip", "invalid_key", "Not checked: Azure refused the key.", figs), None
    if _RETIRED_HINT.search(code) or reply.status == 410:
        msg = f"Deployment {dep!r}: Azure says its model is retired. Deploy a current version of {model.azure_name}."
        return Check(name, "warn", "model_retired", msg, figs), None
    if code == "OperationNotSupported":
        real = _NAMED_MODEL.search(reply.error_message)
        figs = {**figs, "served_model": real.group(1) if real else None}
        what = real.group(1) if real else "a different kind of model"
        msg = f"Deployment {dep!r} serves {what}, not {model.azure_name}. {_deploy_fix(model, dep)}"
        return Check(name, "fail", "wrong_model", msg, figs), None
    if reply.status == 404:
        msg = f"No deployment named {dep!r} on this resource. {_deploy_fix(model, dep)}"
        return Check(name, "fail", "deployment_not_found", msg, figs), None
    if reply.status == 429 and "insufficient_quota" in (code, reply.error_type):
        msg = "The subscription is out of quota or credit for this model. Check its quota and billing in the Azure portal."
        return Check(name, "fail", "insufficient_quota", msg, figs), None
    if reply.status == 429:
        limits = RateLimits.from_headers(reply.headers)
        figs = {**figs, "retry_after_s": _seconds(reply.headers.get("retry-after")), **limits.figures()}
        msg = (f"Deployment {dep!r} exists, but its rate limit is used up right now; retry in a minute. "
               "If this persists, raise its TPM.")
        return Check(name, "warn", "rate_limited", msg, figs), limits
    if reply.status == 403:
        msg = (f"The resource refused the call to {dep!r} (403): its network rules (firewall, private endpoint) "
               "or the key's permissions block this server.")
        return Check(name, "fail", "no_model_access", msg, figs), None
    msg = f"Deployment {dep!r}: Azure refused the probe (HTTP {reply.status}, code {code or 'none'})."
    return Check(name, "fail", "bad_response", msg, figs), None


def _classify(name: str, model: RequiredModel, dep: str, reply: Reply | Failed, today: dt.date) -> Outcome:
    figs = {"model": model.id, "deployment": dep}
    if isinstance(reply, Failed):
        return Check(name, "fail", reply.code, reply.message, figs), None
    figs["http_status"] = reply.status
    if reply.status == 200 and isinstance(reply.body, dict):
        return _answered(name, model, dep, reply, figs, today)
    if reply.status == 200:
        return Check(name, "fail", "bad_response", f"Deployment {dep!r}: the answer was not the API's JSON object.", figs), None
    if generic := generic_failure(reply, f"Deployment {dep!r}"):
        return Check(name, "fail", generic[0], generic[1], figs), None
    return _refused(name, model, dep, reply, figs)


def _seconds(raw: str | None) -> int | None:
    return int(raw) if raw and raw.strip().isdigit() else None


async def _probe(client, key, model: RequiredModel, deployment: str, timeout, today) -> Outcome:
    name = f"deployment {deployment} ({model.id})"  # unique even if two models share a name
    if not valid_deployment_name(deployment):  # it becomes part of the path: never send an odd one
        msg = f"{deployment!r} is not a valid deployment name (letters, digits, '-', '_', '.'; up to 64)."
        return Check(name, "fail", "deployment_not_found", msg, {"model": model.id}), None
    kind, body = ("chat/completions", CHAT_PROBE) if model.kind == "chat" else ("embeddings", EMBEDDING_PROBE)
    path = f"/openai/deployments/{quote(deployment, safe='')}/{kind}"
    reply = await _http.send(
        client, "POST", path, headers={"api-key": key}, timeout=timeout, json_body=body, params={"api-version": API_VERSION}
    )
    check, limits = _classify(name, model, deployment, reply, today)
    if model.retired(today) and check.code != "invalid_key":
        answered = check.figures.get("http_status") == 200
        outcome = "The deployment still answers." if answered else f"It did not answer ({check.code}), as expected."
        return retired_check(name, model, outcome, dict(check.figures)), None
    return check, limits


def _key_check(checks: list[Check], endpoint: Endpoint) -> Check:
    if any(c.code == "invalid_key" for c in checks):
        msg = (f"Azure refused the key for {endpoint.host}: it is wrong, or belongs to another resource. "
               "Copy KEY 1 from the resource's Keys and Endpoint page, and check the endpoint.")
        return Check("key", "fail", "invalid_key", msg, {})
    if any("http_status" in c.figures for c in checks):
        return Check("key", "pass", "ok", f"{endpoint.host} accepted the key.", {})
    return Check("key", "skip", "ok", "Not confirmed: no deployment answered.", {})


def resolve_deployments(models: list[RequiredModel], given: Mapping[str, str] | None) -> dict[str, str]:
    """model id -> deployment name; a model left out uses its usual name."""
    known = {m.id for m in models}
    for model_id in given or {}:
        if model_id not in known:
            allowed = f"MODEL must be one of the required models: {', '.join(sorted(known))}"
            raise InputError("deployment", model_id, allowed)
    return {**usual_deployments(models), **{k: v.strip() for k, v in (given or {}).items()}}


async def check_azure(
    key: str,
    endpoint: str,
    deployments: Mapping[str, str] | None = None,
    *,
    users: int | None = None,
    profile: str = DEFAULT_PROFILE_ID,
    models: list[RequiredModel] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver | None = None,
    env: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> KeyCheckResult:
    """Run every Azure check. Raises only ``InputError`` for an unknown MODEL in ``deployments``."""
    models = required_models(profile) if models is None else models
    names = resolve_deployments(models, deployments)
    est = plan_for(users, profile) if users is not None else None
    today = today or dt.date.today()
    if problem := key_problem(key):
        return stopped("azure", "key", "invalid_key", problem + " Set AZURE_OPENAI_API_KEY or paste KEY 1.")
    if key.lower() in (endpoint or "").lower() or key.lower() in " ".join(names.values()).lower():
        # A key pasted into the wrong field must not be echoed, resolved in DNS or sent as a path.
        msg = "The endpoint or a deployment name contains the key. Paste the key only into the key field."
        return stopped("azure", "endpoint", "endpoint_not_allowed", msg)
    try:
        ep = parse_azure_endpoint(endpoint, env)
        async with asyncio.timeout(timeout):
            await ensure_public(ep, resolver)
    except EndpointNotAllowedError as err:
        return stopped("azure", "endpoint", "endpoint_not_allowed", str(err))
    except TimeoutError:
        msg = "Resolving the endpoint timed out. Check this server's DNS."
        return stopped("azure", "endpoint", "timeout", msg, {"host": ep.host})
    except OSError:
        msg = f"{ep.host} does not resolve: check the resource name, or that the resource exists."
        return stopped("azure", "endpoint", "unreachable", msg, {"host": ep.host})

    async with _http.make_client(ep.base_url, timeout, transport) as client:
        found = await asyncio.gather(*(_probe(client, key, m, names[m.id], timeout, today) for m in models))
    probes = [c for c, _ in found]
    reached = Check("endpoint", "pass", "ok", f"Checking {ep.base_url}.", {"host": ep.host})
    checks = [reached, _key_check(probes, ep), *probes]
    limits = {m.id: lim.as_limits() for m, (_, lim) in zip(models, found) if lim is not None}
    if est is not None:
        for m, (_, lim) in zip(models, found):
            if not m.retired(today) and (q := compare_need("azure", m, lim, est, names[m.id])):
                checks.append(q)
    return KeyCheckResult.of("azure", checks, limits)
