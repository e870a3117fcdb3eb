"""Quota plans: Azure deployment requests, the OpenAI tier, headroom."""

import pytest

from byo_core import InputError, UnknownModelError, estimate, headroom, make_inputs
from byo_core.capacity import RoleNeed
from byo_core.quota import azure_requests


def _azure(catalog, rpm, tpm):
    return azure_requests([RoleNeed("r", "gpt-4", rpm, tpm, "x", "x")], catalog.azure_quota)[0]


def test_azure_request_rounds_tpm_up_to_1000_and_brings_6_rpm_per_1000(catalog):
    a = _azure(catalog, rpm=150, tpm=50_000)
    assert (a.request_tpm, a.brings_rpm, a.sized_by) == (50_000, 300, "tpm")
    a = _azure(catalog, rpm=1, tpm=20_542)
    assert (a.request_tpm, a.brings_rpm) == (21_000, 126)


def test_azure_request_grows_tpm_when_rpm_is_the_binding_need(catalog):
    # 125 RPM needs 20,834 TPM at 6 RPM per 1,000: the request is 21,000 TPM.
    a = _azure(catalog, rpm=125, tpm=18_750)
    assert (a.request_tpm, a.brings_rpm, a.sized_by) == (21_000, 126, "rpm")
    assert a.brings_rpm >= a.need_rpm


def test_azure_plan_has_one_request_per_deployment():
    est = estimate(make_inputs(users=10_000))
    assert [(a.model, a.request_tpm, a.brings_rpm) for a in est.azure] == [
        ("gpt-4", 350_000, 2100),
        ("gpt-3.5-turbo", 75_000, 450),
        ("text-embedding-ada-002", 209_000, 1254),
    ]


def test_openai_tier_is_the_smallest_that_covers_every_model():
    # 500 users: gpt-4 needs 75 RPM / 25,000 TPM → tier 2 (40k TPM); tier 1 has only 10k.
    assert estimate(make_inputs(users=500)).openai.tier == "2"
    assert estimate(make_inputs(users=1500)).openai.tier == "3"  # 75k TPM ≤ 80k
    assert estimate(make_inputs(users=5000)).openai.tier == "4"  # 250k TPM ≤ 300k


def test_beyond_the_top_tier_the_advice_is_to_request_an_increase():
    at_10k = estimate(make_inputs(users=10_000)).openai  # 350k TPM > 300k
    assert at_10k.tier is None and at_10k.beyond_top_tier and at_10k.short_models == ["gpt-4"]
    assert "rate-limit increase" in at_10k.message


def test_headroom_compares_need_with_have_and_finds_where_it_runs_out(seed_inputs):
    rows = {h.model: h for h in headroom(seed_inputs, {"gpt-4": (300, 100_000)})}
    g = rows["gpt-4"]
    assert (g.need_rpm, g.need_tpm, g.enough, g.rpm_headroom, g.tpm_headroom) == (150, 50_000, True, 150, 50_000)
    assert g.users_covered == 2000  # 100k TPM is the 2,000-user published figure
    assert rows["gpt-3.5-turbo"].enough is None and rows["gpt-3.5-turbo"].users_covered is None


def test_headroom_says_not_enough_when_one_metric_falls_short(seed_inputs):
    g = headroom(seed_inputs, {"gpt-4": (100, 1_000_000)})[0]
    assert g.enough is False
    assert g.users_covered == 500  # 100 RPM covers one block of 500 (75 RPM), not two


def test_headroom_ignores_required_but_uncalled_models_and_rejects_unknown_ones(seed_inputs):
    assert len(headroom(seed_inputs, {"gpt-4-32k": (10, 10)})) == 3
    with pytest.raises(UnknownModelError, match="gpt-9"):
        headroom(seed_inputs, {"gpt-9": (1, 1)})
    with pytest.raises(InputError, match="gpt-4 RPM"):
        headroom(seed_inputs, {"gpt-4": (-1, 1)})


def test_provider_specific_plans_only_for_profiles_on_that_provider():
    bedrock = estimate(make_inputs(profile="glean-claude-bedrock-2026", users=500))
    assert bedrock.azure == [] and not bedrock.openai.applies
    assert "do not apply" in bedrock.openai.message
    ae2_openai = estimate(make_inputs(profile="glean-ae2-openai-2026", users=500))
    assert ae2_openai.azure == [] and ae2_openai.openai.applies
    ae2_azure = estimate(make_inputs(profile="glean-ae2-azure-2026", users=5000))
    assert [a.request_tpm for a in ae2_azure.azure][0] == 1_245_000
