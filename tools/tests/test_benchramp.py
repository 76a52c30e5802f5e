"""Tests of a sync round's ramp: which style gets which rate, in which order."""

from collections import Counter
from pathlib import Path

from tools.benchlag import StepFigures
from tools.benchramp import Step, SyncStack, Work, sync_round


def stack(style):
    """Return a sync stack that no step will reach: the fake measures."""
    return SyncStack(style, "http://stack.test", Path("run.log"), None, [1, 2])


class FakeSteps:
    """Measure steps by a table of the highest rate each style keeps up with."""

    def __init__(self, highest):
        self.highest = highest
        self.asked = []

    def __call__(self, stack, *, rate, seconds):
        self.asked.append((stack.style, rate))
        sustained = rate <= self.highest[stack.style]
        figures = StepFigures(
            asked=rate,
            achieved=rate if sustained else rate / 2,
            changes=int(rate * seconds),
            refused=0,
            lost=0,
            p50=10.0,
            p90=20.0,
            p99=30.0,
        )
        return Step(figures, poll_ms=5.0, work=Work(Counter(), 0, Counter()))


def test_a_style_leaves_the_ramp_at_the_first_rate_it_does_not_sustain():
    fake = FakeSteps({"push": 100, "pull": 0})

    found = sync_round(
        [stack("push"), stack("pull")], number=0, seconds=1, highest=400, measure=fake
    )

    assert {
        style: [s.figures.asked for s in steps] for style, steps in found.items()
    } == {
        "push": [50, 100, 200],
        "pull": [50],
    }


def test_each_rate_goes_to_the_styles_in_turn_the_first_alternating():
    fake = FakeSteps({"push": 400, "pull": 400})
    stacks = [stack("push"), stack("pull")]

    sync_round(stacks, number=1, seconds=1, highest=100, measure=fake)

    assert fake.asked == [("pull", 50), ("push", 50), ("pull", 100), ("push", 100)]
