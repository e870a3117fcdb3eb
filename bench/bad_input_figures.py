"""Bad-input figures: how many hostile or generated cases the test suite throws, and how many crash.

Runs the non-browser test suite once with ``--hypothesis-show-statistics`` and
a JUnit report, then sorts the test cases into categories by their test id:

- generated inputs: every example hypothesis ran (all phases), over all property tests;
- hostile query parameters (shareable links), hostile uploads;
- provider faults (the local provider double's switchable faults), hostile endpoints;
- "what the user typed is kept" checks.

A parametrised case counts once; a hypothesis test counts its examples. A crash
is a failed or erroring case (or a failing hypothesis example). Run by hand:

    .venv/bin/python -m bench.bad_input_figures [pytest paths…]
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .report import Figure

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATHS = ["tests"]
SKIP = ["--ignore=tests/load", "--ignore=tests/deploy", "--ignore=tests/browser", "--ignore=tests/test_notebook.py"]

CATEGORIES: list[tuple[str, str, str, str]] = [
    # (name, path regex, test-id regex, test-id regex excluded)
    ("hostile query parameters", r"tests/(app|test_links|test_inputs)", r"query|param(?!etri)|link|url", r"^$"),
    ("hostile uploads", r"tests/", r"upload", r"^$"),
    ("provider faults", r"tests/providers/",
     r"fault|timeout|hang|refused_connection|malformed|redirect|html|tls|unreachable|slow|drip|close|huge|server_error|bad_response|rate_limit|retired|missing_header",
     r"hostile|endpoint|base_url|listed|address|argument|cannot_be_sent"),
    ("hostile endpoints", r"tests/providers/", r"hostile|endpoint_not_allowed|ssrf|private_address|base_url|listed_hosts|own_address", r"^$"),
    ("typed input kept after bad input", r"tests/", r"kept|keeps|keep_", r"^$"),
]

STAT_HEAD = re.compile(r"^(tests/\S+::\S+):\s*$")
STAT_LINE = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid")


@dataclass
class Tally:
    cases: int = 0
    crashes: int = 0
    tests: set[str] = field(default_factory=set)


def run_suite(paths: list[str]) -> tuple[dict[str, str], dict[str, tuple[int, int]], str]:
    """(outcome per test id, (passing, failing) hypothesis examples per test id, pytest's output)."""
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "junit.xml"
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser",
               "--hypothesis-show-statistics", f"--junitxml={xml}", *SKIP, *paths]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        outcomes = {}
        for case in ET.parse(xml).getroot().iter("testcase"):
            cls, name = case.get("classname", ""), case.get("name", "")
            file = case.get("file") or cls.replace(".", "/") + ".py"
            nodeid = f"{cls.replace('.', '/')}.py::{name}" if not case.get("file") else f"{file}::{name}"
            kinds = {child.tag for child in case}
            outcomes[nodeid] = "failed" if kinds & {"failure", "error"} else "skipped" if "skipped" in kinds else "passed"
    stats: dict[str, tuple[int, int]] = {}
    current = None
    for line in done.stdout.splitlines():
        if m := STAT_HEAD.match(line.strip()):
            current = m.group(1)
            stats.setdefault(current, (0, 0))
        elif current and (m := STAT_LINE.search(line)):
            p, f = stats[current]
            stats[current] = (p + int(m.group(1)), f + int(m.group(2)))
    return outcomes, stats, done.stdout + done.stderr


def _base(nodeid: str) -> str:
    return nodeid.split("[", 1)[0]


def tally(outcomes: dict[str, str], stats: dict[str, tuple[int, int]]) -> dict[str, Tally]:
    out = {"generated inputs (hypothesis examples)": Tally()}
    gen = out["generated inputs (hypothesis examples)"]
    for nodeid, (passing, failing) in stats.items():
        gen.cases += passing + failing
        gen.crashes += failing + (outcomes.get(nodeid) == "failed" and failing == 0)
        gen.tests.add(nodeid)
    for name, path_re, id_re, not_re in CATEGORIES:
        t = out.setdefault(name, Tally())
        for nodeid, outcome in outcomes.items():
            path, _, test = nodeid.partition("::")
            if outcome == "skipped" or not re.search(path_re, path) or not re.search(id_re, test, re.I) or re.search(not_re, test, re.I):
                continue
            hyp = stats.get(_base(nodeid)) or stats.get(nodeid)
            t.cases += sum(hyp) if hyp else 1
            t.crashes += (hyp[1] if hyp else 0) + (outcome == "failed")
            t.tests.add(_base(nodeid))
    return out


def measure(paths: list[str] | None = None) -> tuple[list[Figure], str]:
    outcomes, stats, output = run_suite(paths or DEFAULT_PATHS)
    rows = []
    for name, t in tally(outcomes, stats).items():
        rows.append(Figure(f"bad input: {name}", f"{t.cases:,} cases, {t.crashes} crashes", "—", None, "0 crashes",
                           t.crashes == 0 if t.cases else None,
                           note=f"in {len(t.tests)} tests: " + ", ".join(sorted(x.split("::")[-1] for x in t.tests)) if LIST else ""))
    failed = sorted(n for n, o in outcomes.items() if o == "failed")
    summary = f"{len(outcomes)} test cases run, {len(failed)} failed" + (": " + ", ".join(failed[:10]) if failed else "")
    return rows, summary


LIST = False

if __name__ == "__main__":
    from .report import table

    LIST = "--list" in sys.argv
    figures, summary = measure([a for a in sys.argv[1:] if a != "--list"] or None)
    print(table(figures))
    print(summary)
