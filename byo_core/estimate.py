"""One estimate: spend, quota need, quota plans and the explanations beside them.

``estimate(inputs)`` is the one call the pages, the CLI and notebooks make;
every number they show is a field of the ``Estimate`` it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import capacity, cost, quota
from .capacity import GuidedNeed, ImpliedLoad, ModelNeed, RoleNeed
from .catalog import Catalog, load_catalog
from .cost import ModelCost, Spend, StageCost
from .models import Basis, PlanInputs, Profile
from .numbers import money_str
from .quota import AzureRequest, TierAdvice


@dataclass(frozen=True)
class Estimate:
    inputs: PlanInputs
    profile: Profile
    guided: list[GuidedNeed]
    """Per role with published guidance: the need on the linear and published bases."""
    role_needs: list[RoleNeed]
    """Per role (one Azure deployment each) on the chosen basis."""
    quota_need: list[ModelNeed]
    """Per model on the chosen basis: what a key's limits must cover."""
    bottom_up: list[ModelNeed]
    """Per model from query volume alone."""
    loads: list[ImpliedLoad]
    stage_costs: list[StageCost]
    cost_by_model: list[ModelCost]
    spend: Spend
    azure: list[AzureRequest]
    openai: TierAdvice
    price_set: str
    explanations: list[str] = field(default_factory=list)

    @property
    def headline(self) -> GuidedNeed | None:
        """The guided role the vendor's headline rule is about (the first)."""
        return self.guided[0] if self.guided else None

    @property
    def headline_need(self) -> RoleNeed:
        """The RPM/TPM shown as the headline: the guided role's, else the busiest role's."""
        if self.headline is not None:
            return next(r for r in self.role_needs if r.role == self.headline.role)
        return max(self.role_needs, key=lambda r: r.tpm)

    def to_dict(self) -> dict[str, Any]:
        return to_json(self)


def estimate(inputs: PlanInputs | None = None, catalog: Catalog | None = None) -> Estimate:
    inputs = inputs or PlanInputs()
    catalog = catalog or load_catalog()
    profile = catalog.profile(inputs.profile)
    price_set = inputs.price_set or profile.price_set
    guided, roles, needs = capacity.quota_need(profile, inputs)
    costs = cost.stage_costs(profile, catalog, price_set)
    per_query = sum((c.usd_per_query for c in costs), Decimal(0))
    loads = [_load(profile, inputs, g, roles) for g in guided]
    est = Estimate(
        inputs=inputs,
        profile=profile,
        guided=guided,
        role_needs=roles,
        quota_need=needs,
        bottom_up=capacity.bottom_up_models(profile, inputs),
        loads=loads,
        stage_costs=costs,
        cost_by_model=cost.by_model(costs),
        spend=cost.spend(inputs, per_query),
        azure=quota.azure_requests(roles, catalog.azure_quota) if profile.provider in AZURE_PROVIDERS else [],
        openai=_openai_advice(profile, needs, catalog),
        price_set=price_set,
    )
    est.explanations.extend(explain(est))
    return est


OPENAI_PROVIDERS = {"openai", "azure", "openai-or-azure", "any"}
AZURE_PROVIDERS = {"azure", "openai-or-azure", "any"}


def _openai_advice(profile: Profile, needs: list[ModelNeed], catalog: Catalog) -> TierAdvice:
    advice = quota.openai_tier(needs, catalog.tiers)
    if profile.provider in OPENAI_PROVIDERS:
        return advice
    return TierAdvice(None, None, False, [], [], advice.source_url, advice.as_of, applies=False)


def _load(profile: Profile, inputs: PlanInputs, g: GuidedNeed, roles: list[RoleNeed]) -> ImpliedLoad:
    r = next(r for r in roles if r.role == g.role)
    return capacity.implied_load(profile, inputs, g, r.rpm, r.tpm)


def _n(x: int | Decimal) -> str:
    return f"{x:,}"


def basis_sentences(g: GuidedNeed, basis: Basis) -> list[str]:
    """Where the per-500-users rule and the published examples differ, say so."""
    out = []
    for metric in ("rpm", "tpm"):
        lin, pub = getattr(g, f"linear_{metric}"), getattr(g, f"published_{metric}")
        if lin is None or pub is None or lin == pub:
            continue
        shown = {"published": "the published figure", "linear": "the per-500-users figure"}.get(
            basis.value, "neither: bottom-up sizing from your query volume"
        )
        out.append(
            f"For {g.model}, the per-500-users rule gives {_n(lin)} {metric.upper()} at {_n(g.sized_users)} users; "
            f"the vendor's published examples give {_n(pub)} — we show {shown}."
        )
    return out


def explain(est: Estimate) -> list[str]:
    out: list[str] = []
    for g in est.guided:
        out.extend(basis_sentences(g, est.inputs.basis))
    if est.guided and est.inputs.round_blocks and est.guided[0].sized_users != est.inputs.users:
        out.append(
            f"Quota is sized for {_n(est.guided[0].sized_users)} users: the vendor's rule counts whole blocks of 500."
        )
    rate = capacity.peak_rate(est.inputs, est.profile)
    if est.inputs.peak_qpm_per_user is None and rate is not None:
        out.append(
            f"Bottom-up figures use the source's {rate} peak queries per minute per user, "
            "not your queries per day; set a peak rate to override it."
        )
    for c in est.stage_costs:
        if c.cached_priced_as_input:
            out.append(f"{c.model}: the price set has no cached-input price, so cached tokens are charged at the full input price.")
    return out


def _need(n: ModelNeed | RoleNeed) -> dict[str, Any]:
    return {"model": n.model, "rpm": n.rpm, "tpm": n.tpm}


def assumptions_json(i: PlanInputs) -> dict[str, Any]:
    """The volume assumptions behind an estimate, as JSON (numbers as decimal strings)."""
    return {
        "queries_per_user_per_day": money_str(i.queries_per_user_per_day),
        "working_days": i.working_days,
        "business_hours": money_str(i.business_hours),
        "peak_factor": money_str(i.peak_factor),
        "active_share": money_str(i.active_share),
        "peak_qpm_per_user": None if i.peak_qpm_per_user is None else money_str(i.peak_qpm_per_user),
        "round_blocks": i.round_blocks,
    }


def to_json(est: Estimate) -> dict[str, Any]:
    """The CLI's JSON contract (README, 'JSON keys'). Money as decimal strings."""
    head = est.headline
    lead = est.headline_need
    s = est.spend
    i = est.inputs
    return {
        "users": i.users,
        "profile": est.profile.id,
        "profile_name": est.profile.name,
        "source_url": str(est.profile.source_url),
        "as_of": est.profile.as_of.isoformat(),
        "price_set": est.price_set,
        "assumptions": assumptions_json(i),
        "capacity": {
            "basis": i.basis.value,
            "model": lead.model,
            "role": lead.role,
            "sized_users": head.sized_users if head else i.users,
            "rpm": lead.rpm,
            "tpm": lead.tpm,
            "linear": {"rpm": head.linear_rpm if head else None, "tpm": head.linear_tpm if head else None},
            "published": {"rpm": head.published_rpm if head else None, "tpm": head.published_tpm if head else None},
            "by_model": [_need(n) for n in est.bottom_up],
            "need_by_model": [_need(n) | {"basis": n.basis} for n in est.quota_need],
            "azure": [
                {"role": a.role, "model": a.model, "request_tpm": a.request_tpm, "brings_rpm": a.brings_rpm}
                for a in est.azure
            ],
            "openai_tier": est.openai.tier,
            "openai_tier_message": est.openai.message,
        },
        "cost": {
            "per_query_usd": money_str(s.cost_per_query),
            "by_model": [
                {"model": c.model, "usd_per_query": money_str(c.usd_per_query), "share": money_str(round(c.share, 6))}
                for c in est.cost_by_model
            ],
            "queries_per_month": money_str(s.queries_per_month),
            "monthly_usd": money_str(s.monthly),
            "annual_usd": money_str(s.annual),
            "per_user_monthly_usd": None if s.per_user_monthly is None else money_str(s.per_user_monthly),
        },
        "explanations": est.explanations,
    }
