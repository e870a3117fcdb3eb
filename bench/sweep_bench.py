"""Sweep: spend and quota curves over 1,000 user counts, against one single estimate.

Goal: the whole sweep (both curves, every model of the profile) costs no more
than 20 single-point estimates. Measured for every profile in data/.
"""

from __future__ import annotations

import byo_core as b

from .report import Figure, interleaved_medians, ms, timed

GOAL = 20.0
USERS = list(range(50, 50_050, 50))  # 1,000 user counts, as the Spend and Capacity charts sweep


def measure(rounds: int = 15, per_round: int = 50) -> list[Figure]:
    cat = b.load_catalog()
    results = []
    for pid in cat.profiles:
        inputs = b.make_inputs(users=1000, profile=pid)
        b.estimate(inputs, cat), b.spend_curve(inputs, USERS, cat), b.quota_curve(inputs, USERS, cat)  # warm

        def single() -> float:
            return timed(lambda: [b.estimate(inputs, cat) for _ in range(per_round)]) / per_round

        def sweep() -> float:
            return timed(lambda: (b.spend_curve(inputs, USERS, cat), b.quota_curve(inputs, USERS, cat)))

        one, whole = interleaved_medians(single, sweep, rounds)
        results.append((pid, one, whole, whole / one))
    seed = next(r for r in results if r[0] == b.DEFAULT_PROFILE_ID)
    worst = max(results, key=lambda r: r[3])
    rows = [
        Figure(f"sweep, {len(USERS):,} user counts ({seed[0]})", ms(seed[2]), f"{ms(seed[1])} / estimate", seed[3],
               f"≤ {GOAL:g}×", seed[3] <= GOAL),
        Figure(f"sweep, worst of {len(results)} profiles", ms(worst[2]), f"{ms(worst[1])} / estimate", worst[3],
               f"≤ {GOAL:g}×", worst[3] <= GOAL, note=f"worst is {worst[0]}; all: " + ", ".join(f"{p} {r:.1f}×" for p, _, _, r in results)),
    ]
    return rows


if __name__ == "__main__":
    from .report import table

    print(table(measure()))
