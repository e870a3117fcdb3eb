"""Sweeps agree with single estimates at every point."""

import pytest

from byo_core import InputError, estimate, make_inputs, published_points, quota_curve, spend_curve


def test_spend_curve_matches_single_estimates(seed_inputs):
    df = spend_curve(seed_inputs, [0, 1000, 8000])
    assert list(df.columns) == ["users", "queries_per_month", "monthly_usd", "annual_usd"]
    for row in df.itertuples():
        assert row.monthly_usd == pytest.approx(float(estimate(make_inputs(users=row.users)).spend.monthly))


def test_quota_curve_has_each_basis_for_the_guided_model(seed_inputs):
    df = quota_curve(seed_inputs, [10_000])
    gpt4 = df[df.model == "gpt-4"].set_index("basis")
    assert gpt4.loc["published", "tpm"] == 350_000
    assert gpt4.loc["linear", "tpm"] == 500_000
    assert gpt4.loc["bottom-up", "tpm"] == estimate(make_inputs(users=10_000, basis="bottom-up")).headline_need.tpm
    assert set(df[df.basis == "bottom-up"].model) == {"gpt-4", "gpt-3.5-turbo", "text-embedding-ada-002"}


def test_published_points_are_the_vendor_examples(seed_inputs):
    pts = published_points(seed_inputs)
    assert list(zip(pts.users, pts.tpm)) == [(1000, 50_000), (5000, 250_000), (10_000, 350_000), (20_000, 500_000)]


def test_sweep_rejects_negative_user_counts(seed_inputs):
    with pytest.raises(InputError, match="users"):
        spend_curve(seed_inputs, [100, -5])
