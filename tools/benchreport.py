"""The tables `make bench` prints: figures, memory, then ratios.

A ratio is taken within each round, between two stacks measured moments
apart, and only then summed up across rounds: see tools/benchstats.py.
"""

import statistics

from tools.benchkit import Result
from tools.benchmemory import Memory
from tools.benchstats import ratio_summary

HERE = "this checkout"

# One round of measurements: scenario, then stack, then how it went.
Round = dict[str, dict[str, Result]]


def figures(rounds: list[Round]) -> str:
    """Render each scenario on each stack as medians across rounds, errors summed."""
    rows = [
        "| scenario | stack | req/s | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, stacks in rounds[0].items():
        for label in stacks:
            each = [measured[name][label] for measured in rounds]
            per_second = statistics.median(result.per_second for result in each)
            p50 = statistics.median(result.percentile(0.5) for result in each)
            p99 = statistics.median(result.percentile(0.99) for result in each)
            errors = sum(result.errors for result in each)
            rows.append(
                f"| {name} | {label} | {per_second:.0f} | "
                f"{p50:.1f} | {p99:.1f} | {errors} |"
            )
    return "\n".join(rows)


def memory_table(memory: dict[str, Memory | None]) -> str:
    """Render each stack's process count, summed RSS and PSS, or n/a where unknown."""
    rows = [
        "| stack | processes | RSS MB | PSS MB |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, measured in memory.items():
        if measured is None:
            rows.append(f"| {label} | n/a | n/a | n/a |")
            continue
        pss = measured.proportional_megabytes
        shown = "n/a" if pss is None else f"{pss:.0f}"
        rows.append(
            f"| {label} | {measured.processes} | {measured.megabytes:.0f} | {shown} |"
        )
    return "\n".join(rows)


def p50_ratios(rounds: list[Round], *, name: str, there: str) -> list[float]:
    """Return a scenario's p50 here over its p50 on the other stack, per round."""
    return [
        measured[name][HERE].percentile(0.5) / measured[name][there].percentile(0.5)
        for measured in rounds
    ]


def comparison(rounds: list[Round], *, there: str) -> str:
    """Render this checkout against another stack: per-round ratios, summed up."""
    rows = [
        "| scenario | ratio | median | lowest-highest | rounds |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for name, stacks in rounds[0].items():
        if there not in stacks:
            continue
        pairs = [(measured[name][HERE], measured[name][there]) for measured in rounds]
        ratios = {
            "p50 here / there": p50_ratios(rounds, name=name, there=there),
            "req/s there / here": [
                other.per_second / here.per_second for here, other in pairs
            ],
        }
        for ratio, values in ratios.items():
            summary = ratio_summary(ratios=values, subject=HERE)
            rows.append(
                f"| {name} | {ratio} | {summary.median:.2f} | "
                f"{summary.low:.2f}-{summary.high:.2f} | {summary.verdict} |"
            )
    return "\n".join(rows)
