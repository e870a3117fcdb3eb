"""The sweep's fast path gives exactly what the per-point Decimal path gives.

``byo_core.sweep`` evaluates its curves with integer arithmetic (see its
docstring); ``_spend_rows`` and ``_quota_rows`` are the original per-point
code. Any difference — a value, a dtype, a row — fails here.
"""

from decimal import Decimal

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byo_core import load_catalog, make_inputs, quota_curve, spend_curve
from byo_core import sweep
from byo_core.cost import stage_costs

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def dec(lo, hi, places):
    return st.decimals(min_value=Decimal(lo), max_value=Decimal(hi), places=places, allow_nan=False, allow_infinity=False)


inputs = st.fixed_dictionaries(
    {
        "basis": st.sampled_from(["published", "linear", "bottom-up"]),
        "round_blocks": st.booleans(),
        "queries_per_user_per_day": st.one_of(dec(0, 50, 0), dec(0, 50, 2), dec(0, 1000, 3)),
        "working_days": st.integers(1, 31),
        "business_hours": st.one_of(dec("0.5", 24, 0), dec("0.1", 24, 2)),
        "peak_factor": st.one_of(dec(1, 10, 0), dec(1, 100, 2)),
        "active_share": st.one_of(dec("0.01", 1, 2), dec("0.001", 1, 3)),
        "peak_qpm_per_user": st.one_of(st.none(), dec("0.001", 2, 3)),
    }
)
user_lists = st.one_of(
    st.lists(st.integers(0, 10_000_000), min_size=1, max_size=60),
    st.builds(lambda step, n: list(range(0, step * n, step)), st.sampled_from([1, 3, 8, 12, 50, 60, 120, 500]), st.integers(1, 400)),
)


def reference(kw, users, profile_id):
    cat = load_catalog()
    inp = make_inputs(users=1, profile=profile_id, **kw)
    profile = cat.profile(profile_id)
    us = sweep._users(users)
    per_query = sum((c.usd_per_query for c in stage_costs(profile, cat, inp.price_set)), Decimal(0))
    return inp, sweep._spend_rows(inp, us, per_query), sweep._quota_rows(inp, profile, us)


@SETTINGS
@given(kw=inputs, users=user_lists, data=st.data())
def test_fast_sweep_equals_the_per_point_decimal_path(kw, users, data):
    profile_id = data.draw(st.sampled_from(sorted(load_catalog().profiles)))
    inp, spend_ref, quota_ref = reference(kw, users, profile_id)
    pd.testing.assert_frame_equal(spend_curve(inp, users), spend_ref, check_exact=True)
    pd.testing.assert_frame_equal(quota_curve(inp, users), quota_ref, check_exact=True)


def test_fast_sweep_equals_the_decimal_path_on_the_chart_range(seed_inputs):
    users = list(range(0, 50_000, 50))
    _, spend_ref, quota_ref = reference({}, users, seed_inputs.profile)
    pd.testing.assert_frame_equal(spend_curve(seed_inputs, users), spend_ref, check_exact=True)
    pd.testing.assert_frame_equal(quota_curve(seed_inputs, users), quota_ref, check_exact=True)
