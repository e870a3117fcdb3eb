"""The later published profiles reproduce their vendor's tables — or say exactly where they don't.

Figures are copied from ../shared/reference/glean-published/*.csv (so the
suite runs on a machine without that folder); each table names its file.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from byo_core import estimate, make_inputs
from byo_core.prices import catalogue_row

AE2 = ["glean-ae2-openai-2026", "glean-ae2-azure-2026"]
HIGH, LOW = "agentic model (high capacity)", "fast agentic model (low capacity)"

# openai_setup_gpt5_agentic_engine2_capacity.csv == azure_openai_setup_gpt5_agentic_engine2_capacity.csv
# users: (high TPM, high RPM, low TPM, low RPM)
AE2_TABLE = {
    500: (125_000, 10, 5_000, 5),
    1000: (250_000, 15, 5_000, 5),
    2500: (625_000, 35, 10_000, 10),
    5000: (1_245_000, 65, 15_000, 15),
    10000: (2_490_000, 130, 30_000, 30),
}

# claude_vertex_tpm_per_dau.csv == bedrock_tpm_per_dau.csv == gemini_vertex_tpm_per_dau.csv
DAU_PROFILES = [
    "glean-claude-vertex-2026",
    "glean-claude-bedrock-2026",
    "glean-gemini-vertex-thinking-2026",
    "glean-gemini-vertex-fast-2026",
]
DAU_TABLE = {500: 125_000, 1000: 245_000, 2500: 615_000, 5000: 1_225_000, 10000: 2_450_000, 20000: 4_895_000}

NEW_PROFILES = AE2 + DAU_PROFILES


def roles(profile: str, users: int, **kw):
    est = estimate(make_inputs(users=users, profile=profile, **kw))
    return est, {r.role: r for r in est.role_needs}


@pytest.mark.parametrize("profile", AE2)
@pytest.mark.parametrize("users", sorted(AE2_TABLE))
def test_agentic_engine_2_reproduces_every_published_row(profile, users):
    high_tpm, high_rpm, low_tpm, low_rpm = AE2_TABLE[users]
    _, r = roles(profile, users)
    assert (r[HIGH].tpm, r[HIGH].rpm) == (high_tpm, high_rpm)
    assert (r[LOW].tpm, r[LOW].rpm) == (low_tpm, low_rpm)
    assert {r[HIGH].tpm_basis, r[HIGH].rpm_basis, r[LOW].tpm_basis, r[LOW].rpm_basis} == {"published"}


def test_done_when_agentic_engine_2_on_azure_at_5000_users():
    """The issue's check: 1,245,000 TPM and 65 RPM for the high-capacity model, beside today's spend."""
    est, r = roles("glean-ae2-azure-2026", 5000)
    assert est.profile.name.startswith("Agentic Engine 2 on Azure OpenAI")
    assert (r[HIGH].tpm, r[HIGH].rpm) == (1_245_000, 65)
    azure = {a.role: a for a in est.azure}
    assert azure[HIGH].request_tpm == 1_245_000
    assert azure[HIGH].brings_rpm == 7_470
    assert est.price_set == "genai-prices-azure"
    # 19,000 × $1.25 + 450 × $10 + 5,300 × $1.25 + 150 × $10 per 1M tokens
    assert est.spend.cost_per_query == Decimal("0.036375")
    assert est.spend.monthly == Decimal("7638.75")  # 5,000 × 2 × 21 queries


def test_agentic_engine_2_between_and_beyond_the_rows():
    _, r = roles("glean-ae2-openai-2026", 7500)
    assert (r[HIGH].tpm, r[HIGH].rpm) == (1_867_500, 98)  # halfway: 97.5 rounds up
    _, r = roles("glean-ae2-openai-2026", 20000)
    assert (r[HIGH].tpm, r[HIGH].rpm) == (4_980_000, 260)  # the 5k–10k slope continued


def test_openai_sums_both_roles_per_model():
    est = estimate(make_inputs(users=5000, profile="glean-ae2-openai-2026"))
    assert [(n.model, n.rpm, n.tpm) for n in est.quota_need] == [("gpt-5.1", 80, 1_260_000)]


@pytest.mark.parametrize("profile", DAU_PROFILES)
@pytest.mark.parametrize("users", sorted(DAU_TABLE))
def test_dau_tables_reproduce_every_published_row(profile, users):
    est, _ = roles(profile, users)
    g = est.guided[0]
    assert g.published_tpm == DAU_TABLE[users]
    assert g.published_rpm is None  # no RPM is published: RPM is sized bottom-up
    lead = est.headline_need
    assert (lead.tpm, lead.tpm_basis, lead.rpm_basis) == (DAU_TABLE[users], "published", "bottom-up")


@pytest.mark.parametrize("profile", DAU_PROFILES)
def test_dau_profiles_record_the_rate_they_assume(profile):
    est = estimate(make_inputs(profile=profile))
    assert est.profile.peak_qpm_per_user == Decimal("0.004")


# What the per-query tokens imply at the pages' own 0.004 QPM per user, 500 users,
# against the table's 125,000 TPM: the gap each profile's discrepancies state.
BOTTOM_UP_AT_500 = {
    "glean-claude-vertex-2026": 151_800,  # 2 QPM × 75,900 tokens
    "glean-claude-bedrock-2026": 151_800,
    "glean-gemini-vertex-thinking-2026": 97_600,  # 2 × 48,800
    "glean-gemini-vertex-fast-2026": 36_236,  # 2 × 18,118
}


@pytest.mark.parametrize("profile", sorted(BOTTOM_UP_AT_500))
def test_table_vs_tokens_per_query_gap_is_recorded(profile):
    est = estimate(make_inputs(users=500, profile=profile, basis="bottom-up", peak_qpm_per_user="0.004"))
    tpm = est.headline_need.tpm
    assert tpm == BOTTOM_UP_AT_500[profile]
    assert tpm - DAU_TABLE[500] == BOTTOM_UP_AT_500[profile] - 125_000
    said = " ".join(d.says for d in est.profile.discrepancies)
    assert f"{tpm:,} TPM" in said and "125,000" in said


# Published cost per query vs the cost from the profile's own price set (genai-prices list
# prices): (printed, computed, tolerance the printed rounding allows, reproduces?).
PUBLISHED_COST = {
    "glean-claude-vertex-2026": ("0.08", "0.21429", "0.005", False),  # "approximately 0.08", no currency
    "glean-gemini-vertex-thinking-2026": ("0.09", "0.09744", "0.005", False),  # "about $0.09"
    "glean-gemini-vertex-fast-2026": ("0.005", "0.007764", "0.0005", False),  # "about $0.005"
}


@pytest.mark.parametrize("profile", sorted(PUBLISHED_COST))
def test_published_cost_per_query_reproduces_or_the_gap_is_exact(profile):
    printed, computed, tol, reproduces = (Decimal(x) if isinstance(x, str) else x for x in PUBLISHED_COST[profile])
    est = estimate(make_inputs(profile=profile))
    (stage,) = est.stage_costs
    assert stage.published_usd_per_query == printed
    assert stage.usd_per_query == computed
    gap = stage.usd_per_query - printed
    assert (abs(gap) <= tol) is reproduces
    # The profile says so, with the computed figure, beside the printed one.
    said = " ".join(d.says + d.we_use for d in est.profile.discrepancies)
    assert f"${computed}" in said
    assert gap == {"glean-claude-vertex-2026": Decimal("0.13429"),
                   "glean-gemini-vertex-thinking-2026": Decimal("0.00744"),
                   "glean-gemini-vertex-fast-2026": Decimal("0.002764")}[profile]


def test_claude_cost_has_no_currency_and_the_profile_says_so():
    est = estimate(make_inputs(profile="glean-claude-vertex-2026"))
    s = est.profile.stages[0]
    assert s.published_cost_currency_stated is False
    assert "no currency" in s.published_cost_as_printed


def test_gemini_fast_cost_does_reproduce_at_the_older_models_price():
    """'about $0.005' is Gemini 2.5 Flash's price (the older page's model), not Flash 3.0's."""
    row = catalogue_row("google", "gemini-2.5-flash")
    cost = (12_500 * row.input_usd_per_1m + 5_200 * row.cached_input_usd_per_1m + 418 * row.output_usd_per_1m) / 1_000_000
    assert cost == Decimal("0.004951")
    assert abs(cost - Decimal("0.005")) <= Decimal("0.0005")


@pytest.mark.parametrize("profile", NEW_PROFILES)
def test_every_profile_is_sourced_and_states_its_assumptions(profile, catalog):
    p = catalog.profile(profile)
    assert str(p.source_url).startswith("https://docs.glean.com/")
    assert p.as_of.isoformat() == "2026-09-01"
    assert p.discrepancies, "every later page contradicts itself somewhere"
    notes = " ".join(p.notes)
    for s in p.stages:
        if "calls_per_query" in s.assumed:
            assert "Calls per query are not published" in notes
        if "input_tokens" in s.assumed:
            assert "publishes no" in notes.lower() or "publishes none" in notes.lower()
    for m in p.required_models:
        catalog.model_info(m)  # the key check can name every required model


def test_bedrock_borrows_its_tokens_and_says_so(catalog):
    p = catalog.profile("glean-claude-bedrock-2026")
    assert set(p.stages[0].assumed) == {"calls_per_query", "input_tokens", "cached_input_tokens", "output_tokens"}
    assert p.stages[0].published_cost_per_query_usd is None
    assert any("borrowed" in n for n in p.notes)


def test_seed_stays_the_default_on_its_2023_prices(catalog):
    est = estimate(make_inputs(users=1000))
    assert est.profile.id == "glean-gpt4-2023-10"
    assert est.price_set == "openai-list-2023-10"
    assert est.spend.cost_per_query == Decimal("0.154923")
