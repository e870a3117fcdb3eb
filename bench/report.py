"""One row per figure, and the table ``python -m bench`` prints."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    figure: str
    value: str
    baseline: str
    ratio: float | None
    goal: str
    ok: bool | None
    """True pass, False miss, None: not measured (see note)."""
    note: str = ""

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "MISS", None: "n/a"}[self.ok]


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def interleaved_medians(a: Callable[[], float], b: Callable[[], float], rounds: int) -> tuple[float, float]:
    """Median of ``rounds`` alternating measurements of two timers (each returns seconds)."""
    xs, ys = [], []
    for i in range(rounds):
        if i % 2:
            ys.append(b())
            xs.append(a())
        else:
            xs.append(a())
            ys.append(b())
    return statistics.median(xs), statistics.median(ys)


def table(rows: list[Figure]) -> str:
    head = ["figure", "value", "baseline", "ratio", "goal", "result"]
    body = [[r.figure, r.value, r.baseline, "—" if r.ratio is None else f"{r.ratio:.2f}×", r.goal, r.verdict] for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in body]
    notes = [f"- {r.figure}: {r.note}" for r in rows if r.note]
    return "\n".join(out + ([""] + notes if notes else []))
