"""`byo-planner compare` — two or more scenarios side by side (table or JSON).

    byo-planner compare --users 5000 --scenario glean-gpt4-2023-10 --scenario glean-ae2-azure-2026
    byo-planner compare --scenario "profile=glean-ae2-openai-2026,label=list" \\
                        --scenario "profile=glean-ae2-openai-2026,price_set=negotiated-2026,label=ours" \\
                        --prices our-prices.csv --format json

A scenario is a profile id, or ``key=value`` pairs separated by commas; the
keys are ``label`` and any estimate input (``profile``, ``price_set``,
``users``, ``basis``, ``round_blocks``, ``queries_per_user_per_day``,
``working_days``, ``business_hours``, ``peak_factor``, ``active_share``,
``peak_qpm_per_user``). The shared flags set every scenario's defaults; a
scenario's own pairs win. The first scenario is the baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .catalog import load_catalog
from .compare import Comparison, Scenario, compare, scenario
from .errors import DataError, InputError
from .inputs import ALLOWED
from .prices import parse_uploaded_prices

SCENARIO_KEYS = ["label", *ALLOWED]
_SHARED = ["users", "basis", "queries_per_user_per_day", "working_days", "business_hours", "peak_factor", "active_share", "peak_qpm_per_user"]


def add_compare_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("compare", help="scenarios side by side: monthly spend and quota per model, vs the first")
    p.add_argument("--scenario", action="append", default=[], metavar="SPEC",
                   help="a profile id, or key=value pairs: profile=…,price_set=…,users=…,label=… (give two or more)")
    p.add_argument("--users", default=None, help="users in every scenario (default 1000)")
    p.add_argument("--basis", default=None, help="published | linear | bottom-up")
    p.add_argument("--no-round-blocks", action="store_true", help="size quota for the exact user count")
    p.add_argument("--queries-per-user-per-day", default=None, metavar="Q")
    p.add_argument("--working-days", default=None, metavar="D")
    p.add_argument("--business-hours", default=None, metavar="H")
    p.add_argument("--peak-factor", default=None, metavar="F")
    p.add_argument("--active-share", default=None, metavar="S")
    p.add_argument("--peak-qpm-per-user", default=None, metavar="R", help="direct peak queries per minute per user, e.g. 0.004")
    p.add_argument("--prices", default=None, metavar="CSV", help="your negotiated prices (data/prices.csv's columns); name their price_set in a scenario")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(run=run_compare)
    return p


def parse_scenario(spec: str, shared: dict[str, Any]) -> Scenario:
    """A profile id, or ``key=value,…`` pairs over the shared defaults."""
    values = dict(shared)
    spec = spec.strip()
    if "=" not in spec:
        values["profile"] = spec
    else:
        for pair in spec.split(","):
            key, sep, value = pair.partition("=")
            key = key.strip().replace("-", "_")
            if not sep or key not in SCENARIO_KEYS:
                raise InputError("scenario", spec, f"a profile id, or key=value pairs with keys: {', '.join(SCENARIO_KEYS)}")
            values[key] = value.strip()
    if not values.get("profile"):
        raise InputError("scenario", spec, "a scenario needs a profile (see `byo-planner profiles`)")
    return scenario(**values)


def scenarios_from_args(args: argparse.Namespace) -> list[Scenario]:
    shared = {k: getattr(args, k) for k in _SHARED if getattr(args, k) is not None}
    if args.no_round_blocks:
        shared["round_blocks"] = False
    if len(args.scenario) < 2:
        raise InputError("scenario", args.scenario, "two or more --scenario options (the first is the baseline)")
    return [parse_scenario(s, shared) for s in args.scenario]


def catalog_from_args(args: argparse.Namespace):
    catalog = load_catalog()
    if args.prices is None:
        return catalog
    path = Path(args.prices)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(path.name, f"cannot be read: {err}") from None
    return catalog.with_prices(parse_uploaded_prices(text, path.name, reserved=catalog.prices))


def run_compare(args: argparse.Namespace) -> int:
    catalog = catalog_from_args(args)
    cmp = compare(scenarios_from_args(args), catalog)
    out = json.dumps(cmp.to_dict(), indent=2) + "\n" if args.format == "json" else render_table(cmp)
    sys.stdout.write(out)
    return 0


def _money(x) -> str:
    return f"{'-' if x < 0 else ''}${abs(x):,.2f}"


def render_table(cmp: Comparison) -> str:
    rows = cmp.spend_rows()
    w = max(24, *(len(r["scenario"]) + 2 for r in rows))
    lines = [f"Compared with the baseline: {cmp.baseline.label}", ""]
    lines.append(f"{'scenario':<{w}}{'users':>8}{'$/query':>11}{'monthly':>15}{'vs baseline':>15}{'annual':>16}  price set")
    for r in rows:
        lines.append(
            f"{r['scenario']:<{w}}{r['users']:>8,}{r['cost per query (USD)']:>11.6f}{_money(r['monthly (USD)']):>15}"
            f"{_money(r['monthly vs baseline (USD)']):>15}{_money(r['annual (USD)']):>16}  {r['price set']}"
        )
    lines += ["", "Headline quota (the role the vendor's guidance is about)"]
    for r in rows:
        lines.append(f"  {r['scenario']:<{w}}{r['headline model']}: {r['headline RPM']:,} RPM, {r['headline TPM']:,} TPM ({r['basis']})")
    lines += ["", "Quota per model (RPM / TPM; '—' where a scenario does not call the model)"]
    header = f"  {'model':<26}" + "".join(f"{label[:24]:>28}" for label in cmp.labels)
    lines.append(header)
    for q in cmp.quota_by_model:
        cells = "".join(f"{'—' if v is None else f'{v[0]:,} / {v[1]:,}':>28}" for v in q.need.values())
        lines.append(f"  {q.model:<26}{cells}")
        for label in cmp.labels[1:]:
            d_rpm, d_tpm = q.diff[label]
            lines.append(f"  {'':<26}{'Δ vs baseline in ' + label[:24]:>40}: {d_rpm:+,} RPM, {d_tpm:+,} TPM")
    for r in cmp.results:
        lines += ["", f"{r.label} — {r.estimate.profile.name}", f"  source: {r.estimate.profile.source_url} (as of {r.estimate.profile.as_of})"]
        lines += [f"  price: {p.message}" for p in r.prices if not p.stale]
        lines += [f"  ! {f}" for f in r.flags]
    return "\n".join(lines) + "\n"
