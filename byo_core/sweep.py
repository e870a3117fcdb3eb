"""Spend and quota over a range of user counts, as tidy DataFrames for charts.

Cost per query does not depend on users, so it is computed once; each user
count then costs only the capacity arithmetic. Floats appear here because these
frames feed charts: exact figures come from ``estimate``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from . import capacity
from .catalog import Catalog, load_catalog
from .cost import queries_per_month, stage_costs
from .errors import InputError
from .models import Basis, PlanInputs

RULE_BASES = (Basis.LINEAR, Basis.PUBLISHED)


def _users(users: Iterable[int]) -> list[int]:
    out = sorted(set(users))
    for u in out:
        if not isinstance(u, int) or isinstance(u, bool) or u < 0:
            raise InputError("users", u, "whole numbers of users, 0 or more")
    return out


def spend_curve(inputs: PlanInputs, users: Iterable[int], catalog: Catalog | None = None) -> pd.DataFrame:
    """Columns: users, queries_per_month, monthly_usd, annual_usd."""
    catalog = catalog or load_catalog()
    profile = catalog.profile(inputs.profile)
    per_query = sum((c.usd_per_query for c in stage_costs(profile, catalog, inputs.price_set)), Decimal(0))
    rows = []
    for u in _users(users):
        q = queries_per_month(inputs.model_copy(update={"users": u}))
        rows.append({"users": u, "queries_per_month": float(q), "monthly_usd": float(q * per_query), "annual_usd": float(12 * q * per_query)})
    return pd.DataFrame(rows, columns=["users", "queries_per_month", "monthly_usd", "annual_usd"])


def quota_curve(inputs: PlanInputs, users: Iterable[int], catalog: Catalog | None = None) -> pd.DataFrame:
    """Long format, one row per (users, role, basis): columns users, role, model, basis, rpm, tpm.

    Guided roles get a row on the linear and published bases (where those exist);
    every role gets a bottom-up row.
    """
    catalog = catalog or load_catalog()
    profile = catalog.profile(inputs.profile)
    rows = []
    for u in _users(users):
        at = inputs.model_copy(update={"users": u})
        qpm = capacity.peak_qpm(at, profile)
        for s in profile.stages:
            rpm, tpm = capacity.bottom_up_role(s, qpm)
            rows.append({"users": u, "role": s.role, "model": s.model, "basis": Basis.BOTTOM_UP.value, "rpm": rpm, "tpm": tpm})
        for g in profile.guidance:
            need = capacity.guided_need(g, at)
            for b in RULE_BASES:
                rpm, tpm = getattr(need, f"{b.value}_rpm"), getattr(need, f"{b.value}_tpm")
                if rpm is not None or tpm is not None:
                    rows.append({"users": u, "role": g.role, "model": g.model, "basis": b.value, "rpm": rpm, "tpm": tpm})
    return pd.DataFrame(rows, columns=["users", "role", "model", "basis", "rpm", "tpm"])


def published_points(inputs: PlanInputs, catalog: Catalog | None = None) -> pd.DataFrame:
    """The vendor's published examples: columns role, model, users, rpm, tpm."""
    catalog = catalog or load_catalog()
    profile = catalog.profile(inputs.profile)
    rows = [
        {"role": g.role, "model": g.model, "users": p.users, "rpm": p.rpm, "tpm": p.tpm}
        for g in profile.guidance
        for p in g.examples
    ]
    return pd.DataFrame(rows, columns=["role", "model", "users", "rpm", "tpm"])
