"""Scenario comparison: the numbers are estimate()'s, the differences are exact, the CLI says the same."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from byo_core import InputError, PlannerError, UnknownProfileError, estimate, make_inputs
from byo_core.cli import main
from byo_core.compare import compare, comparison_chart, scenario

TODAY = dt.date(2026, 12, 3)
SEED, AE2_AZURE = "glean-gpt4-2023-10", "glean-ae2-azure-2026"


@pytest.fixture(scope="module")
def cmp():
    return compare([scenario(SEED, users=5000), scenario(AE2_AZURE, users=5000)], today=TODAY)


def test_2023_gpt4_vs_agentic_engine_2_at_5000_users(cmp):
    base, new = cmp.results
    assert base.estimate.spend.monthly == Decimal("32533.83")  # 5,000 × 2 × 21 × $0.154923
    assert new.estimate.spend.monthly == Decimal("7638.75")  # × $0.036375
    assert new.monthly_diff == Decimal("-24895.08")
    assert base.monthly_diff == 0 and base.monthly_ratio == 1
    head = new.estimate.headline_need
    assert (head.model, head.rpm, head.tpm) == ("gpt-5.1", 65, 1_245_000)


def test_quota_per_model_and_its_difference(cmp):
    q = {m.model: m for m in cmp.quota_by_model}
    assert list(q) == ["gpt-4", "gpt-3.5-turbo", "text-embedding-ada-002", "gpt-5.1"]
    assert q["gpt-4"].need == {SEED: (750, 250_000), AE2_AZURE: None}
    assert q["gpt-4"].diff[AE2_AZURE] == (-750, -250_000)
    assert q["gpt-5.1"].need[AE2_AZURE] == (80, 1_260_000)  # both roles of gpt-5.1 summed
    assert q["gpt-5.1"].diff[AE2_AZURE] == (80, 1_260_000)


def test_every_number_is_estimates(cmp):
    for r in cmp.results:
        e = estimate(r.estimate.inputs)
        assert e.spend == r.estimate.spend
        assert e.quota_need == r.estimate.quota_need


def test_flags_show_stale_prices_cost_gaps_assumptions_and_contradictions():
    c = compare([scenario(SEED, users=1000), scenario("glean-claude-vertex-2026", users=1000)], today=TODAY)
    seed_flags, claude_flags = (" ".join(r.flags) for r in c.results)
    assert "STALE" in seed_flags and "2023-10-13" in seed_flags
    assert "STALE" not in claude_flags
    assert "$0.21429" in claude_flags and "$0.13429 more than printed" in claude_flags
    assert "states no currency" in claude_flags
    assert "assumed by us — calls per query" in claude_flags
    assert "contradicts itself" in claude_flags


def test_same_profile_on_two_price_sets_gets_distinct_labels():
    c = compare([scenario(SEED), scenario(SEED, price_set="genai-prices-openai"), scenario(SEED)], today=TODAY)
    assert c.labels == [SEED, f"{SEED} @ genai-prices-openai", f"{SEED} #2"]
    # gpt-3.5-turbo is cheaper at today's list price: 760 × $1.00 + 129 × $0.50 less per 1M tokens
    assert c.results[1].estimate.spend.cost_per_query - c.results[0].estimate.spend.cost_per_query == Decimal("-0.0008245")


def test_needs_two_to_six_scenarios():
    with pytest.raises(InputError, match="between 2 and 6"):
        compare([scenario(SEED)])
    with pytest.raises(UnknownProfileError):
        compare([scenario(SEED), scenario("nope")])


def test_json_contract(cmp):
    d = cmp.to_dict()
    assert d["baseline"] == SEED
    s = d["scenarios"][1]
    assert s["headline"] == {"role": "agentic model (high capacity)", "model": "gpt-5.1", "rpm": 65, "tpm": 1245000,
                             "rpm_basis": "published", "tpm_basis": "published"}
    assert (s["monthly_usd"], s["monthly_diff_usd"], s["cost_per_query_usd"]) == ("7638.75", "-24895.08", "0.036375")
    assert s["prices"][0]["price_set"] == "genai-prices-azure" and s["prices"][0]["stale"] is False
    q = {m["model"]: m for m in d["quota_by_model"]}
    assert q["gpt-5.1"]["need"][SEED] is None
    assert q["gpt-5.1"]["diff_vs_baseline"] == {AE2_AZURE: {"rpm": 80, "tpm": 1260000}}
    json.dumps(d)


def test_chart_builds(cmp):
    spec = comparison_chart(cmp).to_dict()
    assert spec["facet"]["column"]["field"] == "metric"


# --- CLI ---------------------------------------------------------------------------------


def run(capsys, *argv):
    code = main(["compare", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_equals_the_library(capsys, cmp):
    code, out, _ = run(capsys, "--users", "5000", "--scenario", SEED, "--scenario", AE2_AZURE, "--format", "json")
    assert code == 0
    got = json.loads(out)
    want = cmp.to_dict()
    got.pop("today"), want.pop("today")
    assert got == want


def test_cli_table_shows_the_headline_and_the_difference(capsys):
    code, out, _ = run(capsys, "--users", "5000", "--scenario", SEED, "--scenario", AE2_AZURE)
    assert code == 0
    assert "65 RPM, 1,245,000 TPM" in out
    assert "-$24,895.08" in out
    assert "STALE" in out


def test_cli_key_value_scenarios_override_shared_flags(capsys):
    code, out, _ = run(capsys, "--users", "1000", "--format", "json",
                       "--scenario", f"profile={SEED},label=then",
                       "--scenario", f"profile={AE2_AZURE},users=5000,label=now")
    d = json.loads(out)
    assert [s["label"] for s in d["scenarios"]] == ["then", "now"]
    assert [s["users"] for s in d["scenarios"]] == [1000, 5000]


def test_cli_uploaded_prices(capsys, tmp_path):
    f = tmp_path / "ours.csv"
    f.write_text("price_set,model,input_usd_per_1m,cached_input_usd_per_1m,output_usd_per_1m,as_of,source_url,note\n"
                 "negotiated-2026,gpt-5.1,1,0.1,8,2026-11-01,https://example.com/contract,\n")
    code, out, _ = run(capsys, "--users", "5000", "--format", "json", "--prices", str(f),
                       "--scenario", AE2_AZURE, "--scenario", f"profile={AE2_AZURE},price_set=negotiated-2026")
    assert code == 0
    d = json.loads(out)
    assert d["scenarios"][1]["cost_per_query_usd"] == "0.0291"  # 24,300 × $1 + 600 × $8 per 1M


@pytest.mark.parametrize(
    "argv, says",
    [
        (["--scenario", SEED], "two or more"),
        (["--scenario", SEED, "--scenario", "nope"], "not a known profile"),
        (["--scenario", SEED, "--scenario", "colour=red"], "key=value pairs"),
        (["--scenario", SEED, "--scenario", AE2_AZURE, "--users", "-3"], "users"),
        (["--scenario", SEED, "--scenario", f"profile={AE2_AZURE},price_set=genai-prices-google"], "gpt-5.1"),
        (["--scenario", SEED, "--scenario", AE2_AZURE, "--prices", "/nonexistent/prices.csv"], "cannot be read"),
        (["--scenario", SEED, "--scenario", AE2_AZURE, "--format", "xml"], "invalid choice"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(capsys, argv, says):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert says in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_errors_are_planner_errors():
    with pytest.raises(PlannerError):
        compare([scenario(SEED), scenario(AE2_AZURE, price_set="genai-prices-google")])
