"""A rollout plan: users month by month → spend and quota month by month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .catalog import Catalog, load_catalog
from .errors import InputError
from .estimate import estimate
from .models import PlanInputs

MAX_MONTHS = 60


@dataclass(frozen=True)
class RolloutMonth:
    month: int
    users: int
    queries: Decimal
    monthly: Decimal
    cumulative: Decimal
    """Spend from month 1 to this month, inclusive."""
    rpm: int
    tpm: int
    """The headline model's need on the chosen basis at this month's users."""


def ramp(target_users: int, months: int, start_users: int = 0) -> list[int]:
    """Users per month, rising in equal steps from ``start_users`` to reach ``target_users`` in the last month.

    With one month, everyone starts at once. Steps round up, so the plan never
    falls short of the straight line.
    """
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= MAX_MONTHS:
        raise InputError("months", months, f"a whole number of months from 1 to {MAX_MONTHS}")
    if not isinstance(target_users, int) or target_users < 0:
        raise InputError("users", target_users, "a whole number of users, 0 or more")
    if not isinstance(start_users, int) or not 0 <= start_users <= target_users:
        raise InputError("start_users", start_users, f"a whole number of users from 0 to {target_users:,}")
    if months == 1:
        return [target_users]
    gap = target_users - start_users
    return [start_users + -(-gap * m // months) for m in range(1, months + 1)]


def plan(inputs: PlanInputs, users_by_month: Sequence[int], catalog: Catalog | None = None) -> list[RolloutMonth]:
    """Spend and headline quota for each month's user count, on the same assumptions."""
    catalog = catalog or load_catalog()
    out: list[RolloutMonth] = []
    total = Decimal(0)
    for i, users in enumerate(users_by_month, start=1):
        if not isinstance(users, int) or isinstance(users, bool) or users < 0:
            raise InputError(f"month {i} users", users, "a whole number of users, 0 or more")
        est = estimate(inputs.model_copy(update={"users": users}), catalog)
        total += est.spend.monthly
        need = est.headline_need
        out.append(RolloutMonth(i, users, est.spend.queries_per_month, est.spend.monthly, total, need.rpm, need.tpm))
    return out
