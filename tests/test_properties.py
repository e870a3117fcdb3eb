"""Property tests: monotone spend and quota, inverses that invert, no stray exceptions."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byo_core import PlannerError, estimate, headroom, make_inputs, users_within_budget

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

users = st.integers(min_value=0, max_value=200_000)
bases = st.sampled_from(["published", "linear", "bottom-up"])
volume = st.decimals(min_value=0, max_value=50, places=2)


@SETTINGS
@given(a=users, b=users, basis=bases, rounding=st.booleans(), q=volume)
def test_spend_and_quota_never_fall_as_users_rise(a, b, basis, rounding, q):
    lo, hi = sorted((a, b))
    kw = dict(basis=basis, round_blocks=rounding, queries_per_user_per_day=q)
    e_lo, e_hi = estimate(make_inputs(users=lo, **kw)), estimate(make_inputs(users=hi, **kw))
    assert e_lo.spend.monthly <= e_hi.spend.monthly
    for n_lo, n_hi in zip(e_lo.quota_need, e_hi.quota_need):
        assert n_lo.rpm <= n_hi.rpm and n_lo.tpm <= n_hi.tpm
    for a_lo, a_hi in zip(e_lo.azure, e_hi.azure):
        assert a_lo.request_tpm <= a_hi.request_tpm


@SETTINGS
@given(n=st.integers(min_value=1, max_value=50_000), q1=volume, q2=volume, basis=bases)
def test_spend_and_quota_never_fall_as_volume_rises(n, q1, q2, basis):
    lo, hi = sorted((q1, q2))
    e_lo = estimate(make_inputs(users=n, queries_per_user_per_day=lo, basis=basis))
    e_hi = estimate(make_inputs(users=n, queries_per_user_per_day=hi, basis=basis))
    assert e_lo.spend.monthly <= e_hi.spend.monthly
    for n_lo, n_hi in zip(e_lo.bottom_up, e_hi.bottom_up):
        assert n_lo.rpm <= n_hi.rpm and n_lo.tpm <= n_hi.tpm


@SETTINGS
@given(n=st.integers(min_value=0, max_value=1_000_000), q=st.decimals(min_value=Decimal("0.5"), max_value=20, places=1))
def test_budget_inverse_inverts_monthly_spend(n, q):
    inputs = make_inputs(users=n, queries_per_user_per_day=q)
    monthly = estimate(inputs).spend.monthly
    assert users_within_budget(inputs, monthly) == n


@settings(max_examples=60, deadline=None)
@given(n=st.integers(min_value=1, max_value=100_000), basis=bases, rounding=st.booleans())
def test_quota_inverse_covers_the_users_that_produced_the_need(n, basis, rounding):
    inputs = make_inputs(users=n, basis=basis, round_blocks=rounding)
    need = estimate(inputs).quota_need[0]
    covered = headroom(inputs, {need.model: (need.rpm, need.tpm)})[0].users_covered
    assert covered >= n
    more = estimate(make_inputs(users=covered + 1, basis=basis, round_blocks=rounding)).quota_need[0]
    assert more.rpm > need.rpm or more.tpm > need.tpm


anything = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8), st.decimals(allow_nan=True, allow_infinity=True),
)
FIELDS = ["users", "profile", "basis", "round_blocks", "queries_per_user_per_day", "working_days",
          "business_hours", "peak_factor", "active_share", "peak_qpm_per_user", "price_set"]


@settings(max_examples=500, deadline=None)
@given(values=st.dictionaries(st.sampled_from(FIELDS), anything, max_size=4))
def test_any_input_gives_a_result_or_the_typed_error(values):
    try:
        est = estimate(make_inputs(**values))
    except PlannerError as err:
        assert str(err)
    else:
        assert est.spend.monthly >= 0
