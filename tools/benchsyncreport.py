"""The sync bench's tables: lag per style and rate, the highest rate, the work.

Every figure is the median of the rounds that ran that step, with the
lowest and highest round beside it; losses and refusals are summed.
"""

from collections import Counter
from collections.abc import Iterable, Sequence

from tools.benchlag import highest_sustained, spread
from tools.benchramp import FIRST_RATE, Step, SyncRound


def spread_text(values: Sequence[float], *, digits: int = 0) -> str:
    """Render the rounds' median with their range, or n/a without any."""
    if not values:
        return "n/a"
    rounds = spread(values)
    return (
        f"{rounds.median:.{digits}f} ({rounds.low:.{digits}f}-{rounds.high:.{digits}f})"
    )


def steps_at(rounds: Iterable[SyncRound], *, style: str, rate: float) -> list[Step]:
    """Return the style's steps at the rate, one per round that asked for it."""
    return [
        step
        for measured in rounds
        for step in measured.get(style, [])
        if step.figures.asked == rate
    ]


def rates_of(rounds: Iterable[SyncRound], *, style: str) -> list[float]:
    """Return every rate any round asked the style for, lowest first."""
    return sorted({s.figures.asked for r in rounds for s in r.get(style, [])})


def known(values: Iterable[float | None]) -> list[float]:
    """Return the values that are known: a step where nothing showed has no lag."""
    return [value for value in values if value is not None]


def lag_row(steps: Sequence[Step], *, style: str, rate: float) -> str:
    """Render one style at one rate across the rounds that ran it."""
    figures = [step.figures for step in steps]
    cells = [
        style,
        f"{rate:g}",
        str(len(steps)),
        spread_text([f.achieved for f in figures]),
        spread_text(known(f.p50 for f in figures)),
        spread_text(known(f.p90 for f in figures)),
        spread_text(known(f.p99 for f in figures)),
        str(sum(f.lost for f in figures)),
        str(sum(f.refused for f in figures)),
        spread_text([step.poll_ms for step in steps]),
    ]
    return "| " + " | ".join(cells) + " |"


def lag_table(rounds: Sequence[SyncRound]) -> str:
    """Render each style's lag at each rate: medians of the rounds, their range."""
    rows = [
        "| style | asked /s | rounds | achieved /s | p50 ms | p90 ms | p99 ms "
        "| lost | refused | read ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for style in rounds[0]:
        for rate in rates_of(rounds, style=style):
            steps = steps_at(rounds, style=style, rate=rate)
            rows.append(lag_row(steps, style=style, rate=rate))
    return "\n".join(rows)


def highest_table(rounds: Sequence[SyncRound]) -> str:
    """Render each style's highest sustained rate: per round, and their median."""
    rows = [
        "| style | highest sustained /s | each round |",
        "| --- | ---: | --- |",
    ]
    for style in rounds[0]:
        each = [
            highest_sustained(step.figures for step in measured[style])
            for measured in rounds
        ]
        listed = ", ".join(f"{rate:g}" for rate in each)
        rows.append(f"| {style} | {spread_text(each)} | {listed} |")
    return "\n".join(rows)


def per_change(counts: Iterable[tuple[Counter[str], int]]) -> dict[str, float]:
    """Return each kind's median count per change across rounds (a 0 where absent)."""
    rounds = [(kinds, changes) for kinds, changes in counts if changes]
    names = sorted({name for kinds, _ in rounds for name in kinds})
    return {
        name: spread([kinds[name] / changes for kinds, changes in rounds]).median
        for name in names
    }


def reads_of(step: Step) -> Counter[str]:
    """Return the step's requests to users but its own writes, by kind."""
    return Counter({k: n for k, n in step.work.requests.items() if k != "writes"})


def work_row(steps: Sequence[Step], *, style: str) -> str:
    """Render one style's work per change at the steady rate."""
    counted = [step for step in steps if step.figures.changes]
    messages = [(step.work.messages, step.figures.changes) for step in counted]
    reads = [(reads_of(step), step.figures.changes) for step in counted]
    commands = [step.work.commands / step.figures.changes for step in counted]
    cells = [
        style,
        spread_text([sum(kinds.values()) / n for kinds, n in messages], digits=2),
        ", ".join(f"{q} {v:.2f}" for q, v in per_change(messages).items()) or "none",
        spread_text(commands, digits=1),
        spread_text([sum(kinds.values()) / n for kinds, n in reads], digits=2),
        ", ".join(f"{k} {v:.2f}" for k, v in per_change(reads).items()) or "none",
    ]
    return "| " + " | ".join(cells) + " |"


def work_table(rounds: Sequence[SyncRound]) -> str:
    """Render each style's work per change at FIRST_RATE: messages, commands, reads."""
    rows = [
        "| style | messages | by queue | Redis commands | requests to users "
        "| by kind |",
        "| --- | ---: | --- | ---: | ---: | --- |",
    ]
    for style in rounds[0]:
        rows.append(
            work_row(steps_at(rounds, style=style, rate=FIRST_RATE), style=style)
        )
    return "\n".join(rows)
