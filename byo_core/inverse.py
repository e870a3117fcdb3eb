"""Inverse questions: how many users a budget or a quota covers.

Both search the forward computation itself, so the answer is by construction
the largest user count whose forward result fits — whatever basis, rounding
or profile is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .errors import InputError
from .models import PlanInputs

MAX_USERS = 10_000_000


def largest_fitting(fits: Callable[[int], bool], limit: int = MAX_USERS) -> int:
    """Largest n in [0, limit] with fits(n), for a fits() that turns false once and stays so."""
    if not fits(0):
        return 0
    lo, hi = 0, 1
    while hi < limit and fits(hi):
        lo, hi = hi, min(hi * 2, limit)
    if fits(hi):
        return hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


def users_for_budget(inputs: PlanInputs, monthly_budget_usd: Decimal, cost_per_query: Decimal) -> int:
    """Most users whose monthly spend stays within the budget."""
    if not monthly_budget_usd.is_finite() or monthly_budget_usd < 0:
        raise InputError("monthly_budget_usd", monthly_budget_usd, "a budget of 0 or more dollars")
    per_user = inputs.active_share * inputs.queries_per_user_per_day * inputs.working_days * cost_per_query
    if per_user == 0:
        return MAX_USERS
    return min(MAX_USERS, int(monthly_budget_usd / per_user))


def check_quota(value: int | None, field: str) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise InputError(field, value, "a whole number of 0 or more")


def users_for_quota(
    inputs: PlanInputs,
    need_at: Callable[[PlanInputs], tuple[int, int]],
    have_rpm: int | None,
    have_tpm: int | None,
) -> int:
    """Most users whose (rpm, tpm) need, as ``need_at`` computes it, fits the quota."""
    check_quota(have_rpm, "have_rpm")
    check_quota(have_tpm, "have_tpm")

    def fits(n: int) -> bool:
        rpm, tpm = need_at(inputs.model_copy(update={"users": n}))
        return (have_rpm is None or rpm <= have_rpm) and (have_tpm is None or tpm <= have_tpm)

    return largest_fitting(fits)
