"""Spend: the seed's per-query costs, exactly, and monthly/annual arithmetic."""

from decimal import Decimal

from byo_core import estimate, make_inputs


def test_cost_per_query_per_model_matches_the_seed_exactly():
    est = estimate(make_inputs())
    by_model = {c.model: c.usd_per_query for c in est.cost_by_model}
    assert by_model == {
        "gpt-4": Decimal("0.1533"),
        "gpt-3.5-turbo": Decimal("0.001398"),
        "text-embedding-ada-002": Decimal("0.000225"),  # the page prints $0.00022
    }
    assert est.spend.cost_per_query == Decimal("0.154923")
    assert Decimal("0.15") <= est.spend.cost_per_query <= Decimal("0.16")


def test_every_stage_reconciles_with_its_published_cost():
    for c in estimate(make_inputs()).stage_costs:
        assert c.usd_per_query == c.published_usd_per_query


def test_gpt4_is_99_percent_of_the_bill():
    gpt4 = next(c for c in estimate(make_inputs()).cost_by_model if c.model == "gpt-4")
    assert round(gpt4.share, 2) == Decimal("0.99")


def test_monthly_and_annual_spend():
    s = estimate(make_inputs(users=1000)).spend
    assert s.queries_per_month == 42_000  # 1,000 × 2 × 21
    assert s.monthly == Decimal("6506.766")
    assert s.annual == Decimal("78081.192")
    assert s.per_user_monthly == Decimal("6.506766")


def test_active_share_and_working_days_scale_volume():
    s = estimate(make_inputs(users=1000, active_share="0.5", working_days=20, queries_per_user_per_day=3)).spend
    assert s.queries_per_month == 30_000
    assert s.monthly == Decimal("4647.69")


def test_zero_users_spend_nothing_and_have_no_per_user_figure():
    s = estimate(make_inputs(users=0)).spend
    assert s.monthly == 0 and s.per_user_monthly is None


def test_money_is_decimal_end_to_end():
    s = estimate(make_inputs()).spend
    assert all(isinstance(v, Decimal) for v in (s.cost_per_query, s.monthly, s.annual))
