"""Key check latency: a full Azure check of four deployments vs one probe.

The provider double (tests/provider_double.py) delays every response by a
fixed time, so the run time is dominated by round trips. Probes run
concurrently, so four deployments should take about one delay, not four
(goal: ratio <= 1.5). A sequential run of the same four probes is printed for
contrast. Run by hand:

    .venv/bin/python bench/bench_keycheck.py [--delay 0.3] [--repeats 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from provider_double import ProviderDouble  # noqa: E402

from byo_core.providers import check_azure, required_models  # noqa: E402

KEY = "bench-key-0123456789abcdef0123456789"


async def timed(coro) -> float:
    start = time.perf_counter()
    result = await coro
    elapsed = time.perf_counter() - start
    assert result.status != "fail", [c for c in result.checks if c.status == "fail"]
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--delay", type=float, default=0.3, help="seconds the double waits before every response")
    ap.add_argument("--repeats", type=int, default=5)
    opts = ap.parse_args()

    models = required_models()
    with ProviderDouble(KEY) as double:
        double.azure_deployments["gpt-4-32k"] = ("gpt-4-32k", "chat")  # four deployments that all answer
        double.delay = opts.delay
        env = {"BYO_ALLOWED_HOSTS": double.host_port}

        def full():
            return check_azure(KEY, double.url, models=models, env=env, timeout=10)

        def one():
            return check_azure(KEY, double.url, models=models[:1], env=env, timeout=10)

        async def run(factory) -> float:
            return statistics.median([await timed(factory()) for _ in range(opts.repeats)])

        async def seq_time() -> float:
            times = []
            for _ in range(opts.repeats):
                start = time.perf_counter()
                for m in models:
                    await check_azure(KEY, double.url, models=[m], env=env, timeout=10)
                times.append(time.perf_counter() - start)
            return statistics.median(times)

        asyncio.run(timed(one()))  # warm-up: imports, catalog load
        base = asyncio.run(run(one))
        conc = asyncio.run(run(full))
        seq = asyncio.run(seq_time())

    rows = [
        ("one probe (baseline)", 1, base),
        ("full check, 4 deployments, concurrent", len(models), conc),
        ("4 deployments one after another (contrast)", len(models), seq),
    ]
    print(f"Key check, Azure, double delay {opts.delay:g} s, median of {opts.repeats}")
    print(f"{'scenario':<46}{'probes':>7}{'seconds':>10}{'ratio':>8}")
    for name, probes, secs in rows:
        print(f"{name:<46}{probes:>7}{secs:>10.3f}{secs / base:>7.2f}x")
    ok = conc / base <= 1.5
    print(f"goal: full check <= 1.5x one probe: {'met' if ok else 'NOT met'} ({conc / base:.2f}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
