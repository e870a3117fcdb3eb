"""Key check: run bench/bench_keycheck.py (written with the key check) and read its figures."""

from __future__ import annotations

import re
import subprocess
import sys

from .report import Figure, ms
from .server import ROOT

SCRIPT = ROOT / "bench" / "bench_keycheck.py"
GOAL = 1.5
ROW = re.compile(r"^(?P<name>.+?)\s+(?P<probes>\d+)\s+(?P<secs>[\d.]+)\s+(?P<ratio>[\d.]+)x\s*$")


def measure(repeats: int = 5) -> list[Figure]:
    if not SCRIPT.exists():
        return [Figure("key check (4 Azure deployments)", "—", "—", None, f"≤ {GOAL:g}×", None, note="bench/bench_keycheck.py is not in the repo yet")]
    done = subprocess.run([sys.executable, str(SCRIPT), "--repeats", str(repeats)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    rows = {m["name"].strip(): (float(m["secs"]), float(m["ratio"])) for line in done.stdout.splitlines() if (m := ROW.match(line))}
    base = next((v for k, v in rows.items() if k.startswith("one probe")), None)
    full = next((v for k, v in rows.items() if k.startswith("full check")), None)
    if base is None or full is None:
        return [Figure("key check (4 Azure deployments)", "error", "—", None, f"≤ {GOAL:g}×", False,
                       note=f"could not read bench_keycheck.py output (exit {done.returncode}): {(done.stdout + done.stderr)[-300:]}")]
    head = next((line for line in done.stdout.splitlines() if line.startswith("Key check")), "")
    return [Figure("key check: 4 Azure deployments vs one probe", ms(full[0]), ms(base[0]), full[1], f"≤ {GOAL:g}×", full[1] <= GOAL,
                   note=head.removeprefix("Key check, ").strip())]


if __name__ == "__main__":
    from .report import table

    print(table(measure()))
