"""``byo-planner validate openai|azure``: the key check from a terminal.

The main CLI (byo_core/cli.py) calls ``add_validate_parser(subparsers)`` and,
for the ``validate`` command, ``run_validate(args)``. The key comes only from
``OPENAI_API_KEY`` / ``AZURE_OPENAI_API_KEY``: an argument would land in shell
history and ``ps`` output. Exit codes: 0 nothing failed, 1 a check failed,
2 a usage error (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from typing import Any, Mapping, TextIO

from ..errors import PlannerError
from ..models import DEFAULT_PROFILE_ID
from ._http import DEFAULT_TIMEOUT
from ._shared import mask_key
from .azure import check_azure
from .openai import check_openai
from .results import KeyCheckResult

KEY_ENV = {"openai": "OPENAI_API_KEY", "azure": "AZURE_OPENAI_API_KEY"}
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_TIMEOUT = 60.0


def _one_line_errors(parser: argparse.ArgumentParser) -> None:
    """argparse prints the whole usage block on an error; we promise one line.
    A parser class with its own ``error`` (the main CLI's) is left to do its job."""
    if type(parser).error is not argparse.ArgumentParser.error:
        return

    def error(message: str) -> None:
        sys.stderr.write(f"{parser.prog}: error: {message} (see --help)\n")
        raise SystemExit(EXIT_USAGE)

    parser.error = error  # type: ignore[method-assign]


def _users(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of users (0 to 10,000,000)")
    return int(text)


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0 and at most {MAX_TIMEOUT:g}")
    return value


def _common(p: argparse.ArgumentParser) -> None:
    # A key typed as an argument must not be echoed back by "unrecognized
    # arguments: …": catch the likely spellings and stray words, refuse them in
    # run_validate without repeating them.
    p.add_argument("--key", "--api-key", "-k", dest="stray_key", help=argparse.SUPPRESS)
    p.add_argument("stray", nargs="*", help=argparse.SUPPRESS)
    p.add_argument("--users", type=_users, help="compare the key's limits with the need for this many users")
    p.add_argument("--format", choices=("table", "json"), default="table", help="json prints the result contract")
    p.add_argument("--profile", default=DEFAULT_PROFILE_ID, help="profile whose required models are checked")
    p.add_argument("--timeout", type=_timeout, default=DEFAULT_TIMEOUT, help=f"seconds per request (default {DEFAULT_TIMEOUT:g})")


def add_validate_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``validate openai`` and ``validate azure`` to the main CLI's subparsers."""
    validate = subparsers.add_parser(
        "validate",
        help="check an OpenAI or Azure OpenAI key: auth, models, deployments, limits",
        description="Check a key. The key is read from OPENAI_API_KEY or AZURE_OPENAI_API_KEY, never from an argument.",
    )
    sub = validate.add_subparsers(dest="validate_provider", metavar="{openai,azure}", required=True)
    openai = sub.add_parser("openai", help="check the key in OPENAI_API_KEY", description="Check the OpenAI key in OPENAI_API_KEY.")
    openai.add_argument("--org", help="Organization ID (org-…) the key must bill")
    openai.add_argument("--project", help="Project ID (proj_…)")
    _common(openai)
    azure = sub.add_parser("azure", help="check the key in AZURE_OPENAI_API_KEY", description="Check the Azure OpenAI key in AZURE_OPENAI_API_KEY.")
    azure.add_argument("--endpoint", required=True, metavar="HOST", help="resource name, host or https URL")
    azure.add_argument(
        "--deployment", action="append", default=[], metavar="MODEL=NAME",
        help="deployment name for a required model, e.g. gpt-4=prod-gpt4 (repeat; a model left out uses its usual name)",
    )
    _common(azure)
    for p in (validate, openai, azure):
        _one_line_errors(p)
        p.set_defaults(run=run_validate, func=run_validate)  # the main CLI dispatches on `run`
    return validate


def _deployments(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        model, sep, name = pair.partition("=")
        if not sep or not model.strip() or not name.strip():
            raise ValueError(f"--deployment {pair!r}: write MODEL=NAME, e.g. gpt-4=prod-gpt4")
        out[model.strip()] = name.strip()
    return out


def render_table(result: KeyCheckResult, masked: str) -> str:
    lines = [f"{result.provider} key {masked}: {result.status.upper()}", ""]
    rows = result.rows()
    width = max((len(r["check"]) for r in rows), default=5)
    code_w = max((len(r["code"]) for r in rows), default=4)
    for r in rows:
        lines.append(f"{r['status'].upper():<5} {r['check']:<{width}} {r['code']:<{code_w}} {r['message']}")
        if r["figures"]:
            lines.append(f"{'':<5} {'':<{width}} {'':<{code_w}} {r['figures']}")
    return "\n".join(lines)


def run_validate(
    args: argparse.Namespace,
    *,
    env: Mapping[str, str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    **check_options: Any,
) -> int:
    """Run the check ``args`` describe; print the table or JSON; return the exit code.

    ``check_options`` (transport, resolver, today) are for tests."""
    env = os.environ if env is None else env
    out, err = stdout or sys.stdout, stderr or sys.stderr
    provider = getattr(args, "validate_provider", None)
    prog = f"byo-planner validate {provider or ''}".strip()
    if provider not in KEY_ENV:
        err.write(f"{prog}: error: choose openai or azure\n")
        return EXIT_USAGE
    if getattr(args, "stray_key", None) or getattr(args, "stray", None):
        err.write(f"{prog}: error: unexpected argument (not repeated here); the key is never taken as an argument, set {KEY_ENV[provider]}\n")
        return EXIT_USAGE
    key = (env.get(KEY_ENV[provider]) or "").strip()
    if not key:
        err.write(f"{prog}: error: set {KEY_ENV[provider]} to the key to check (it is never taken as an argument)\n")
        return EXIT_USAGE
    common = dict(users=args.users, profile=args.profile, timeout=args.timeout, env=env, **check_options)
    try:
        if provider == "openai":
            result = asyncio.run(check_openai(key, org=args.org, project=args.project, **common))
        else:
            result = asyncio.run(check_azure(key, args.endpoint, _deployments(args.deployment), **common))
    except (PlannerError, ValueError) as exc:
        # Our messages never carry the key; collapse to one line anyway.
        err.write(f"{prog}: error: {' '.join(str(exc).split())}\n")
        return EXIT_USAGE
    if args.format == "json":
        out.write(json.dumps(result.to_dict(), indent=2) + "\n")
    else:
        out.write(render_table(result, mask_key(key)) + "\n")
    return EXIT_FAILED if result.failed else EXIT_OK
