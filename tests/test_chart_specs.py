"""The app draws charts from plain Vega-Lite dicts (``charts.*_spec``), skipping Altair on every rerun.

Each dict is checked here once: valid against the Vega-Lite schema, and the same chart as its Altair
twin (same marks, encodings, titles and data rows), so the app looks as it did when it drew the
Altair objects.
"""

import altair as alt
import pytest

import byo_core as b
from byo_core import charts, rollout
from byo_core.compare import compare, comparison_chart, scenario
from byo_core.currency import USD, make_currency


def _resolved(spec: dict, fields_from: dict | None = None) -> dict:
    """The spec with every named dataset inlined (rows limited to the fields ``fields_from`` carries)."""
    datasets = spec.get("datasets", {})
    other = fields_from.get("datasets", {}) if fields_from else {}

    def rows_of(name: str) -> list[dict]:
        rows = datasets[name]
        if fields_from is not None:
            keep = set().union(*(r.keys() for d in other.values() for r in d))
            rows = [{k: v for k, v in r.items() if k in keep} for r in rows]
        return rows

    def walk(node):
        if isinstance(node, dict):
            out = {k: walk(v) for k, v in node.items() if k not in ("datasets", "$schema")}
            if isinstance(node.get("data"), dict) and "name" in node["data"]:
                out["data"] = {"values": rows_of(node["data"]["name"])}
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(spec)


def _pairs(users: int, cur, metric: str):
    inputs = b.make_inputs(users=users)
    est = b.estimate(inputs)
    sweep = charts.sweep_users(inputs.users)
    curve, quota, points = b.spend_curve(inputs, sweep), b.quota_curve(inputs, sweep), b.published_points(inputs)
    months = rollout.plan(inputs, rollout.ramp(users, 3))
    cmp = compare([scenario("glean-gpt4-2023-10", users=users), scenario("glean-ae2-azure-2026", users=users + 500)])
    return [
        (charts.cost_by_model_chart(est, cur), charts.cost_by_model_spec(est, cur)),
        (charts.spend_chart(curve, est, cur), charts.spend_spec(curve, est, cur)),
        (charts.tpm_chart(quota, points, est, metric), charts.tpm_spec(quota, points, est, metric)),
        (charts.rollout_chart(months, cur), charts.rollout_spec(months, cur)),
        (comparison_chart(cmp), charts.comparison_spec(cmp)),
    ]


@pytest.mark.parametrize(("users", "code", "rate", "metric"), [(8000, "EUR", "0.9", "TPM"), (0, "USD", "1", "rpm"), (125_000, "JPY", "151.3", "tpm")])
def test_specs_are_the_altair_charts(users, code, rate, metric):
    cur = USD if code == "USD" else make_currency(code, rate)
    with alt.theme.enable("none"):  # what st.altair_chart turns off before to_dict()
        for chart, spec in _pairs(users, cur, metric):
            want = chart.to_dict()  # validated
            assert spec["$schema"] == want["$schema"] == alt.SCHEMA_URL
            assert _resolved(spec, want) == _resolved(want, spec)
            type(chart).from_dict(spec, validate=True)  # the dict itself is valid Vega-Lite


def test_specs_for_every_profile_are_valid():
    for pid in b.load_catalog().profiles:
        inputs = b.make_inputs(users=3000, profile=pid)
        est = b.estimate(inputs)
        sweep = charts.sweep_users(inputs.users)
        for metric in ("tpm", "rpm"):
            spec = charts.tpm_spec(b.quota_curve(inputs, sweep), b.published_points(inputs), est, metric)
            want = charts.tpm_chart(b.quota_curve(inputs, sweep), b.published_points(inputs), est, metric)
            with alt.theme.enable("none"):
                assert _resolved(spec, want.to_dict()) == _resolved(want.to_dict(), spec)
        alt.LayerChart.from_dict(charts.spend_spec(b.spend_curve(inputs, sweep), est), validate=True)
