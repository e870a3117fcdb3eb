"""``python -m bench`` (``make bench``): every benchmark, one table.

    python -m bench              # the full run (several minutes)
    python -m bench --quick      # fewer repeats, shorter load run
    python -m bench --only sweep,rerun

Each figure is compared with a baseline measured in the same run. The table
is also written to artifacts/bench-latest.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

import streamlit

from . import bad_input_figures, first_paint, keycheck, load, memory, page_rerun, sweep_bench
from .report import Figure, table
from .server import ROOT

BENCHES = ["sweep", "rerun", "paint", "keycheck", "memory", "load", "badinput"]


def run(names: list[str], quick: bool, log_dir: Path) -> tuple[list[Figure], list[str]]:
    rows: list[Figure] = []
    extra: list[str] = []
    plan = {
        "sweep": lambda: sweep_bench.measure(rounds=7 if quick else 21),
        "rerun": lambda: page_rerun.measure(n=6 if quick else 20),
        "paint": lambda: first_paint.measure(rounds=1 if quick else 3, log_dir=log_dir),
        "keycheck": lambda: keycheck.measure(repeats=3 if quick else 5),
        "memory": lambda: memory.measure(log_dir=log_dir),
        "load": lambda: load.measure(seconds=5 if quick else 30, log_dir=log_dir),
        "badinput": lambda: _bad_input(extra),
    }
    for name in names:
        t0 = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        try:
            rows += plan[name]()
        except Exception as err:  # one broken bench must not hide the others
            traceback.print_exc()
            rows.append(Figure(name, "error", "—", None, "—", False, note=f"{type(err).__name__}: {str(err)[:200]}"))
        print(f"  {name}: {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return rows, extra


def _bad_input(extra: list[str]) -> list[Figure]:
    figures, summary = bad_input_figures.measure()
    extra.append(f"bad-input run: {summary}")
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description="Benchmarks against same-run baselines.")
    ap.add_argument("--quick", action="store_true", help="fewer repeats and a short load run")
    ap.add_argument("--only", default=",".join(BENCHES), help=f"comma-separated subset of: {', '.join(BENCHES)}")
    opts = ap.parse_args()
    names = [n.strip() for n in opts.only.split(",") if n.strip()]
    unknown = set(names) - set(BENCHES)
    if unknown:
        ap.error(f"unknown bench {', '.join(sorted(unknown))}; choose from {', '.join(BENCHES)}")
    with tempfile.TemporaryDirectory(prefix="byo-bench-") as tmp:
        rows, extra = run(names, opts.quick, Path(tmp))
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    head = (f"python -m bench{' --quick' if opts.quick else ''}{'' if names == BENCHES else ' --only ' + ','.join(names)} — "
            f"Python {platform.python_version()}, Streamlit {streamlit.__version__}, {os.cpu_count()} CPUs, load {load1:.1f}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    out = "\n".join([head, "", table(rows), *([""] + extra if extra else [])])
    print(out)
    art = ROOT / "artifacts"
    art.mkdir(exist_ok=True)
    (art / "bench-latest.md").write_text(out + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
