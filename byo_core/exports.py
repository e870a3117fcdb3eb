"""Exports of one estimate: CSV, XLSX and a printable one-page HTML summary.

All three are built from ``estimate_rows``: one row per figure, with the exact
value, its unit, the text the app shows for it (``shown``) and where it comes
from. The CSV columns are the contract (README, 'Exports'):

    section, item, model, value, unit, shown, source

``value`` is exact (money as a decimal string in the display currency, no
rounding); ``shown`` is the same figure formatted exactly as on screen. Key
material is never an input here, so it can never be exported.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from decimal import Decimal
from typing import Any

from .currency import USD, Currency, format_count, format_share
from .estimate import Estimate
from .links import query_string
from .numbers import money_str
from .price_edits import is_edited
from .tables import BASIS_LABELS

COLUMNS = ["section", "item", "model", "value", "unit", "shown", "source"]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _row(section: str, item: str, value: Any, unit: str = "", shown: str | None = None, model: str = "", source: str = "") -> dict[str, Any]:
    if isinstance(value, Decimal):
        text = money_str(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = ""
    else:
        text = str(value)
    if shown is None:
        shown = format_count(value) if isinstance(value, int) and not isinstance(value, bool) else text
    return {"section": section, "item": item, "model": model, "value": text, "unit": unit, "shown": shown, "source": source}


def estimate_rows(est: Estimate, cur: Currency = USD) -> list[dict[str, Any]]:
    """Every figure of the estimate as one row (see the module docstring)."""
    i, p, s = est.inputs, est.profile, est.spend
    money = cur.code
    src = f"{p.name}, {p.as_of.isoformat()}, {p.source_url}"
    rows = [
        _row("inputs", "users", i.users, "users"),
        _row("inputs", "profile", i.profile, shown=p.name, source=src),
        _row("inputs", "capacity basis", i.basis.value, shown=BASIS_LABELS[i.basis.value]),
        _row("inputs", "round to 500-user blocks", i.round_blocks),
        _row("inputs", "queries per user per working day", i.queries_per_user_per_day, "queries"),
        _row("inputs", "working days per month", i.working_days, "days"),
        _row("inputs", "business hours per day", i.business_hours, "hours"),
        _row("inputs", "peak factor", i.peak_factor, "×"),
        _row("inputs", "active share of users", i.active_share, "share 0–1", shown=format_share(i.active_share)),
        _row("inputs", "currency", cur.code, shown=cur.label),
        _row("inputs", "exchange rate", cur.rate, f"{cur.code} per USD"),
        _row("inputs", "link", query_string(i), "query string"),
        _row("source", "profile source", str(p.source_url), shown=p.name, source=src),
        _row("source", "figures as of", p.as_of.isoformat(), source=src),
    ]
    for c in est.stage_costs:
        pr = c.price
        psrc = f"{pr.price_set}, {pr.as_of.isoformat()}, {pr.source_url}" + (" (edited)" if is_edited(pr) else "")
        for label, v in (("input price", pr.input_usd_per_1m), ("cached-input price", pr.cached_input_usd_per_1m), ("output price", pr.output_usd_per_1m)):
            if v is not None:
                rows.append(_row("prices", label, cur.convert(v), f"{money} per 1M tokens", cur.format_price(v), c.model, psrc))
    rows += [
        _row("spend", "cost per query", cur.convert(s.cost_per_query), money, cur.format_per_query(s.cost_per_query)),
        _row("spend", "queries per month", s.queries_per_month, "queries", format_count(s.queries_per_month)),
        _row("spend", "monthly spend", cur.convert(s.monthly), money, cur.format(s.monthly)),
        _row("spend", "annual spend", cur.convert(s.annual), money, cur.format(s.annual)),
    ]
    if s.per_user_monthly is not None:
        rows.append(_row("spend", "monthly spend per user", cur.convert(s.per_user_monthly), money, cur.format(s.per_user_monthly)))
    for m in est.cost_by_model:
        rows.append(_row("cost by model", "cost per query", cur.convert(m.usd_per_query), money, cur.format_per_query(m.usd_per_query), m.model))
        rows.append(_row("cost by model", "share of cost", round(m.share, 6), "share 0–1", format_share(m.share), m.model))
        rows.append(_row("cost by model", "monthly spend", cur.convert(m.usd_per_query * s.queries_per_month), money, cur.format(m.usd_per_query * s.queries_per_month), m.model))
    lead = est.headline_need
    rows += [
        _row("capacity", "RPM", lead.rpm, "requests/min", model=lead.model, source=f"basis: {lead.rpm_basis}"),
        _row("capacity", "TPM", lead.tpm, "tokens/min", model=lead.model, source=f"basis: {lead.tpm_basis}"),
    ]
    for g in est.guided:
        for basis in ("linear", "published"):
            for metric in ("rpm", "tpm"):
                v = getattr(g, f"{basis}_{metric}")
                if v is not None:
                    rows.append(_row("capacity", f"{metric.upper()} ({BASIS_LABELS[basis]})", v, f"{'requests' if metric == 'rpm' else 'tokens'}/min", model=g.model, source=f"{g.role}; sized for {g.sized_users:,} users"))
    for n in est.quota_need:
        rows.append(_row("need by model", "RPM", n.rpm, "requests/min", model=n.model, source=f"basis: {n.basis}"))
        rows.append(_row("need by model", "TPM", n.tpm, "tokens/min", model=n.model, source=f"basis: {n.basis}"))
    for a in est.azure:
        rows.append(_row("azure request", f"request TPM ({a.role})", a.request_tpm, "tokens/min", model=a.model, source="Azure: TPM in steps of 1,000, 6 RPM per 1,000 TPM"))
        rows.append(_row("azure request", f"brings RPM ({a.role})", a.brings_rpm, "requests/min", model=a.model))
    rows.append(_row("openai", "usage tier", est.openai.tier or "", shown=est.openai.message, source=f"{est.openai.source_url} ({est.openai.as_of})"))
    for n, text in enumerate(est.explanations, start=1):
        rows.append(_row("notes", f"explanation {n}", text))
    for n, text in enumerate(p.notes, start=1):
        rows.append(_row("notes", f"profile note {n}", text, source=src))
    return rows


def to_csv(est: Estimate, cur: Currency = USD) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(estimate_rows(est, cur))
    return buf.getvalue()


def _cell(value: str) -> Any:
    """Numbers become numeric cells (Decimal, exact); everything else stays text."""
    try:
        d = Decimal(value)
    except Exception:
        return value
    if not d.is_finite() or value.strip() != value or value.lower() in {"nan", "inf", "infinity"}:
        return value
    return int(d) if d == d.to_integral_value() and "." not in value else d


def to_xlsx(est: Estimate, cur: Currency = USD) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Estimate"
    ws.append(COLUMNS)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in estimate_rows(est, cur):
        ws.append([_cell(r[k]) if k == "value" else r[k] for k in COLUMNS])
    for col, width in zip("ABCDEFG", (16, 34, 24, 20, 18, 24, 60)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_CSS = """
@page { size: A4; margin: 14mm; }
body { font: 10.5pt/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1c23; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 16pt; margin: 0 0 2pt; } h2 { font-size: 11.5pt; margin: 12pt 0 4pt; border-bottom: 1px solid #ccd; }
.sub { color: #555; margin: 0 0 8pt; } .kpis { display: flex; gap: 8pt; flex-wrap: wrap; }
.kpi { border: 1px solid #ccd; border-radius: 6px; padding: 5pt 9pt; min-width: 30mm; }
.kpi b { display: block; font-size: 13pt; } .kpi span { color: #555; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; } th, td { text-align: left; padding: 2pt 5pt; border-bottom: 1px solid #e3e5ee; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } .note { font-size: 8.5pt; color: #444; }
code { word-break: break-all; }
@media print { a { color: inherit; text-decoration: none; } }
"""


def _table(head: list[str], body: list[list[str]], numeric: set[int] = frozenset()) -> str:
    e = html.escape
    th = "".join(f'<th class="n">{e(h)}</th>' if k in numeric else f"<th>{e(h)}</th>" for k, h in enumerate(head))
    trs = "".join(
        "<tr>" + "".join(f'<td class="n">{e(v)}</td>' if k in numeric else f"<td>{e(v)}</td>" for k, v in enumerate(r)) + "</tr>"
        for r in body
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"


def to_html(est: Estimate, cur: Currency = USD, today: dt.date | None = None) -> str:
    """A self-contained page sized for one printed A4 sheet."""
    e = html.escape
    i, p, s, lead = est.inputs, est.profile, est.spend, est.headline_need
    today = today or dt.date.today()
    kpis = [
        (cur.format(s.monthly), f"monthly spend ({cur.label})"),
        (cur.format(s.annual), "annual spend"),
        (cur.format_per_query(s.cost_per_query), "cost per query"),
        (format_count(lead.rpm), f"RPM for {lead.model}"),
        (format_count(lead.tpm), f"TPM for {lead.model}"),
    ]
    kpi_html = "".join(f'<div class="kpi"><b>{e(v)}</b><span>{e(k)}</span></div>' for v, k in kpis)
    q = s.queries_per_month
    cost = _table(
        ["Model", "Cost per query", "Share", f"Monthly ({cur.code})"],
        [[m.model, cur.format_per_query(m.usd_per_query), format_share(m.share), cur.format(m.usd_per_query * q)] for m in est.cost_by_model],
        {1, 2, 3},
    )
    need = _table(
        ["Model", "RPM", "TPM", "Basis"],
        [[n.model, format_count(n.rpm), format_count(n.tpm), n.basis] for n in est.quota_need],
        {1, 2},
    )
    azure = _table(
        ["Deployment", "Model", "Request TPM", "Brings RPM"],
        [[a.role, a.model, format_count(a.request_tpm), format_count(a.brings_rpm)] for a in est.azure],
        {2, 3},
    )
    assumptions = (
        f"{i.users:,} users; {format_share(i.active_share)} active; {money_str(i.queries_per_user_per_day)} queries per user per working day; "
        f"{i.working_days} working days a month; {money_str(i.business_hours)} business hours; peak factor {money_str(i.peak_factor)}; "
        f"capacity basis: {BASIS_LABELS[i.basis.value]}; 500-user block rounding {'on' if i.round_blocks else 'off'}."
    )
    prices = "; ".join(
        f"{c.model} {cur.format_price(c.price.input_usd_per_1m)} in"
        + (f" / {cur.format_price(c.price.output_usd_per_1m)} out" if c.price.output_usd_per_1m is not None else "")
        + " per 1M tokens"
        + (" (edited)" if is_edited(c.price) else f" ({c.price.as_of.isoformat()})")
        for c in est.stage_costs
    )
    notes = "".join(f"<li>{e(t)}</li>" for t in est.explanations)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(f"Own-key estimate: {i.users:,} users")}</title><style>{_CSS}</style></head>
<body>
<h1>Glean Assistant on your own key — {e(f"{i.users:,}")} users</h1>
<p class="sub">{e(p.name)} · figures as of {e(p.as_of.isoformat())} · prepared {e(today.isoformat())} · money in {e(cur.label)}</p>
<div class="kpis">{kpi_html}</div>
<h2>Spend by model</h2>{cost}
<p class="note">{e(f"{format_count(q)} queries a month × {cur.format_per_query(s.cost_per_query)} per query. Prices: {prices}.")}</p>
<h2>Quota to hold</h2>{need}
<ul class="note">{notes}</ul>
<h2>Azure OpenAI: request per deployment</h2>{azure}
<p class="note">{e(f"OpenAI: {est.openai.message}")}</p>
<h2>Assumptions and sources</h2>
<p class="note">{e(assumptions)}</p>
<p class="note">Source: <a href="{e(str(p.source_url))}">{e(str(p.source_url))}</a>. {e(" ".join(p.notes))} This is an estimate from published figures, not a quote.</p>
<p class="note">Reproduce: open the planner with <code>?{e(query_string(i))}</code></p>
</body></html>
"""
