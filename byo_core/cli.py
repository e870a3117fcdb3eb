"""`byo-planner` — the planner on the command line (also `python -m byo_core`).

    byo-planner estimate --users 10000 --format json
    byo-planner profiles

Exit status: 0 success, 1 a check failed (validate), 2 bad usage or input —
always with one plain line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence

from .catalog import load_catalog
from .errors import PlannerError
from .estimate import Estimate, estimate
from .inputs import make_inputs
from .models import DEFAULT_PROFILE_ID
from .numbers import money_str


class UsageError(Exception):
    """argparse's complaint, raised instead of printing usage and exiting."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{self.prog}: {_without_values(message)}")


def _without_values(message: str) -> str:
    """Name unknown options but never echo the words after them: one may be a pasted key."""
    prefix = "unrecognized arguments: "
    if not message.startswith(prefix):
        return message
    names = [w.split("=", 1)[0] for w in message[len(prefix):].split() if w.startswith("-")]
    return f"unrecognized arguments: {' '.join(names)}" if names else "unexpected extra words on the command line"


def _add_estimate(sub) -> None:
    p = sub.add_parser("estimate", help="spend and quota for a number of users")
    p.add_argument("--users", default="1000", help="number of users (default 1000)")
    p.add_argument("--profile", default=DEFAULT_PROFILE_ID, help="profile id (see `profiles`)")
    p.add_argument("--basis", default="published", help="published | linear | bottom-up")
    p.add_argument("--no-round-blocks", action="store_true", help="size quota for the exact user count, not whole 500-user blocks")
    p.add_argument("--queries-per-user-per-day", default="2", metavar="Q")
    p.add_argument("--working-days", default="21", metavar="D")
    p.add_argument("--business-hours", default="8", metavar="H")
    p.add_argument("--peak-factor", default="2", metavar="F")
    p.add_argument("--active-share", default="1", metavar="S", help="share of users active, above 0 and at most 1")
    p.add_argument("--price-set", default=None, help="price set id (default: the profile's own)")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(run=_run_estimate)


def _add_profiles(sub) -> None:
    p = sub.add_parser("profiles", help="list the published profiles with their source and date")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(run=_run_profiles)


# Each entry adds one subcommand; optional ones live in their own modules.
def _optional_registrars() -> list[Callable]:
    out = []
    try:
        from .providers.cli import add_validate_parser

        out.append(add_validate_parser)
    except ImportError:
        pass
    try:
        from .compare_cli import add_compare_parser

        out.append(add_compare_parser)
    except ImportError:
        pass
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="byo-planner", description="Spend, quota and key readiness for an assistant on your own key.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_estimate(sub)
    _add_profiles(sub)
    for register in _optional_registrars():
        register(sub)
    return parser


def inputs_from_args(args: argparse.Namespace):
    return make_inputs(
        users=args.users,
        profile=args.profile,
        basis=args.basis,
        round_blocks=not args.no_round_blocks,
        queries_per_user_per_day=args.queries_per_user_per_day,
        working_days=args.working_days,
        business_hours=args.business_hours,
        peak_factor=args.peak_factor,
        active_share=args.active_share,
        price_set=args.price_set,
    )


def _run_estimate(args: argparse.Namespace) -> int:
    est = estimate(inputs_from_args(args))
    render = {"json": _json, "csv": _csv, "table": _table}[args.format]
    sys.stdout.write(render(est))
    return 0


def _json(est: Estimate) -> str:
    return json.dumps(est.to_dict(), indent=2) + "\n"


def _csv(est: Estimate) -> str:
    """One row per model: the figures a spreadsheet wants."""
    d = est.to_dict()
    need = {n["model"]: n for n in d["capacity"]["need_by_model"]}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["profile", "users", "model", "usd_per_query", "monthly_usd", "rpm_needed", "tpm_needed", "basis"])
    per_query = {c["model"]: c["usd_per_query"] for c in d["cost"]["by_model"]}
    monthly = {c.model: c.usd_per_query * est.spend.queries_per_month for c in est.cost_by_model}
    for model, n in need.items():
        w.writerow([d["profile"], d["users"], model, per_query[model], money_str(monthly[model]), n["rpm"], n["tpm"], n["basis"]])
    w.writerow([d["profile"], d["users"], "TOTAL", d["cost"]["per_query_usd"], d["cost"]["monthly_usd"], "", "", ""])
    return buf.getvalue()


def _table(est: Estimate) -> str:
    d = est.to_dict()
    c, k = d["capacity"], d["cost"]
    lines = [
        f"{est.profile.name} — {d['users']:,} users",
        f"source: {d['source_url']} (as of {d['as_of']}); prices: {d['price_set']}",
        "",
        f"Spend        ${est.spend.monthly:,.2f} a month, ${est.spend.annual:,.2f} a year, ${est.spend.cost_per_query:.6f} a query",
        f"Quota ({c['basis']}) {c['model']}: {c['rpm']:,} RPM, {c['tpm']:,} TPM",
        "",
        f"{'model':<26}{'$/query':>12}{'RPM':>10}{'TPM':>12}  basis",
    ]
    cost = {m["model"]: m["usd_per_query"] for m in k["by_model"]}
    for n in c["need_by_model"]:
        lines.append(f"{n['model']:<26}{cost.get(n['model'], ''):>12}{n['rpm']:>10,}{n['tpm']:>12,}  {n['basis']}")
    lines += ["", *d["explanations"], "", est.openai.message]
    lines += [f"Azure: request {a['request_tpm']:,} TPM for the {a['role']} deployment ({a['model']}); it brings {a['brings_rpm']:,} RPM" for a in c["azure"]]
    return "\n".join(lines) + "\n"


def _run_profiles(args: argparse.Namespace) -> int:
    profiles = sorted(load_catalog().profiles.values(), key=lambda p: (p.as_of, p.id))
    if args.format == "json":
        rows = [{"id": p.id, "name": p.name, "as_of": p.as_of.isoformat(), "source_url": str(p.source_url)} for p in profiles]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    for p in profiles:
        sys.stdout.write(f"{p.id:<34}{p.as_of.isoformat()}  {p.name}\n{'':<34}{p.source_url}\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except UsageError as err:
        print(err, file=sys.stderr)
        return 2
    except PlannerError as err:
        print(f"byo-planner: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
