"""Rule-of-thumb and bottom-up quota need, against every figure the seed prints."""

from decimal import Decimal

import pytest

from byo_core import estimate, make_inputs
from byo_core.capacity import sized_users


@pytest.mark.parametrize(
    "users, rpm, tpm",
    [(1000, 150, 50_000), (5000, 750, 250_000), (10_000, 1500, 350_000), (20_000, 3000, 500_000)],
)
def test_published_basis_reproduces_every_seed_example(users, rpm, tpm):
    need = estimate(make_inputs(users=users)).headline_need
    assert (need.model, need.rpm, need.tpm) == ("gpt-4", rpm, tpm)


@pytest.mark.parametrize(
    "users, rpm, tpm",
    [(1000, 150, 50_000), (5000, 750, 250_000), (10_000, 1500, 500_000), (20_000, 3000, 1_000_000)],
)
def test_linear_basis_applies_75_rpm_and_25000_tpm_per_500_users(users, rpm, tpm):
    need = estimate(make_inputs(users=users, basis="linear")).headline_need
    assert (need.rpm, need.tpm) == (rpm, tpm)


def test_published_basis_continues_last_slope_beyond_20000_users():
    need = estimate(make_inputs(users=30_000)).headline_need
    assert (need.rpm, need.tpm) == (4500, 650_000)


def test_published_basis_interpolates_between_examples():
    # 7,500 users: halfway between (5k, 250k) and (10k, 350k).
    g = estimate(make_inputs(users=7500)).guided[0]
    assert (g.published_rpm, g.published_tpm) == (1125, 300_000)


def test_block_rounding_sizes_to_whole_500_user_blocks_and_can_be_switched_off():
    assert sized_users(1001, 500, True) == 1500
    assert sized_users(1000, 500, True) == 1000
    assert sized_users(0, 500, True) == 0
    on = estimate(make_inputs(users=1001, basis="linear")).headline_need
    off = estimate(make_inputs(users=1001, basis="linear", round_blocks=False)).headline_need
    assert (on.rpm, on.tpm) == (225, 75_000)
    assert (off.rpm, off.tpm) == (151, 50_050)  # 150.15 rounds up to a whole request


def test_bottom_up_need_per_model_from_query_volume():
    # 1,000 users × 2 queries / (8 h × 60) × peak 2.0 = 8.333… queries a minute.
    est = estimate(make_inputs(users=1000))
    by_model = {n.model: (n.rpm, n.tpm) for n in est.bottom_up}
    assert by_model == {
        "gpt-4": (17, 41_084),  # 16.67 calls, 8.333 × 4,930 tokens
        "gpt-3.5-turbo": (9, 7_409),  # 8.333 × 889
        "text-embedding-ada-002": (125, 18_750),  # 8.333 × 15 calls, × 2,250 tokens
    }


def test_direct_peak_qpm_per_user_replaces_daily_volume():
    est = estimate(make_inputs(users=1000, peak_qpm_per_user="0.004", basis="bottom-up"))
    assert est.headline_need.rpm == 8  # 4 queries/min × 2 calls
    assert est.headline_need.tpm == 19_720  # 4 × 4,930


def test_bottom_up_basis_sizes_the_guided_model_from_volume_too():
    est = estimate(make_inputs(users=1000, basis="bottom-up"))
    assert (est.headline_need.rpm, est.headline_need.tpm) == (17, 41_084)
    assert est.headline_need.tpm_basis == "bottom-up"


def test_implied_loads_show_why_rpm_and_tpm_disagree():
    load = estimate(make_inputs(users=500, basis="linear")).loads[0]
    assert load.per_500_users(load.from_rpm) == Decimal("37.5")  # 75 RPM / 2 calls
    assert round(load.per_500_users(load.from_tpm), 2) == Decimal("5.07")  # 25,000 / 4,930
    assert round(load.from_volume, 3) == Decimal("4.167")  # 500 × 2 / 480 × 2


def test_linear_vs_published_sentence_names_both_figures():
    est = estimate(make_inputs(users=10_000))
    assert any("500,000 TPM" in s and "350,000" in s and "published figure" in s for s in est.explanations)
    assert not any("TPM" in s for s in estimate(make_inputs(users=1000)).explanations)


def test_quota_need_for_a_key_covers_every_called_model():
    est = estimate(make_inputs(users=10_000))
    assert [(n.model, n.basis) for n in est.quota_need] == [
        ("gpt-4", "published"),
        ("gpt-3.5-turbo", "bottom-up"),
        ("text-embedding-ada-002", "bottom-up"),
    ]


def test_profile_peak_rate_drives_bottom_up_unless_the_user_sets_one():
    # Claude on Bedrock is sized at 0.004 peak queries/min per daily active user.
    at_source = estimate(make_inputs(profile="glean-claude-bedrock-2026", users=500, basis="bottom-up"))
    assert at_source.headline_need.tpm == 151_800  # 2 queries/min × 75,900 tokens
    assert any("0.004 peak queries per minute" in s for s in at_source.explanations)
    mine = estimate(make_inputs(profile="glean-claude-bedrock-2026", users=500, basis="bottom-up", peak_qpm_per_user="0.008"))
    assert mine.headline_need.tpm == 303_600
    seed = estimate(make_inputs(users=500, basis="bottom-up"))
    assert not any("peak queries per minute per user" in s for s in seed.explanations)
