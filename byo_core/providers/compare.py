"""The limits a key showed vs the need the planning core computes for N users.

Per model: enough (pass), not enough (``quota_below_need``, fail) or unknown
(``quota_unknown``, warn) when the provider sent no usable figure. Azure often
sends only ``remaining`` figures; a remaining count at or above the need proves
the limit is enough, otherwise the answer stays unknown.
"""

from __future__ import annotations

from typing import Literal

from ..estimate import Estimate, estimate
from ..inputs import make_inputs
from ..models import DEFAULT_PROFILE_ID
from .limits import RateLimits
from .required import RequiredModel
from .results import Check

Verdict = Literal["enough", "short", "unknown"]


def plan_for(users: int, profile_id: str = DEFAULT_PROFILE_ID) -> Estimate:
    """The planning core's estimate for ``users`` (raises InputError on a bad count)."""
    return estimate(make_inputs(users=users, profile=profile_id))


def _verdict(need: int, limit: int | None, remaining: int | None) -> Verdict:
    if limit is not None:
        return "enough" if limit >= need else "short"
    if remaining is not None and remaining >= need:
        return "enough"
    return "unknown"


def _fix(provider: str, model: RequiredModel, est: Estimate, deployment: str | None) -> str:
    if provider == "azure":
        req = next((r for r in est.azure if r.model == model.id), None)
        if req is not None:
            name = f"deployment {deployment!r}" if deployment else "the deployment"
            return (
                f"Raise {name} to at least {req.request_tpm:,} TPM (brings {req.brings_rpm:,} RPM) "
                "in Azure AI Foundry → Deployments → Edit, or request more quota for the region."
            )
        return "Raise the deployment's TPM in Azure AI Foundry → Deployments → Edit."
    advice = est.openai
    if advice.tier is not None:
        return f"Move to OpenAI usage tier {advice.tier} ({advice.qualifies_at}), or request a limit increase."
    return "Request a rate-limit increase from OpenAI (Settings → Limits)."


def compare_need(
    provider: Literal["openai", "azure"],
    model: RequiredModel,
    found: RateLimits | None,
    est: Estimate,
    deployment: str | None = None,
) -> Check | None:
    """One ``quota <model>`` check, or None when the model has no need to compare."""
    need = next((n for n in est.quota_need if n.model == model.id), None)
    if need is None:
        return None
    users = est.inputs.users
    figures = {"model": model.id, "users": users, "need_rpm": need.rpm, "need_tpm": need.tpm, "basis": need.basis}
    name = f"quota {model.id}"
    if found is None:
        return Check(name, "skip", "quota_unknown", f"Not compared: the {model.id} check did not get through.", figures)
    figures |= {k: v for k, v in found.figures().items() if k.startswith(("limit", "remaining"))}
    rpm = _verdict(need.rpm, found.limit_requests, found.remaining_requests)
    tpm = _verdict(need.tpm, found.limit_tokens, found.remaining_tokens)
    needs = f"{users:,} users need {need.rpm:,} RPM and {need.tpm:,} TPM of {model.id}"
    has = (
        f"the key shows {_fmt(found.limit_requests, found.remaining_requests)} RPM"
        f" and {_fmt(found.limit_tokens, found.remaining_tokens)} TPM"
    )
    if "short" in (rpm, tpm):
        return Check(name, "fail", "quota_below_need", f"{needs}; {has}. {_fix(provider, model, est, deployment)}", figures)
    if rpm == tpm == "enough":
        return Check(name, "pass", "ok", f"{needs}; {has}: enough.", figures)
    return Check(
        name,
        "warn",
        "quota_unknown",
        f"{needs}; {has}, so whether it is enough is unknown. "
        "Compare with the limit shown in the provider's portal (OpenAI: Settings → Limits; Azure: the deployment's TPM).",
        figures,
    )


def _fmt(limit: int | None, remaining: int | None) -> str:
    if limit is not None:
        return f"a limit of {limit:,}"
    if remaining is not None:
        return f"at least {remaining:,} (remaining)"
    return "no figure for"
