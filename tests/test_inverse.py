"""Inverse questions answer in the same units as the forward ones."""

from decimal import Decimal

import pytest

from byo_core import InputError, estimate, make_inputs, users_within_budget
from byo_core.inverse import largest_fitting


def test_budget_covers_exactly_the_users_whose_spend_fits(seed_inputs):
    assert users_within_budget(seed_inputs, "6506.766") == 1000
    assert users_within_budget(seed_inputs, "6506.76") == 999
    assert users_within_budget(seed_inputs, 0) == 0


def test_budget_must_be_a_finite_non_negative_amount(seed_inputs):
    for bad in ("-1", "nan", "lots"):
        with pytest.raises(InputError, match="monthly_budget_usd"):
            users_within_budget(seed_inputs, bad)


def test_largest_fitting_finds_the_boundary():
    assert largest_fitting(lambda n: n <= 12_345) == 12_345
    assert largest_fitting(lambda n: False) == 0
    assert largest_fitting(lambda n: True, limit=100) == 100


def test_monthly_spend_of_the_budget_answer_fits_and_one_more_user_does_not(seed_inputs):
    budget = Decimal(50_000)
    n = users_within_budget(seed_inputs, budget)
    assert estimate(make_inputs(users=n)).spend.monthly <= budget < estimate(make_inputs(users=n + 1)).spend.monthly
