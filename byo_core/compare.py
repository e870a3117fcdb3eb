"""Scenarios side by side: spend and quota per model, and how each differs from the first.

A **scenario** is a label plus ``PlanInputs`` (profile, price set, volume).
``compare(scenarios)`` runs ``estimate`` on each — so every figure is the one
the estimate page and ``byo-planner estimate`` show — and lines them up:

- **spend**: cost per query, monthly and annual spend per scenario, with the
  monthly difference from the baseline (the first scenario) and the ratio;
- **quota per model**: RPM and TPM each scenario needs of each model (summed
  over the model's roles, on each scenario's basis). A model a scenario does
  not call counts as 0 there, so the difference for a model only the new
  scenario uses is its whole need;
- **headline**: the role the vendor's guidance is about (GPT-4 answer
  generation in 2023, the high-capacity model for Agentic Engine 2);
- **flags**: every price with its source and "as of" (stale ones flagged),
  the profile's self-contradictions and stated assumptions, and published
  costs that do not reproduce.

    >>> from byo_core.compare import compare, scenario
    >>> cmp = compare([scenario("glean-gpt4-2023-10", users=5000),
    ...                scenario("glean-ae2-azure-2026", users=5000)])
    >>> cmp.results[1].estimate.headline_need.tpm
    1245000
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .catalog import Catalog, load_catalog
from .errors import InputError
from .estimate import Estimate, assumptions_json, estimate
from .inputs import make_inputs
from .models import PlanInputs
from .numbers import money_str
from .prices import PriceStatus, profile_price_status

MAX_SCENARIOS = 6


@dataclass(frozen=True)
class Scenario:
    label: str | None
    """None: the profile id, plus ``@ price set`` when it is not the profile's own."""
    inputs: PlanInputs


def scenario(profile: str, label: str | None = None, **values: Any) -> Scenario:
    """A scenario from a profile id and any ``PlanInputs`` values (``InputError`` if one is bad)."""
    inputs = make_inputs(profile=profile, **values)
    return Scenario(label or None, inputs)


def _default_label(i: PlanInputs, catalog: Catalog) -> str:
    own = catalog.profile(i.profile).price_set
    return i.profile if i.price_set in (None, own) else f"{i.profile} @ {i.price_set}"


@dataclass(frozen=True)
class ScenarioResult:
    label: str
    estimate: Estimate
    prices: list[PriceStatus]
    flags: list[str]
    """Plain sentences a person must see beside this scenario's numbers."""
    monthly_diff: Decimal
    """Monthly spend minus the baseline's (0 for the baseline)."""
    monthly_ratio: Decimal | None
    """Monthly spend ÷ the baseline's; None when the baseline spends nothing."""


@dataclass(frozen=True)
class ModelQuota:
    """One model's need in every scenario, and the difference from the baseline."""

    model: str
    need: dict[str, tuple[int, int] | None]
    """Scenario label → (rpm, tpm), None where the scenario does not call the model."""
    diff: dict[str, tuple[int, int]]
    """Scenario label → (rpm, tpm) minus the baseline's (a missing model counts as 0)."""


@dataclass(frozen=True)
class Comparison:
    results: list[ScenarioResult]
    quota_by_model: list[ModelQuota]
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def baseline(self) -> ScenarioResult:
        return self.results[0]

    @property
    def labels(self) -> list[str]:
        return [r.label for r in self.results]

    def spend_rows(self) -> list[dict[str, Any]]:
        """One row per scenario, for a table: money as Decimal."""
        rows = []
        for r in self.results:
            e, s = r.estimate, r.estimate.spend
            head = e.headline_need
            rows.append({
                "scenario": r.label,
                "profile": e.profile.name,
                "users": e.inputs.users,
                "price set": e.price_set,
                "cost per query (USD)": s.cost_per_query,
                "monthly (USD)": s.monthly,
                "annual (USD)": s.annual,
                "monthly vs baseline (USD)": r.monthly_diff,
                "× baseline": r.monthly_ratio,
                "headline model": f"{head.model} — {head.role}",
                "headline RPM": head.rpm,
                "headline TPM": head.tpm,
                "basis": head.tpm_basis if head.tpm_basis == head.rpm_basis else f"TPM {head.tpm_basis}, RPM {head.rpm_basis}",
            })
        return rows

    def quota_rows(self) -> list[dict[str, Any]]:
        """One row per model: RPM/TPM per scenario and the difference from the baseline."""
        rows = []
        for q in self.quota_by_model:
            row: dict[str, Any] = {"model": q.model}
            for label in self.labels:
                n = q.need[label]
                row[f"{label} RPM"] = None if n is None else n[0]
                row[f"{label} TPM"] = None if n is None else n[1]
            for label in self.labels[1:]:
                row[f"Δ RPM ({label})"], row[f"Δ TPM ({label})"] = q.diff[label]
            rows.append(row)
        return rows

    def chart_frame(self):
        """Tidy frame for charts: scenario, metric, value (floats: the display edge)."""
        import pandas as pd

        rows = [{"scenario": r.label, "metric": "monthly spend (USD)", "value": float(r.estimate.spend.monthly)} for r in self.results]
        rows += [
            {"scenario": r.label, "metric": "headline TPM", "value": float(r.estimate.headline_need.tpm)} for r in self.results
        ]
        return pd.DataFrame(rows, columns=["scenario", "metric", "value"])

    def to_dict(self) -> dict[str, Any]:
        return to_json(self)


def compare(scenarios: Sequence[Scenario], catalog: Catalog | None = None, today: dt.date | None = None) -> Comparison:
    """Estimate each scenario and line them up against the first."""
    if not 2 <= len(scenarios) <= MAX_SCENARIOS:
        raise InputError("scenarios", len(scenarios), f"between 2 and {MAX_SCENARIOS} scenarios to compare")
    catalog = catalog or load_catalog()
    today = today or dt.date.today()
    labels = _unique([s.label or _default_label(s.inputs, catalog) for s in scenarios])
    ests = [estimate(s.inputs, catalog) for s in scenarios]
    base_monthly = ests[0].spend.monthly
    results = []
    for label, est in zip(labels, ests):
        prices = profile_price_status(est.profile, catalog, est.price_set, today)
        results.append(ScenarioResult(
            label=label,
            estimate=est,
            prices=prices,
            flags=flags(est, prices),
            monthly_diff=est.spend.monthly - base_monthly,
            monthly_ratio=est.spend.monthly / base_monthly if base_monthly else None,
        ))
    return Comparison(results, quota_by_model(labels, ests), today)


def _unique(labels: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} #{seen[label]}")
    return out


def quota_by_model(labels: list[str], ests: list[Estimate]) -> list[ModelQuota]:
    needs = [{n.model: (n.rpm, n.tpm) for n in e.quota_need} for e in ests]
    models = list(dict.fromkeys(m for n in needs for m in n))
    out = []
    for m in models:
        per = {label: n.get(m) for label, n in zip(labels, needs)}
        b_rpm, b_tpm = per[labels[0]] or (0, 0)
        diff = {label: ((v or (0, 0))[0] - b_rpm, (v or (0, 0))[1] - b_tpm) for label, v in per.items()}
        out.append(ModelQuota(m, per, diff))
    return out


def flags(est: Estimate, prices: list[PriceStatus]) -> list[str]:
    """What a person must read beside a scenario: stale prices, contradictions, assumptions."""
    out = [p.message for p in prices if p.stale]
    for c in est.stage_costs:
        if c.published_usd_per_query is None:
            continue
        stage = next(s for s in est.profile.stages if s.role == c.role)
        printed = stage.published_cost_as_printed or f"${c.published_usd_per_query}"
        line = (
            f"{c.model} ({c.role}): the source prints {printed}; at {c.price.price_set} prices it is "
            f"${money_str(c.usd_per_query)}, ${money_str(abs(c.usd_per_query - c.published_usd_per_query))} "
            f"{'more' if c.usd_per_query > c.published_usd_per_query else 'less'} than printed."
            if c.usd_per_query != c.published_usd_per_query
            else f"{c.model} ({c.role}): reproduces the published ${money_str(c.published_usd_per_query)} per query."
        )
        if not stage.published_cost_currency_stated:
            line += " The source states no currency; the printed figure is read as USD."
        out.append(line)
    for s in est.profile.stages:
        if s.assumed:
            out.append(f"{s.model} ({s.role}): not published, assumed by us — {', '.join(f.replace('_', ' ') for f in s.assumed)}.")
    out += [f"The source contradicts itself — {d.topic}: {d.says} We use: {d.we_use}" for d in est.profile.discrepancies]
    out += est.explanations
    return out


def to_json(cmp: Comparison) -> dict[str, Any]:
    """``byo-planner compare --format json``: money as decimal strings, quota as integers."""
    scen = []
    for r in cmp.results:
        e, s, i = r.estimate, r.estimate.spend, r.estimate.inputs
        head = e.headline_need
        scen.append({
            "label": r.label,
            "profile": e.profile.id,
            "profile_name": e.profile.name,
            "source_url": str(e.profile.source_url),
            "as_of": e.profile.as_of.isoformat(),
            "price_set": e.price_set,
            "users": i.users,
            "basis": i.basis.value,
            "assumptions": assumptions_json(i),
            "cost_per_query_usd": money_str(s.cost_per_query),
            "monthly_usd": money_str(s.monthly),
            "annual_usd": money_str(s.annual),
            "monthly_diff_usd": money_str(r.monthly_diff),
            "monthly_ratio": None if r.monthly_ratio is None else money_str(round(r.monthly_ratio, 6)),
            "headline": {"role": head.role, "model": head.model, "rpm": head.rpm, "tpm": head.tpm,
                         "rpm_basis": head.rpm_basis, "tpm_basis": head.tpm_basis},
            "need_by_model": [{"model": n.model, "rpm": n.rpm, "tpm": n.tpm, "basis": n.basis} for n in e.quota_need],
            "azure": [{"role": a.role, "model": a.model, "request_tpm": a.request_tpm, "brings_rpm": a.brings_rpm} for a in e.azure],
            "prices": [
                {"model": p.model, "price_set": p.price_set, "as_of": p.row.as_of.isoformat(),
                 "source_url": str(p.row.source_url), "stale": p.stale,
                 "input_usd_per_1m": money_str(p.row.input_usd_per_1m),
                 "cached_input_usd_per_1m": None if p.row.cached_input_usd_per_1m is None else money_str(p.row.cached_input_usd_per_1m),
                 "output_usd_per_1m": None if p.row.output_usd_per_1m is None else money_str(p.row.output_usd_per_1m)}
                for p in r.prices
            ],
            "flags": r.flags,
        })
    return {
        "baseline": cmp.baseline.label,
        "today": cmp.today.isoformat(),
        "scenarios": scen,
        "quota_by_model": [
            {
                "model": q.model,
                "need": {k: None if v is None else {"rpm": v[0], "tpm": v[1]} for k, v in q.need.items()},
                "diff_vs_baseline": {k: {"rpm": v[0], "tpm": v[1]} for k, v in q.diff.items() if k != cmp.baseline.label},
            }
            for q in cmp.quota_by_model
        ],
    }


def comparison_chart(cmp: Comparison):
    """Monthly spend and headline TPM per scenario, side by side (Altair)."""
    import altair as alt

    df = cmp.chart_frame()
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("scenario:N", sort=cmp.labels, title=None, axis=alt.Axis(labelAngle=0, labelLimit=220)),
            y=alt.Y("value:Q", title=None),
            color=alt.Color("scenario:N", sort=cmp.labels, legend=None),
            tooltip=["scenario", "metric", alt.Tooltip("value:Q", format=",.2f")],
        )
        .properties(width=260, height=220)
        .facet(column=alt.Column("metric:N", title=None))
        .resolve_scale(y="independent")
    )


__all__ = ["Comparison", "ModelQuota", "Scenario", "ScenarioResult", "compare", "comparison_chart", "flags", "scenario", "to_json"]
