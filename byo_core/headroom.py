"""Headroom: need against the quota a customer has, and the users it covers."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .capacity import quota_need
from .catalog import Catalog, load_catalog
from .errors import InputError, UnknownModelError
from .estimate import estimate
from .inverse import check_quota, users_for_budget, users_for_quota
from .models import PlanInputs, Profile
from .numbers import dec
from .quota import Headroom, is_enough

Have = Mapping[str, tuple[int | None, int | None]]


def _need_for(model: str, profile: Profile):
    # Only the quota arithmetic: the search calls this dozens of times, and a whole
    # estimate (prices, plans, explanations) would be recomputed for nothing.
    def need_at(inputs: PlanInputs) -> tuple[int, int]:
        n = next(n for n in quota_need(profile, inputs)[2] if n.model == model)
        return n.rpm, n.tpm

    return need_at


def headroom(inputs: PlanInputs, have: Have, catalog: Catalog | None = None) -> list[Headroom]:
    """Per model of the profile: need vs have, and the most users the quota serves.

    ``have`` maps model id → (rpm, tpm); None (or a missing model) is unknown.
    """
    catalog = catalog or load_catalog()
    est = estimate(inputs, catalog)
    # Required-but-uncalled models (gpt-4-32k in 2023) may come from a key check: no need to compare.
    models = {n.model for n in est.quota_need} | set(est.profile.required_models)
    for m in have:
        if m not in models:
            raise UnknownModelError(m, f"to profile {est.profile.id!r}; its models are {', '.join(sorted(models))}")
    out = []
    for n in est.quota_need:
        rpm, tpm = have.get(n.model, (None, None))
        check_quota(rpm, f"{n.model} RPM")
        check_quota(tpm, f"{n.model} TPM")
        covered = None if rpm is None and tpm is None else users_for_quota(inputs, _need_for(n.model, est.profile), rpm, tpm)
        out.append(Headroom(n.model, n.rpm, n.tpm, rpm, tpm, is_enough(n, rpm, tpm), covered))
    return out


def users_within_budget(inputs: PlanInputs, monthly_budget_usd: object, catalog: Catalog | None = None) -> int:
    """Most users whose monthly spend fits the budget, on the same assumptions."""
    try:
        budget = dec(monthly_budget_usd)
    except Exception:
        raise InputError("monthly_budget_usd", monthly_budget_usd, "a budget in dollars, 0 or more") from None
    est = estimate(inputs, catalog)
    return users_for_budget(inputs, budget, est.spend.cost_per_query)


__all__ = ["headroom", "users_within_budget"]
