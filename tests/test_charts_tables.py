"""Chart builders produce valid Vega-Lite from aggregated data; display tables match the core."""

import byo_core as b
from byo_core import charts, rollout, tables
from byo_core.currency import make_currency


def test_sweep_includes_the_current_users_and_stays_small():
    for users in (0, 1000, 8000, 30_000, 10_000_000):
        u = charts.sweep_users(users)
        assert users in u and u[0] == 0 and len(u) <= charts.SWEEP_POINTS + 2 and u == sorted(u)


def test_charts_build_valid_specs():
    inputs = b.make_inputs(users=8000)
    est = b.estimate(inputs)
    users = charts.sweep_users(inputs.users)
    eur = make_currency("EUR", "0.9")
    specs = [
        charts.cost_by_model_chart(est, eur),
        charts.spend_chart(b.spend_curve(inputs, users), est, eur),
        charts.tpm_chart(b.quota_curve(inputs, users), b.published_points(inputs), est),
        charts.tpm_chart(b.quota_curve(inputs, users), b.published_points(inputs), est, "rpm"),
        charts.rollout_chart(rollout.plan(inputs, rollout.ramp(8000, 3)), eur),
    ]
    for chart in specs:
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert "EUR" in str(spec) or "TPM" in str(spec) or "RPM" in str(spec)
    tpm = specs[2].to_dict()
    datasets = tpm["datasets"].values()
    assert any(any(row.get("users") == 20_000 and row.get("value") == 500_000.0 for row in d) for d in datasets)


def test_need_by_basis_table():
    rows = {r["Model"]: r for r in tables.need_by_basis(b.make_inputs(users=10_000))}
    assert rows["gpt-4"]["TPM · published"] == "350,000" and rows["gpt-4"]["TPM · linear"] == "500,000"
    assert rows["gpt-4"]["Sized by"] == "published"
    assert rows["gpt-3.5-turbo"]["Sized by"] == "bottom-up"


def test_cost_and_azure_tables():
    est = b.estimate(b.make_inputs(users=10_000))
    cost = {r["Model"]: r for r in tables.cost_by_model(est)}
    assert cost["gpt-4"]["Share of cost"] == "99.0%" and cost["gpt-4"]["Monthly (USD)"] == "$64,386.00"
    azure = {r["Model"]: r for r in tables.azure(est)}
    assert azure["gpt-3.5-turbo"]["Azure model name"] == "gpt-35-turbo"
    assert azure["text-embedding-ada-002"]["Sized by"] == "RPM need"
    loads = {r["Implied by"]: r for r in tables.loads(est)}
    assert loads["the RPM figure"]["Queries / min per 500 users"] == "37.5"
