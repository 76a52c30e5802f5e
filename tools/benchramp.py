"""The sync bench's rounds: each style of sync at a steady rate, then ramped up.

Three stacks of this checkout differ in USER_EVENTS only: `state` (push,
event-carried state), `notify` (a notification, then a fetch from users)
and `off` (pull alone, reconciliation over the changes feed). A round asks
each for changes at FIRST_RATE, then at doubled rates up to a highest one.
Each rate goes to every style still in the ramp, one after another, the
first style alternating between rounds as the read comparison's stacks do;
a style leaves the ramp at the first rate it does not sustain
(tools/benchlag.py). Around each step the stack's work is counted
(tools/benchwork.py).
"""

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tools.benchkit import turn
from tools.benchlag import StepFigures, ramp
from tools.benchsync import sync_step
from tools.benchwork import LogMark, QueuedMessages, redis_commands, users_requests

# Each style's label in the tables, and its USER_EVENTS.
STYLES = {"push": "state", "notify-fetch": "notify", "pull": "off"}
FIRST_RATE = 50.0
HIGHEST_RATE = 1600.0
# Time for the last access log lines and keyevents of a step to arrive.
SETTLE_SECONDS = 0.3


@dataclass
class SyncStack:
    """A running stack of one sync style, ready for changes to its users."""

    style: str
    url: str
    log: Path
    messages: QueuedMessages
    users: list[int]
    numbers: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Work:
    """What one step cost: messages queued by queue, Redis commands, users' requests."""

    messages: Counter[str]
    commands: int
    requests: Counter[str]


@dataclass(frozen=True)
class Step:
    """One step at one rate on one stack: its figures, its reads' grain, its work."""

    figures: StepFigures
    poll_ms: float
    work: Work


# One round of the sync bench: each style's steps, in the ramp's order.
SyncRound = dict[str, list[Step]]


def measured_step(stack: SyncStack, *, rate: float, seconds: float) -> Step:
    """Run one step on the stack and count the work done meanwhile."""
    mark, queued = LogMark(stack.log), stack.messages.counts()
    commands = redis_commands(stack.messages.client)
    stepped = sync_step(
        stack.url, users=stack.users, numbers=stack.numbers, rate=rate, seconds=seconds
    )
    time.sleep(SETTLE_SECONDS)
    work = Work(
        messages=stack.messages.counts() - queued,
        commands=redis_commands(stack.messages.client) - commands,
        requests=users_requests(mark.since()),
    )
    return Step(stepped.figures, stepped.poll_ms, work)


class Measure(Protocol):
    """How a round measures one step: `measured_step`, or a test's fake."""

    def __call__(self, stack: SyncStack, *, rate: float, seconds: float) -> Step:
        """Run one step on the stack at the rate; return what it found."""
        ...


def still_going(steps: Sequence[Step]) -> bool:
    """Return whether a style sustained every rate it was asked for so far."""
    return all(step.figures.sustained for step in steps)


def sync_round(
    stacks: Sequence[SyncStack],
    *,
    number: int,
    seconds: float,
    highest: float = HIGHEST_RATE,
    progress: Callable[[str], None] = lambda step: None,
    measure: Measure = measured_step,
) -> SyncRound:
    """Ask each style for each rate of the ramp in turn, until none keeps up."""
    steps: SyncRound = {stack.style: [] for stack in stacks}
    for rate in ramp(first=FIRST_RATE, highest=highest):
        going = [stack for stack in stacks if still_going(steps[stack.style])]
        if not going:
            break
        for stack in turn(going, number=number):
            progress(f"  {stack.style} at {rate:g} changes/s")
            steps[stack.style].append(measure(stack, rate=rate, seconds=seconds))
    return steps
