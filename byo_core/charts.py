"""Chart builders shared by the pages and notebooks.

Two forms of the same charts: Altair objects (``cost_by_model_chart`` …, for
notebooks) and plain Vega-Lite dicts (``cost_by_model_spec`` …, for the app's
``st.vega_lite_chart``). The dicts skip Altair's per-channel wrapping and
jsonschema validation, which cost most of a rerun; tests check that each
dict is valid Vega-Lite and the same chart as its Altair twin. Each builder takes already-aggregated data (a sweep of a few dozen user
counts, a handful of models or months), so charts stay small. Colours are
mid-tone and every text colour is left to the theme, so the charts read in
both the light and the dark theme. Money is converted to the display currency
here, at the display edge, as floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .currency import USD, Currency
from .estimate import Estimate
from .rollout import RolloutMonth

if TYPE_CHECKING:  # imported where a chart is built: a page that draws none never loads them
    import altair as alt
    import pandas as pd

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
    import altair as alt
    import pandas as pd

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
    import altair as alt
    import pandas as pd

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
    import altair as alt
    import pandas as pd

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
    import altair as alt
    import pandas as pd

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


# --- The same charts as plain Vega-Lite dicts (what the app draws with st.vega_lite_chart) ---------------
#
# Each ``*_spec`` returns exactly what its Altair twin's ``to_dict()`` gives (tests/test_charts_tables.py
# compares them), except that datasets have short names and carry only the fields the chart uses.

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"


def _q(field: str, title: str | None = None, fmt: str | None = None, axis: dict[str, Any] | None = None) -> dict[str, Any]:
    return _channel(field, "quantitative", title, fmt, axis)


def _n(field: str, title: str | None = None, fmt: str | None = None, axis: dict[str, Any] | None = None) -> dict[str, Any]:
    return _channel(field, "nominal", title, fmt, axis)


def _channel(field: str, kind: str, title: Any, fmt: str | None, axis: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"field": field, "type": kind}
    if axis is not None:
        out["axis"] = axis
    if fmt is not None:
        out["format"] = fmt
    if title is not None:
        out["title"] = title
    return out


def _spec(body: dict[str, Any], datasets: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {**body, "$schema": VEGA_LITE_SCHEMA, "datasets": datasets}


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    return frame[name].tolist()


def cost_by_model_spec(est: Estimate, cur: Currency = USD) -> dict[str, Any]:
    """``cost_by_model_chart`` as a Vega-Lite dict."""
    q = est.spend.queries_per_month
    rows = [
        {"model": m.model, "monthly": float(cur.convert(m.usd_per_query * q)), "share": float(m.share), "per_query": float(cur.convert(m.usd_per_query))}
        for m in est.cost_by_model
    ]
    return _spec({
        "data": {"name": "cost"},
        "mark": {"type": "bar", "color": BASIS_COLORS["published"]},
        "encoding": {
            "tooltip": [
                _n("model", "Model"),
                _q("monthly", f"Monthly ({cur.code})", ",.2f"),
                _q("per_query", f"Per query ({cur.code})", ",.6f"),
                _q("share", "Share of cost", ".1%"),
            ],
            "x": _q("monthly", f"Monthly spend ({cur.code})", axis={"format": ",.0f"}),
            "y": {"axis": {"labelLimit": 260}, "field": "model", "sort": "-x", "title": None, "type": "nominal"},
        },
        "height": {"step": 36},
        "title": f"Monthly spend by model ({cur.label})",
    }, {"cost": rows})


def spend_spec(curve: pd.DataFrame, est: Estimate, cur: Currency = USD) -> dict[str, Any]:
    """``spend_chart`` as a Vega-Lite dict."""
    rate = float(cur.rate)
    rows = [{"users": u, "monthly": m * rate, "annual": a * rate}
            for u, m, a in zip(_column(curve, "users"), _column(curve, "monthly_usd"), _column(curve, "annual_usd"))]
    here = [{"users": est.inputs.users, "monthly": float(cur.convert(est.spend.monthly)), "label": f"{est.inputs.users:,} users: {cur.format(est.spend.monthly)}"}]
    x = _q("users", "Users", axis={"format": ",.0f"})
    y = _q("monthly", f"Monthly spend ({cur.code})", axis={"format": ",.0f"})
    mark_here = {"color": MARK_COLOR}
    return _spec({
        "layer": [
            {"data": {"name": "curve"}, "mark": {"type": "line", "color": BASIS_COLORS["published"], "strokeWidth": 2.5},
             "encoding": {"tooltip": [_q("users", fmt=","), _q("monthly", f"Monthly ({cur.code})", ",.2f"), _q("annual", f"Annual ({cur.code})", ",.2f")],
                          "x": x, "y": y}},
            {"data": {"name": "here"}, "mark": {"type": "point", **mark_here, "filled": True, "size": 160},
             "encoding": {"tooltip": [_n("label")], "x": x, "y": y}},
            {"data": {"name": "here"}, "mark": {"type": "text", "align": "right", **mark_here, "dx": -12, "dy": -12, "fontSize": 13, "fontWeight": "bold"},
             "encoding": {"text": _n("label"), "x": x, "y": y}},
        ],
        "height": 320,
        "title": f"Monthly spend against users ({cur.label})",
    }, {"curve": rows, "here": here})


def tpm_spec(quota: pd.DataFrame, published: pd.DataFrame, est: Estimate, metric: str = "tpm") -> dict[str, Any]:
    """``tpm_chart`` as a Vega-Lite dict."""
    lead = est.headline_need
    m = metric.lower()
    df = quota[(quota["role"] == lead.role) & quota[m].notna()]
    lines = [{"users": u, "value": float(v), "basis_title": BASIS_TITLES.get(bs)}
             for u, v, bs in zip(_column(df, "users"), _column(df, m), _column(df, "basis"))]
    pf = published[(published["role"] == lead.role) & published[m].notna()]
    pts = [{"users": u, "value": float(v)} for u, v in zip(_column(pf, "users"), _column(pf, m))]
    here = [{"users": est.inputs.users, "value": float(getattr(lead, m)), "label": f"you: {getattr(lead, m):,} {m.upper()}"}]
    domain = [BASIS_TITLES[b] for b in BASIS_COLORS]
    x = _q("users", "Users", axis={"format": ",.0f"})
    y = _q("value", f"{m.upper()} for {lead.model}", axis={"format": ",.0f"})
    layers: list[dict[str, Any]] = [{
        "data": {"name": "lines"}, "mark": {"type": "line", "strokeWidth": 2.5},
        "encoding": {
            "color": {"field": "basis_title", "legend": {"orient": "bottom"}, "scale": {"domain": domain, "range": list(BASIS_COLORS.values())},
                      "title": "Basis", "type": "nominal"},
            "strokeDash": {"field": "basis_title", "legend": None, "scale": {"domain": domain, "range": [[1, 0], [8, 4], [3, 3]]}, "type": "nominal"},
            "tooltip": [_n("basis_title", "Basis"), _q("users", fmt=","), _q("value", m.upper(), ",")],
            "x": x, "y": y,
        },
    }]
    datasets = {"lines": lines}
    if pts:
        layers.append({
            "data": {"name": "published"},
            "mark": {"type": "point", "color": BASIS_COLORS["published"], "filled": True, "size": 110, "stroke": "white", "strokeWidth": 1},
            "encoding": {"tooltip": [_q("users", "Published example: users", ","), _q("value", m.upper(), ",")], "x": x, "y": y},
        })
        datasets["published"] = pts
    layers.append({"data": {"name": "here"}, "mark": {"type": "point", "color": MARK_COLOR, "filled": True, "shape": "diamond", "size": 200},
                   "encoding": {"tooltip": [_n("label")], "x": x, "y": y}})
    layers.append({"data": {"name": "here"},
                   "mark": {"type": "text", "align": "right", "color": MARK_COLOR, "dx": -12, "dy": -12, "fontSize": 13, "fontWeight": "bold"},
                   "encoding": {"text": _n("label"), "x": x, "y": y}})
    datasets["here"] = here
    return _spec({
        "layer": layers,
        "height": 340,
        "title": f"{m.upper()} against users — {lead.model} ({lead.role}); dots: the vendor's published examples",
    }, datasets)


def rollout_spec(months: Sequence[RolloutMonth], cur: Currency = USD) -> dict[str, Any]:
    """``rollout_chart`` as a Vega-Lite dict."""
    rows = [{"month": f"M{m.month}", "order": m.month, "users": m.users, "spend": float(cur.convert(m.monthly))} for m in months]
    return _spec({
        "data": {"name": "months"},
        "mark": {"type": "bar", "color": BASIS_COLORS["published"]},
        "encoding": {
            "tooltip": [_n("month"), _q("users", fmt=","), _q("spend", f"Spend ({cur.code})", ",.2f")],
            "x": {"field": "month", "sort": {"field": "order"}, "title": "Month", "type": "nominal"},
            "y": _q("spend", f"Spend ({cur.code})", axis={"format": ",.0f"}),
        },
        "height": 260,
        "title": f"Spend month by month ({cur.label})",
    }, {"months": rows})


def comparison_spec(cmp: Any) -> dict[str, Any]:
    """``byo_core.compare.comparison_chart`` as a Vega-Lite dict: monthly spend and headline TPM per scenario."""
    rows = cmp.chart_frame().to_dict("records")
    labels = list(cmp.labels)
    return _spec({
        "data": {"name": "scenarios"},
        "facet": {"column": {"field": "metric", "title": None, "type": "nominal"}},
        "spec": {
            "mark": {"type": "bar"},
            "encoding": {
                "color": {"field": "scenario", "legend": None, "sort": labels, "type": "nominal"},
                "tooltip": [_n("scenario"), _n("metric"), _q("value", fmt=",.2f")],
                "x": {"axis": {"labelAngle": 0, "labelLimit": 220}, "field": "scenario", "sort": labels, "title": None, "type": "nominal"},
                "y": {"field": "value", "title": None, "type": "quantitative"},
            },
            "height": 220,
            "width": 260,
        },
        "resolve": {"scale": {"y": "independent"}},
    }, {"scenarios": rows})
