from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import byo_core as b
from byo_core import rollout


def test_ramp_reaches_the_target_in_equal_steps():
    assert rollout.ramp(8000, 4) == [2000, 4000, 6000, 8000]
    assert rollout.ramp(8000, 1) == [8000]
    assert rollout.ramp(1000, 3, start_users=400) == [600, 800, 1000]


@given(st.integers(0, 10_000_000), st.integers(1, rollout.MAX_MONTHS))
def test_ramp_is_monotone_and_ends_at_the_target(users, months):
    r = rollout.ramp(users, months)
    assert len(r) == months and r[-1] == users and r == sorted(r)


@pytest.mark.parametrize(("args", "field"), [((100, 0), "months"), ((100, 61), "months"), ((-1, 3), "users"), ((100, 3, 200), "start_users")])
def test_bad_ramps(args, field):
    with pytest.raises(b.InputError) as err:
        rollout.ramp(*args)
    assert err.value.field == field


def test_plan_spend_and_quota_per_month():
    inputs = b.make_inputs(users=10_000)
    months = rollout.plan(inputs, [5000, 10_000])
    assert [m.users for m in months] == [5000, 10_000]
    assert months[1].monthly == b.estimate(inputs).spend.monthly
    assert months[1].cumulative == months[0].monthly + months[1].monthly
    assert (months[1].rpm, months[1].tpm) == (1500, 350_000)
    assert months[0].queries == Decimal(5000 * 2 * 21)
