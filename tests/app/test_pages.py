"""AppTests for every page: the router, shared inputs, links, prices, currency, headroom."""

from __future__ import annotations

from decimal import Decimal

import pytest

import byo_core as b
from byo_core.currency import USD

from app_helpers import ALL_PAGES, MY_PAGES, assert_clean, metrics, open_page, texts

SENTENCE = (
    "For gpt-4, the per-500-users rule gives 500,000 TPM at 10,000 users; "
    "the vendor's published examples give 350,000 — we show the published figure."
)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_default_run_raises_nothing(page):
    at = open_page(page)
    assert_clean(at)
    assert at.session_state["plan_inputs"] == b.make_inputs()


@pytest.mark.parametrize("page", ["pages/estimate.py", "pages/capacity.py"])
def test_users_10000_shows_published_quota_and_the_basis_sentence(page):
    at = open_page(page)
    at.number_input(key="inputs_users").set_value(10_000).run()
    assert_clean(at)
    m = metrics(at)
    assert m["RPM (gpt-4)"] == "1,500"
    assert m["TPM (gpt-4)"] == "350,000"
    assert SENTENCE in [i.value for i in at.info]


def test_users_10000_on_spend_and_how_pages():
    at = open_page("pages/spend.py")
    at.number_input(key="inputs_users").set_value(10_000).run()
    assert_clean(at)
    # Rollout's last month is the full 10,000 users: the same quota as the headline.
    last = at.dataframe[2].value.iloc[-1]
    assert (last["Users"], last["RPM"], last["TPM"]) == ("10,000", "1,500", "350,000")
    assert metrics(at)["Monthly spend"] == "$65,067.66"
    at.switch_page("pages/how_it_works.py").run()
    assert_clean(at)
    assert SENTENCE in texts(at)
    own = at.table[0].value.loc["Capacity", "Your own key"]
    assert "1,500 RPM and 350,000 TPM for gpt-4 at 10,000 users" in own


def test_linear_basis_shows_the_rule():
    at = open_page()
    at.number_input(key="inputs_users").set_value(10_000)
    at.radio(key="inputs_basis").set_value("linear").run()
    m = metrics(at)
    assert (m["RPM (gpt-4)"], m["TPM (gpt-4)"]) == ("1,500", "500,000")
    assert any("we show the per-500-users figure" in i.value for i in at.info)


def test_defaults_match_the_core():
    at = open_page()
    est = b.estimate(b.make_inputs())
    m = metrics(at)
    assert m["Monthly spend"] == USD.format(est.spend.monthly) == "$6,506.77"
    assert m["Annual spend"] == "$78,081.19"
    assert m["Cost per query"] == "$0.154923"


# --- shareable links ---------------------------------------------------------


@pytest.mark.parametrize("page", MY_PAGES)
def test_invalid_query_param_falls_back_with_a_warning(page):
    at = open_page(page, query={"users": "lots", "basis": "linear", "peak_factor": "0.5"})
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("`users`" in w and "'lots'" in w and "default, 1000" in w for w in warnings), warnings
    assert any("`peak_factor`" in w for w in warnings), warnings
    plan = at.session_state["plan_inputs"]
    assert plan.users == 1000 and plan.peak_factor == 2  # defaults
    assert plan.basis.value == "linear"  # the valid parameter still applies
    assert at.query_params["users"] == "1000"  # the URL now says what is shown


def test_link_reproduces_the_estimate_on_any_page():
    query = {"users": "20000", "basis": "published", "queries_per_day": "3", "round_blocks": "false"}
    expected = b.estimate(b.make_inputs(users=20000, queries_per_user_per_day=3, round_blocks=False))
    for page in ("pages/estimate.py", "pages/capacity.py"):
        at = open_page(page, query=query)
        assert_clean(at)
        m = metrics(at)
        assert (m["RPM (gpt-4)"], m["TPM (gpt-4)"]) == ("3,000", "500,000")
        assert at.number_input(key="inputs_users").value == 20000
        assert at.number_input(key="inputs_queries_per_day").value == 3.0
        assert at.checkbox(key="inputs_round_blocks").value is False
    at = open_page("pages/spend.py", query=query)
    assert metrics(at)["Monthly spend"] == USD.format(expected.spend.monthly)


def test_url_follows_the_inputs():
    at = open_page()
    at.number_input(key="inputs_users").set_value(8000).run()
    at.number_input(key="inputs_peak_factor").set_value(3.0).run()
    assert at.query_params["users"] == "8000"
    assert at.query_params["peak_factor"] == "3"
    assert set(at.query_params) == {"users", "profile", "basis", "queries_per_day", "working_days",
                                    "business_hours", "peak_factor", "active_share", "round_blocks"}
    link = next(m.value for m in at.markdown if "peak_factor=" in m.value)
    assert "users=8000" in link and "peak_factor=3" in link


def test_inputs_survive_page_switches():
    at = open_page()
    at.number_input(key="inputs_users").set_value(10_000).run()
    at.switch_page("pages/spend.py").run()
    at.number_input(key="spend_budget").set_value(100_000.0).run()
    at.switch_page("pages/capacity.py").run()
    assert metrics(at)["TPM (gpt-4)"] == "350,000"
    at.switch_page("pages/how_it_works.py").run()
    at.switch_page("pages/spend.py").run()
    assert at.number_input(key="inputs_users").value == 10_000
    assert at.number_input(key="spend_budget").value == 100_000.0


# --- prices --------------------------------------------------------------------


def _edit(at, row: int, column: str, value):
    version = at.session_state["spend_prices_version"]
    at.session_state[f"spend_prices_{version}"] = {"edited_rows": {row: {column: value}}, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_editing_a_price_changes_monthly_spend_by_the_right_amount():
    at = open_page("pages/spend.py")
    before = metrics(at)["Monthly spend"]
    assert before == "$6,506.77"
    _edit(at, 0, "input_usd_per_1m", 60.0)  # gpt-4 input: $30 → $60 per 1M tokens
    assert_clean(at)
    # 1,000 users × 2 queries × 21 days = 42,000 queries; each has 4,750 gpt-4 input tokens: +$30 per 1M.
    delta = Decimal(42_000) * 4_750 * 30 / 1_000_000
    assert delta == Decimal("5985")
    assert metrics(at)["Monthly spend"] == USD.format(Decimal("6506.766") + delta) == "$12,491.77"
    assert metrics(at)["Cost per query"] == "$0.297423"
    # The edit is shared: the Estimate page and the exports use it too.
    at.switch_page("pages/estimate.py").run()
    assert metrics(at)["Monthly spend"] == "$12,491.77"
    assert "prices edited on the Spend page" in texts(at)
    at.switch_page("pages/spend.py").run()
    at.button(key="spend_prices_reset").click().run()
    assert metrics(at)["Monthly spend"] == before


def test_invalid_price_is_refused_and_kept_for_correction():
    at = open_page("pages/spend.py")
    _edit(at, 1, "output_usd_per_1m", -2.0)
    assert not at.exception
    assert any("gpt-3.5-turbo output price" in e.value and "-2.0" in e.value for e in at.error)
    assert metrics(at)["Monthly spend"] == "$6,506.77"
    assert at.session_state["price_overrides"] == []


# --- currency, budget, headroom -----------------------------------------------------------


def test_currency_converts_every_money_figure():
    at = open_page("pages/spend.py")
    at.text_input(key="spend_currency_code").set_value("EUR")
    at.number_input(key="spend_currency_rate").set_value(0.5).run()
    assert_clean(at)
    m = metrics(at)
    assert m["Monthly spend"] == "EUR 3,253.38"  # 6,506.766 × 0.5
    assert m["Cost per query"] == "EUR 0.077462"  # 0.154923 × 0.5 = 0.0774615, half up
    assert "EUR at 0.5 per USD" in texts(at)
    at.switch_page("pages/estimate.py").run()
    assert metrics(at)["Annual spend"] == "EUR 39,040.60"


def test_bad_currency_code_keeps_what_was_typed():
    at = open_page("pages/spend.py")
    at.text_input(key="spend_currency_code").set_value("E1").run()
    assert any("three-letter currency code" in e.value for e in at.error)
    assert at.text_input(key="spend_currency_code").value == "E1"
    assert metrics(at)["Monthly spend"] == "$6,506.77"


def test_budget_question():
    at = open_page("pages/spend.py")
    at.number_input(key="spend_budget").set_value(65_067.66).run()
    label = next(k for k in metrics(at) if k.startswith("Users"))
    assert metrics(at)[label] == "10,000"
    assert b.users_within_budget(b.make_inputs(), "65067.66") == 10_000


def test_headroom_from_typed_quota():
    at = open_page("pages/capacity.py")
    at.number_input(key="inputs_users").set_value(10_000).run()
    at.number_input(key="capacity_have_gpt-4_rpm").set_value(1_000)
    at.number_input(key="capacity_have_gpt-4_tpm").set_value(300_000).run()
    assert not at.exception
    h = b.headroom(b.make_inputs(users=10_000), {"gpt-4": (1_000, 300_000)})[0]
    assert h.model == "gpt-4"
    assert h.enough is False
    row = at.dataframe[-1].value.iloc[0]
    assert (row["Model"], row["Verdict"], row["Serves up to (users)"]) == ("gpt-4", "short", f"{h.users_covered:,}")
    assert any(f"serves up to {h.users_covered:,} users" in e.value for e in at.error)


def test_headroom_prefills_from_the_key_check():
    limits = {"gpt-4": {"rpm": 10_000, "tpm": 300_000}, "gpt-4-32k": {"rpm": None, "tpm": None}}
    at = open_page("pages/capacity.py", state={"key_check_limits": limits})
    assert_clean(at)
    assert at.number_input(key="capacity_have_gpt-4_rpm").value == 10_000
    assert at.number_input(key="capacity_have_gpt-4_tpm").value == 300_000
    assert at.number_input(key="capacity_have_gpt-3.5-turbo_rpm").value is None
    h = b.headroom(b.make_inputs(), {"gpt-4": (10_000, 300_000)})[0]
    assert h.model == "gpt-4"
    assert any(f"runs out above {h.users_covered:,} users" in s.value for s in at.success)


def test_capacity_tables():
    at = open_page("pages/capacity.py")
    need = at.dataframe[0].value.set_index("Model")
    assert need.loc["gpt-4", "TPM · linear"] == "50,000"
    azure = at.dataframe[2].value.set_index("Model")
    assert azure.loc["gpt-4", "Request TPM"] == "50,000"
    assert azure.loc["gpt-4", "Brings RPM"] == "300"
