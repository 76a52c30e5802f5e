"""The arithmetic of the sync bench: each change's lag, a step's figures, a verdict.

A change is acknowledged when the edge answers its PATCH with 200. Each
change gives its user a name with a number that only grows, per user, so a
read that shows a user's number n shows every change of that user up to n:
a change is visible from the first read of the order list that shows its
number or a higher one. Its lag is visible - acknowledged, and 0 when a
read showed it before its acknowledgement arrived. A change not visible
within LOST_SECONDS of its acknowledgement counts as lost.
"""

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

LOST_SECONDS = 10.0
# A stack sustains a rate when it acknowledges at least this share of the
# changes asked for, each in turn, shows them with a p99 lag of at most
# SUSTAINED_P99_MS, and loses none and refuses none.
SUSTAINED_SHARE = 0.9
SUSTAINED_P99_MS = 2000.0


@dataclass(frozen=True)
class Change:
    """A change the edge acknowledged: whose, its number, when (monotonic s)."""

    user_id: int
    number: int
    acknowledged: float


@dataclass(frozen=True)
class Sighting:
    """A read of the order list that showed a user's number for the first time."""

    user_id: int
    number: int
    seen: float


@dataclass(frozen=True)
class StepFigures:
    """How one step of changes at one rate went: rates, lag percentiles, losses."""

    asked: float
    achieved: float
    changes: int
    refused: int
    lost: int
    p50: float | None
    p90: float | None
    p99: float | None

    @property
    def sustained(self) -> bool:
        """Return whether the stack kept up with the rate (see SUSTAINED_SHARE)."""
        return (
            self.achieved >= SUSTAINED_SHARE * self.asked
            and self.p99 is not None
            and self.p99 <= SUSTAINED_P99_MS
            and self.lost == 0
            and self.refused == 0
        )


def percentile(values: Sequence[float], share: float) -> float:
    """Return the value below which `share` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def lags(
    changes: Iterable[Change], sightings: Iterable[Sighting]
) -> list[float | None]:
    """Return each change's lag in seconds, or None if no read ever showed it."""
    seen: dict[int, list[Sighting]] = {}
    for sighting in sightings:
        seen.setdefault(sighting.user_id, []).append(sighting)
    found: list[float | None] = []
    for change in changes:
        times = [
            sighting.seen
            for sighting in seen.get(change.user_id, [])
            if sighting.number >= change.number
        ]
        visible = min(times, default=None)
        found.append(
            None if visible is None else max(0.0, visible - change.acknowledged)
        )
    return found


def step_figures(
    *,
    asked: float,
    seconds: float,
    changes: Sequence[Change],
    refused: int,
    sightings: Iterable[Sighting],
) -> StepFigures:
    """Sum up a step: the rate achieved over at least its planned seconds, lags in ms.

    `seconds` runs from the first change's planned start to the last
    acknowledgement, or the planned length, whichever is longer.
    """
    measured = lags(changes, sightings)
    shown = [1000 * lag for lag in measured if lag is not None and lag <= LOST_SECONDS]
    lost = len(measured) - len(shown)

    def share(part: float) -> float | None:
        return percentile(shown, part) if shown else None

    return StepFigures(
        asked=asked,
        achieved=len(changes) / seconds,
        changes=len(changes),
        refused=refused,
        lost=lost,
        p50=share(0.5),
        p90=share(0.9),
        p99=share(0.99),
    )


def ramp(*, first: float, highest: float) -> list[float]:
    """Return the rates a ramp asks for: `first`, doubled until above `highest`."""
    rates = [first]
    while rates[-1] * 2 <= highest:
        rates.append(rates[-1] * 2)
    return rates


def highest_sustained(steps: Iterable[StepFigures]) -> float:
    """Return the highest rate sustained before the first that was not, or 0."""
    highest = 0.0
    for step in steps:
        if not step.sustained:
            break
        highest = step.asked
    return highest


@dataclass(frozen=True)
class Spread:
    """Figures of several rounds: their median, lowest and highest."""

    median: float
    low: float
    high: float


def spread(values: Sequence[float]) -> Spread:
    """Return the median and range of the rounds' values."""
    return Spread(statistics.median(values), min(values), max(values))
