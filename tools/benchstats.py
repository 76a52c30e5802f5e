"""The statistics of `make bench`: one ratio per round, summed up; targets checked.

A ratio above 1 means the subject (this checkout) was slower in that round.
A finding needs the rounds to agree: when some rounds put the subject
faster and others slower, beyond a small tolerance, the median is noise.
A target (a ratio, a lag) is met when the rounds' median is within it; the
verdict also counts the rounds that were.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# Rounds closer to 1 than this count as "no difference", neither way.
TOLERANCE = 0.05


@dataclass(frozen=True)
class RatioSummary:
    """The per-round ratios of one scenario: median, spread and verdict."""

    median: float
    low: float
    high: float
    finding: bool
    verdict: str


def ratio_summary(
    *, ratios: Sequence[float], subject: str, tolerance: float = TOLERANCE
) -> RatioSummary:
    """Sum up per-round ratios and say whether the rounds agree on a direction."""
    rounds = len(ratios)
    faster = sum(ratio < 1 - tolerance for ratio in ratios)
    slower = sum(ratio > 1 + tolerance for ratio in ratios)
    even = rounds - faster - slower
    median = statistics.median(ratios)
    band = f"within {tolerance:.0%}"
    finding = False
    if faster and slower:
        verdict = f"rounds disagree ({faster} faster, {slower} slower): no finding"
    elif abs(median - 1) <= tolerance:
        verdict = f"no difference: {even} of {rounds} rounds {band}"
    else:
        finding = True
        agreeing, direction = (faster, "faster") if median < 1 else (slower, "slower")
        verdict = f"{agreeing} of {rounds} rounds put {subject} {direction}"
        verdict += f", {even} {band}" if even else ""
    return RatioSummary(median, min(ratios), max(ratios), finding, verdict)


@dataclass(frozen=True)
class TargetVerdict:
    """Whether the rounds meet a target: by their median, and how many rounds did."""

    met: bool
    text: str


def target_verdict(*, values: Sequence[float], bound: float) -> TargetVerdict:
    """Say whether the rounds' median is at most the bound, and how many rounds were."""
    within = sum(value <= bound for value in values)
    met = statistics.median(values) <= bound
    outcome = "met" if met else "not met"
    return TargetVerdict(met, f"{outcome}: {within} of {len(values)} rounds within")
