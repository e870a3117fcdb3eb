"""Display tables: the rows the pages show and the exports write, as formatted text.

Each function returns a list of plain dicts (column → text) so a page can hand
it to ``st.dataframe`` and an export can write it, and both print the same
strings. Formatting goes through ``currency`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .catalog import Catalog, load_catalog
from .currency import USD, Currency, format_count, format_share
from .estimate import Estimate, estimate
from .models import Basis, PlanInputs
from .quota import Headroom
from .rollout import RolloutMonth

Rows = list[dict[str, Any]]

BASIS_LABELS = {
    Basis.PUBLISHED.value: "published examples",
    Basis.LINEAR.value: "per-500-users rule",
    Basis.BOTTOM_UP.value: "bottom-up (your query volume)",
}


def cost_by_model(est: Estimate, cur: Currency = USD) -> Rows:
    q = est.spend.queries_per_month
    return [
        {
            "Model": c.model,
            "Cost per query": cur.format_per_query(c.usd_per_query),
            "Share of cost": format_share(c.share),
            f"Monthly ({cur.code})": cur.format(c.usd_per_query * q),
        }
        for c in est.cost_by_model
    ]


def stages(est: Estimate, cur: Currency = USD) -> Rows:
    return [
        {
            "Role": c.role,
            "Model": c.model,
            "Calls / query": format_count(s.calls_per_query),
            "Input tokens": format_count(s.input_tokens),
            "Cached input tokens": format_count(s.cached_input_tokens),
            "Output tokens": format_count(s.output_tokens),
            "Cost per query": cur.format_per_query(c.usd_per_query),
            "Source printed": s.published_cost_as_printed or "",
        }
        for c, s in zip(est.stage_costs, est.profile.stages)
    ]


def need_by_basis(inputs: PlanInputs, catalog: Catalog | None = None) -> Rows:
    """Per model: RPM and TPM on each basis, and which one the estimate uses."""
    catalog = catalog or load_catalog()
    per_basis = {b.value: estimate(inputs.model_copy(update={"basis": b}), catalog) for b in Basis}
    models = [n.model for n in per_basis[inputs.basis.value].quota_need]
    rows = []
    for m in models:
        row: dict[str, Any] = {"Model": m}
        for b, est in per_basis.items():
            n = next(n for n in est.quota_need if n.model == m)
            row[f"RPM · {b}"] = format_count(n.rpm)
            row[f"TPM · {b}"] = format_count(n.tpm)
        row["Sized by"] = next(n.basis for n in per_basis[inputs.basis.value].quota_need if n.model == m)
        rows.append(row)
    return rows


def azure(est: Estimate, catalog: Catalog | None = None) -> Rows:
    catalog = catalog or load_catalog()
    out = []
    for a in est.azure:
        info = catalog.models.get(a.model)
        out.append(
            {
                "Deployment (role)": a.role,
                "Model": a.model,
                "Azure model name": (info.azure_name if info and info.azure_name else a.model),
                "Need RPM": format_count(a.need_rpm),
                "Need TPM": format_count(a.need_tpm),
                "Request TPM": format_count(a.request_tpm),
                "Brings RPM": format_count(a.brings_rpm),
                "Sized by": "RPM need" if a.sized_by == "rpm" else "TPM need",
            }
        )
    return out


def loads(est: Estimate) -> Rows:
    """Queries per minute per 500 users that each figure implies (the seed's 37.5 vs ≈5)."""
    out = []
    for ld in est.loads:
        for label, qpm in (
            ("the RPM figure", ld.from_rpm),
            ("the TPM figure", ld.from_tpm),
            ("your query volume (bottom-up)", ld.from_volume),
        ):
            per500 = ld.per_500_users(qpm)
            out.append(
                {
                    "Model": ld.model,
                    "Implied by": label,
                    "Queries / min": "—" if qpm is None else format_count(qpm, 1),
                    "Queries / min per 500 users": "—" if per500 is None else format_count(per500, 1),
                }
            )
    return out


def headroom(rows: Sequence[Headroom]) -> Rows:
    def opt(x: int | None) -> str:
        return "—" if x is None else format_count(x)

    verdict = {True: "enough", False: "short", None: "unknown"}
    return [
        {
            "Model": h.model,
            "Need RPM": format_count(h.need_rpm),
            "Have RPM": opt(h.have_rpm),
            "Need TPM": format_count(h.need_tpm),
            "Have TPM": opt(h.have_tpm),
            "Verdict": verdict[h.enough],
            "Serves up to (users)": opt(h.users_covered),
        }
        for h in rows
    ]


def rollout(months: Sequence[RolloutMonth], cur: Currency = USD) -> Rows:
    return [
        {
            "Month": m.month,
            "Users": format_count(m.users),
            "Queries": format_count(m.queries),
            f"Spend ({cur.code})": cur.format(m.monthly),
            f"Cumulative ({cur.code})": cur.format(m.cumulative),
            "RPM": format_count(m.rpm),
            "TPM": format_count(m.tpm),
        }
        for m in months
    ]
