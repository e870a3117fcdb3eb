"""Spend and quota over a range of user counts, as tidy DataFrames for charts.

Cost per query does not depend on users, so it is computed once. Floats appear
here because these frames feed charts: exact figures come from ``estimate``.

Speed: a chart sweeps ~1,000 user counts, and running the Decimal arithmetic of
``capacity``/``cost`` once per point cost ~650 single estimates (bench/). So
each figure is written as an exact rational in the user count, ``u × N / M``
with integer N and M, and evaluated for all points at once with integer
arithmetic: ceil(u × N / M) for quota, correctly rounded u × N / M for the
spend floats. This gives exactly what the Decimal path gives (28 significant
digits, ``tests/test_sweep.py`` and ``tests/test_sweep_identical.py``) because:

- a product of Decimals is exact while its digits fit in 28, which the guards
  below check for the largest user count (digits only grow with it);
- where a division rounds, the relative error is below 1e-26, and a fraction
  with denominator M lies at least 1/M from a whole number, so the ceiling can
  only move when the exact value is a whole number: those few points (where
  the Decimal division did not terminate) are recomputed on the Decimal path.

Anything outside the guards (huge inputs, odd data) takes the reference path,
``_spend_rows``/``_quota_rows``, which is the original per-point code.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from . import capacity
from .catalog import Catalog, load_catalog
from .cost import queries_per_month, stage_costs
from .errors import InputError
from .models import Basis, PlanInputs, Profile

RULE_BASES = (Basis.LINEAR, Basis.PUBLISHED)
SPEND_COLUMNS = ["users", "queries_per_month", "monthly_usd", "annual_usd"]
QUOTA_COLUMNS = ["users", "role", "model", "basis", "rpm", "tpm"]

_EXACT_DIGITS = 27  # below Decimal's default 28: a product this short is exact
_INT64_SAFE = 2**62  # |u × N| stays below this, so int64 never overflows


def _users(users: Iterable[int]) -> list[int]:
    out = sorted(set(users))
    if set(map(type, out)) <= {int} and (not out or out[0] >= 0):  # the common case, checked in C
        return out
    for u in out:
        if not isinstance(u, int) or isinstance(u, bool) or u < 0:
            raise InputError("users", u, "whole numbers of users, 0 or more")
    return out


# --- exact helpers ------------------------------------------------------------


def _coef(d: Decimal | int) -> int:
    """The integer coefficient of a Decimal (its significant digits), at least 1."""
    if isinstance(d, int):
        return max(abs(d), 1)
    return max(int("".join(map(str, d.as_tuple().digits)) or "0"), 1)


def _fits(*factors: Decimal | int) -> bool:
    """True when a product with these coefficients is exact in Decimal's 28 digits."""
    n = 1
    for f in factors:
        n *= _coef(f)
    return n < 10**_EXACT_DIGITS


def _ceil_div(num: np.ndarray, den: int) -> np.ndarray:
    return -((-num) // den)


# --- spend ----------------------------------------------------------------------


def _spend_rows(inputs: PlanInputs, users: list[int], per_query: Decimal) -> pd.DataFrame:
    """The reference path: Decimal arithmetic at every point."""
    rows = []
    for u in users:
        q = queries_per_month(inputs.model_copy(update={"users": u}))
        rows.append({"users": u, "queries_per_month": float(q), "monthly_usd": float(q * per_query), "annual_usd": float(12 * q * per_query)})
    return pd.DataFrame(rows, columns=SPEND_COLUMNS)


def _spend_fast(inputs: PlanInputs, users: list[int], per_query: Decimal) -> pd.DataFrame | None:
    a, qd, wd = inputs.active_share, inputs.queries_per_user_per_day, inputs.working_days
    top = users[-1]
    if not (_fits(top, a, qd, wd, 12) and _fits(top, a, qd, wd, 12, per_query)):
        return None
    per_user = Fraction(a) * Fraction(qd) * wd  # queries a month per user, exact
    money = per_user * Fraction(per_query)
    qn, qd_ = per_user.numerator, per_user.denominator
    mn, md = money.numerator, money.denominator
    u = np.array(users, dtype=np.int64)
    return pd.DataFrame(
        {
            "users": u,
            "queries_per_month": _ratio(u, top, qn, qd_),
            "monthly_usd": _ratio(u, top, mn, md),
            "annual_usd": _ratio(u, top, 12 * mn, md),
        }  # no columns=: the dict's order is SPEND_COLUMNS, and pandas reindexes slowly
    )


def _ratio(u: np.ndarray, top: int, num: int, den: int) -> np.ndarray:
    """u × num / den for every u (top = the largest), correctly rounded to float, as ``float(Decimal)`` is."""
    if top * num < 2**53 and den < 2**53:
        # both operands are exact doubles, and IEEE division rounds correctly
        return (u * num).astype(np.float64) / float(den)
    return np.array([x * num / den for x in u.tolist()], dtype=np.float64)  # int / int rounds correctly too


def spend_curve(inputs: PlanInputs, users: Iterable[int], catalog: Catalog | None = None) -> pd.DataFrame:
    """Columns: users, queries_per_month, monthly_usd, annual_usd."""
    catalog = catalog or load_catalog()
    profile = catalog.profile(inputs.profile)
    per_query = sum((c.usd_per_query for c in stage_costs(profile, catalog, inputs.price_set)), Decimal(0))
    us = _users(users)
    fast = _spend_fast(inputs, us, per_query) if us else None
    return fast if fast is not None else _spend_rows(inputs, us, per_query)


# --- quota ----------------------------------------------------------------------


def _quota_rows(inputs: PlanInputs, profile: Profile, users: list[int]) -> pd.DataFrame:
    """The reference path: Decimal arithmetic at every point."""
    rows = []
    for u in users:
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
    return pd.DataFrame(rows, columns=QUOTA_COLUMNS)


class _Slow(Exception):
    """Outside the fast path's guards: use the reference path."""


def _bottom_up(inputs: PlanInputs, profile: Profile, u: np.ndarray, top: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per stage, (rpm, tpm) at every user count, as ``capacity.bottom_up_role`` gives them.

    ``capacity.peak_qpm`` is ((u × share) × per-user rate), or with daily volume
    ((u × share × queries) / (hours × 60)) × peak factor; the stage multiplies by
    calls or tokens. Only that one division can round.
    """
    a, per_user = inputs.active_share, capacity.peak_rate(inputs, profile)
    if per_user is not None:
        factor = Fraction(a) * Fraction(per_user)
        exact_digits = [top, a, per_user]  # products only
        odd = None
    else:
        qd, h, pf = inputs.queries_per_user_per_day, inputs.business_hours, inputs.peak_factor
        if not (_fits(h, 60) and _fits(top, a, qd)):
            raise _Slow
        h60 = h * 60
        quotient = Fraction(a) * Fraction(qd) / (Fraction(h) * 60)  # u × A / B, the division
        factor = quotient * Fraction(pf)
        b, a_num = quotient.denominator, quotient.numerator
        k = max(_pow(b, 2), _pow(b, 5))
        odd = b // (2 ** _pow(b, 2) * 5 ** _pow(b, 5))  # B without its 2s and 5s
        ideal = max(0, _exp(h) - _exp(a) - _exp(qd))  # Decimal pads an exact quotient to this exponent
        # digits of an exact (terminating) quotient, then of its products with pf and the stage figure
        exact_digits = [top * a_num * 10 ** (k + ideal), pf]
    # points whose Decimal division did not terminate (rounded at the 28th digit)
    rounded = (u * a_num) % odd != 0 if odd is not None else None
    out, pending = [], []
    for s in profile.stages:
        pair = []
        for mult in (s.calls_per_query, capacity.stage_tokens(s)):
            r = factor * Fraction(mult)
            n, m = r.numerator, r.denominator
            if top * n >= _INT64_SAFE or m >= _INT64_SAFE:
                raise _Slow
            num = u * n
            val = _ceil_div(num, m)
            whole = num % m == 0
            if whole.any():
                # A whole-number figure is exact in Decimal too when every step was exact...
                if not _fits(*exact_digits, mult):
                    raise _Slow
                if rounded is not None:
                    # ...which the division is only where it terminates; elsewhere ask Decimal.
                    idx = np.flatnonzero(whole & rounded)
                    if idx.size:
                        pending.append((val, idx, mult))
            pair.append(val)
        out.append((pair[0], pair[1]))
    if pending:
        need = np.unique(np.concatenate([idx for _, idx, _ in pending]))
        qpm = np.empty(len(u), dtype=object)
        # capacity.peak_qpm's Decimal steps, in its order, without the pydantic lookups
        qpm[need] = [x * a * qd / h60 * pf for x in u[need].tolist()]
        for val, idx, mult in pending:
            mult = Decimal(mult)  # the same product as Decimal * int, without converting per point
            val[idx] = [math.ceil(q * mult) for q in qpm[idx].tolist()]  # = ceil_int, as capacity.bottom_up_role
    return out


def _pow(n: int, p: int) -> int:
    """The exponent of prime p in n > 0."""
    k = 0
    while n % p == 0:
        n //= p
        k += 1
    return k


def _exp(d: Decimal) -> int:
    return int(d.as_tuple().exponent)


def _linear(per_block: int | None, block: int, n: np.ndarray) -> np.ndarray | None:
    if per_block is None:
        return None
    return _ceil_div(n * per_block, block)


def _interpolate(points: list, metric: str, n: np.ndarray) -> np.ndarray | None:
    xy = [(0, 0)] + [(p.users, getattr(p, metric)) for p in points if getattr(p, metric) is not None]
    if len(xy) == 1:
        return None
    xs = np.array([x for x, _ in xy], dtype=np.int64)
    ys = np.array([y for _, y in xy], dtype=np.int64)
    if np.any(np.diff(xs) <= 0):
        raise _Slow
    seg = np.minimum(np.searchsorted(xs[1:], n, side="left"), len(xs) - 2)
    x0, x1, y0, y1 = xs[seg], xs[seg + 1], ys[seg], ys[seg + 1]
    past = n > xs[-1]
    base_x, base_y = np.where(past, x1, x0), np.where(past, y1, y0)
    return base_y + _ceil_div((y1 - y0) * (n - base_x), x1 - x0)


def _guided(inputs: PlanInputs, g, u: np.ndarray) -> dict[str, np.ndarray | None]:
    """One role's need on the linear and published bases, as ``capacity.guided_need`` gives it."""
    rule = g.rule
    block = rule.block_users if rule else g.block_users
    n = np.where(u == 0, 0, _ceil_div(u, block) * block) if inputs.round_blocks else u
    lin_rpm = _linear(rule.rpm, rule.block_users, n) if rule else None
    lin_tpm = _linear(rule.tpm, rule.block_users, n) if rule else None
    if g.examples:
        pub_rpm, pub_tpm = _interpolate(g.examples, "rpm", n), _interpolate(g.examples, "tpm", n)
    else:
        pub_rpm, pub_tpm = lin_rpm, lin_tpm
    return {"linear_rpm": lin_rpm, "linear_tpm": lin_tpm, "published_rpm": pub_rpm, "published_tpm": pub_tpm}


@functools.lru_cache(maxsize=64)
def _labels(values: tuple[str, ...], repeats: int) -> Any:
    """``values`` repeated ``repeats`` times as pandas' "str" array: immutable, so shared by frames (copy-on-write)."""
    return pd.array(list(values), dtype="str").take(np.tile(np.arange(len(values)), repeats))


def _quota_fast(inputs: PlanInputs, profile: Profile, users: list[int]) -> pd.DataFrame:
    top = users[-1]
    if top >= 2**31:
        raise _Slow
    for g in profile.guidance:
        figures = [g.rule.rpm, g.rule.tpm] if g.rule else []
        figures += [v for p in g.examples for v in (p.users, p.rpm, p.tpm)]
        if any(v is not None and v >= 2**28 for v in figures):
            raise _Slow
    u = np.array(users, dtype=np.int64)
    labels: list[tuple[str, str, str]] = []
    rpms: list[Any] = []
    tpms: list[Any] = []
    for s, (rpm, tpm) in zip(profile.stages, _bottom_up(inputs, profile, u, top)):
        labels.append((s.role, s.model, Basis.BOTTOM_UP.value))
        rpms.append(rpm)
        tpms.append(tpm)
    for g in profile.guidance:
        need = _guided(inputs, g, u)
        for b in RULE_BASES:
            rpm, tpm = need[f"{b.value}_rpm"], need[f"{b.value}_tpm"]
            if rpm is not None or tpm is not None:
                labels.append((g.role, g.model, b.value))
                rpms.append(rpm)
                tpms.append(tpm)
    k = len(labels)
    if k == 0:
        raise _Slow

    def column(values: list[Any]) -> Any:
        if all(v is not None for v in values):
            return np.stack(values, axis=1).ravel()
        if any(v is not None for v in values) and all(v is None or v.max(initial=0) < 2**53 for v in values):
            # ints and None: pandas makes float64 with NaN, so build exactly that
            return np.stack([np.full(len(users), np.nan) if v is None else v.astype(np.float64) for v in values], axis=1).ravel()
        # A figure the guidance leaves out is None at every point, as on the reference path.
        return [v for row in zip(*[[None] * len(users) if v is None else v.tolist() for v in values]) for v in row]

    def text(i: int) -> Any:
        return _labels(tuple(lab[i] for lab in labels), len(users))

    return pd.DataFrame(
        {"users": np.repeat(u, k), "role": text(0), "model": text(1), "basis": text(2), "rpm": column(rpms), "tpm": column(tpms)}
    )


def quota_curve(inputs: PlanInputs, users: Iterable[int], catalog: Catalog | None = None) -> pd.DataFrame:
    """Long format, one row per (users, role, basis): columns users, role, model, basis, rpm, tpm.

    Guided roles get a row on the linear and published bases (where those exist);
    every role gets a bottom-up row.
    """
    catalog = catalog or load_catalog()
    profile = catalog.profile(inputs.profile)
    us = _users(users)
    if us:
        try:
            return _quota_fast(inputs, profile, us)
        except _Slow:
            pass
    return _quota_rows(inputs, profile, us)


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
