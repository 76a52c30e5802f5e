"""The issue's targets for stage 4, checked against the rounds: met or not.

Push lag at the steady rate (50 changes/s) on a two-core machine: p50 at
most 100 ms and p99 at most 500 ms. The order list, which orders now
answers from its replica, at most 1.15 times the compared stage's p50,
taken as a ratio within each round as the read comparison takes it. A
target is met when the rounds' median is within it (tools/benchstats.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from tools.benchkit import LIST
from tools.benchramp import FIRST_RATE, SyncRound
from tools.benchreport import Round, p50_ratios
from tools.benchstats import target_verdict
from tools.benchsyncreport import known, spread_text, steps_at

PUSH = "push"
PUSH_P50_MS = 100.0
PUSH_P99_MS = 500.0
LIST_RATIO = 1.15


@dataclass(frozen=True)
class Target:
    """A target: what is measured, each round's figure, and the bound."""

    name: str
    values: list[float]
    bound: float
    digits: int


def targets(
    *, reads: list[Round], syncs: Sequence[SyncRound], there: str
) -> list[Target]:
    """Return the targets with each round's figure; the push ones if sync ran."""
    found = [
        Target(
            f"{LIST} p50, here / {there} <= {LIST_RATIO:g}",
            p50_ratios(reads, name=LIST, there=there),
            LIST_RATIO,
            digits=2,
        )
    ]
    steady = [step.figures for step in steps_at(syncs, style=PUSH, rate=FIRST_RATE)]
    if steady:
        at = f"{PUSH} lag at {FIRST_RATE:g} changes/s"
        p50, p99 = known(f.p50 for f in steady), known(f.p99 for f in steady)
        found.append(Target(f"{at}: p50 <= {PUSH_P50_MS:g} ms", p50, PUSH_P50_MS, 0))
        found.append(Target(f"{at}: p99 <= {PUSH_P99_MS:g} ms", p99, PUSH_P99_MS, 0))
    return found


def targets_table(checked: Sequence[Target]) -> str:
    """Render each target: the rounds' median and range, and the verdict."""
    rows = ["| target | median (lowest-highest) | verdict |", "| --- | ---: | --- |"]
    for target in checked:
        figure = spread_text(target.values, digits=target.digits)
        verdict = (
            target_verdict(values=target.values, bound=target.bound).text
            if target.values
            else "not measured: nothing showed"
        )
        rows.append(f"| {target.name} | {figure} | {verdict} |")
    return "\n".join(rows)
