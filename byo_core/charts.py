"""Altair chart builders shared by the pages and notebooks.

Each builder takes already-aggregated data (a sweep of a few dozen user
counts, a handful of models or months), so charts stay small. Colours are
mid-tone and every text colour is left to the theme, so the charts read in
both the light and the dark theme. Money is converted to the display currency
here, at the display edge, as floats.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from .currency import USD, Currency
from .estimate import Estimate
from .rollout import RolloutMonth

BASIS_COLORS = {"published": "#4c78a8", "linear": "#f58518", "bottom-up": "#54a24b"}
BASIS_TITLES = {"published": "published examples (line)", "linear": "per-500-users rule", "bottom-up": "bottom-up (your volume)"}
MARK_COLOR = "#e45756"
SWEEP_POINTS = 40
_NICE_STEPS = (100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000)


def sweep_users(users: int, points: int = SWEEP_POINTS) -> list[int]:
    """User counts for a chart around ``users``: 0 to at least 25,000 or twice ``users``, plus ``users`` itself."""
    top = max(25_000, 2 * users)
    step = next(s for s in _NICE_STEPS if s * points >= top) if top <= _NICE_STEPS[-1] * points else -(-top // points)
    top = -(-top // step) * step
    return sorted(set(range(0, top + 1, step)) | {users})


def cost_by_model_chart(est: Estimate, cur: Currency = USD) -> alt.Chart:
    q = est.spend.queries_per_month
    df = pd.DataFrame(
        [
            {"model": m.model, "monthly": float(cur.convert(m.usd_per_query * q)), "share": float(m.share), "per_query": float(cur.convert(m.usd_per_query))}
            for m in est.cost_by_model
        ]
    )
    return (
        alt.Chart(df, title=f"Monthly spend by model ({cur.label})")
        .mark_bar(color=BASIS_COLORS["published"])
        .encode(
            y=alt.Y("model:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("monthly:Q", title=f"Monthly spend ({cur.code})", axis=alt.Axis(format=",.0f")),
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("monthly:Q", title=f"Monthly ({cur.code})", format=",.2f"),
                alt.Tooltip("per_query:Q", title=f"Per query ({cur.code})", format=",.6f"),
                alt.Tooltip("share:Q", title="Share of cost", format=".1%"),
            ],
        )
        .properties(height=alt.Step(36))
    )


def spend_chart(curve: pd.DataFrame, est: Estimate, cur: Currency = USD) -> alt.LayerChart:
    """Monthly spend against users (``sweep.spend_curve`` output), the current estimate marked."""
    rate = float(cur.rate)
    df = curve.assign(monthly=curve["monthly_usd"] * rate, annual=curve["annual_usd"] * rate)
    here = pd.DataFrame([{"users": est.inputs.users, "monthly": float(cur.convert(est.spend.monthly)), "label": f"{est.inputs.users:,} users: {cur.format(est.spend.monthly)}"}])
    x = alt.X("users:Q", title="Users", axis=alt.Axis(format=",.0f"))
    y = alt.Y("monthly:Q", title=f"Monthly spend ({cur.code})", axis=alt.Axis(format=",.0f"))
    line = alt.Chart(df).mark_line(color=BASIS_COLORS["published"], strokeWidth=2.5).encode(
        x=x, y=y, tooltip=[alt.Tooltip("users:Q", format=","), alt.Tooltip("monthly:Q", title=f"Monthly ({cur.code})", format=",.2f"), alt.Tooltip("annual:Q", title=f"Annual ({cur.code})", format=",.2f")]
    )
    point = alt.Chart(here).mark_point(color=MARK_COLOR, size=160, filled=True).encode(x=x, y=y, tooltip=["label:N"])
    label = alt.Chart(here).mark_text(align="right", dx=-12, dy=-12, fontWeight="bold", fontSize=13, color=MARK_COLOR).encode(x=x, y=y, text="label:N")
    return alt.layer(line, point, label).properties(title=f"Monthly spend against users ({cur.label})", height=320)


def tpm_chart(quota: pd.DataFrame, published: pd.DataFrame, est: Estimate, metric: str = "tpm") -> alt.LayerChart:
    """TPM (or RPM) against users for the headline role: rule, published line, bottom-up; examples as points."""
    lead = est.headline_need
    m = metric.lower()
    df = quota[(quota["role"] == lead.role) & quota[m].notna()].assign(value=lambda d: d[m].astype(float))
    df = df.assign(basis_title=df["basis"].map(BASIS_TITLES))
    pts = published[(published["role"] == lead.role) & published[m].notna()].assign(value=lambda d: d[m].astype(float))
    here = pd.DataFrame([{"users": est.inputs.users, "value": float(getattr(lead, m)), "label": f"you: {getattr(lead, m):,} {m.upper()}"}])
    domain = [BASIS_TITLES[b] for b in BASIS_COLORS]
    color = alt.Color("basis_title:N", title="Basis", scale=alt.Scale(domain=domain, range=list(BASIS_COLORS.values())), legend=alt.Legend(orient="bottom"))
    x = alt.X("users:Q", title="Users", axis=alt.Axis(format=",.0f"))
    y = alt.Y("value:Q", title=f"{m.upper()} for {lead.model}", axis=alt.Axis(format=",.0f"))
    lines = alt.Chart(df).mark_line(strokeWidth=2.5).encode(
        x=x, y=y, color=color, strokeDash=alt.StrokeDash("basis_title:N", legend=None, scale=alt.Scale(domain=domain, range=[[1, 0], [8, 4], [3, 3]])),
        tooltip=[alt.Tooltip("basis_title:N", title="Basis"), alt.Tooltip("users:Q", format=","), alt.Tooltip("value:Q", title=m.upper(), format=",")],
    )
    layers = [lines]
    if not pts.empty:
        layers.append(
            alt.Chart(pts).mark_point(size=110, filled=True, color=BASIS_COLORS["published"], stroke="white", strokeWidth=1).encode(
                x=x, y=y, tooltip=[alt.Tooltip("users:Q", format=",", title="Published example: users"), alt.Tooltip("value:Q", title=m.upper(), format=",")]
            )
        )
    layers.append(alt.Chart(here).mark_point(shape="diamond", size=200, filled=True, color=MARK_COLOR).encode(x=x, y=y, tooltip=["label:N"]))
    layers.append(alt.Chart(here).mark_text(align="right", dx=-12, dy=-12, fontWeight="bold", fontSize=13, color=MARK_COLOR).encode(x=x, y=y, text="label:N"))
    return alt.layer(*layers).properties(title=f"{m.upper()} against users — {lead.model} ({lead.role}); dots: the vendor's published examples", height=340)


def rollout_chart(months: Sequence[RolloutMonth], cur: Currency = USD) -> alt.Chart:
    df = pd.DataFrame([{"month": f"M{m.month}", "order": m.month, "users": m.users, "spend": float(cur.convert(m.monthly))} for m in months])
    return (
        alt.Chart(df, title=f"Spend month by month ({cur.label})")
        .mark_bar(color=BASIS_COLORS["published"])
        .encode(
            x=alt.X("month:N", sort=alt.SortField("order"), title="Month"),
            y=alt.Y("spend:Q", title=f"Spend ({cur.code})", axis=alt.Axis(format=",.0f")),
            tooltip=[alt.Tooltip("month:N"), alt.Tooltip("users:Q", format=","), alt.Tooltip("spend:Q", title=f"Spend ({cur.code})", format=",.2f")],
        )
        .properties(height=260)
    )
