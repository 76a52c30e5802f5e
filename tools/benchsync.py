"""One step of the sync bench: users' changes at a rate, while readers watch.

WRITERS connections PATCH users' names through the edge, each connection
its own users, so no user has two changes in flight and each user's
numbers reach users in order. The schedule is open-loop: change n is due
n / rate seconds after the start, and a connection still busy when its
next change is due sends it late, so a stack that cannot keep up shows as
a rate achieved below the one asked. Readers (tools/benchreaders.py) poll
the order list all along; after the last acknowledgement they go on until
every change shows, or LOST_SECONDS have passed.
"""

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx

from tools.benchlag import LOST_SECONDS, Change, StepFigures, step_figures
from tools.benchreaders import NAMED, Readers

WRITERS = 16
# Time for the writers to start before the first change is due.
HEAD_START = 0.1


@dataclass(frozen=True)
class Written:
    """What the writer got acknowledged, what was refused, and over how long."""

    changes: list[Change]
    refused: int
    seconds: float


def change_one(
    client: httpx.Client, *, user: int, numbers: dict[int, int], due: float
) -> Change | None:
    """Rename the user with their next number once due; None if not acknowledged."""
    time.sleep(max(0.0, due - time.monotonic()))
    numbers[user] = number = numbers.get(user, 0) + 1
    try:
        response = client.patch(
            f"/api/users/{user}/", json={"name": f"{NAMED}{number}"}
        )
    except httpx.HTTPError:
        return None
    if response.status_code != httpx.codes.OK:
        return None
    return Change(user, number, time.monotonic())


def write_share(
    url: str, *, users: Sequence[int], due: Sequence[float], numbers: dict[int, int]
) -> tuple[list[Change], int]:
    """Send one connection's changes, each once due, to its users in turn.

    Returns the changes acknowledged, and how many were not.
    """
    changes: list[Change] = []
    refused = 0
    with httpx.Client(base_url=url, timeout=30) as client:
        for turn, when in enumerate(due):
            user = users[turn % len(users)]
            change = change_one(client, user=user, numbers=numbers, due=when)
            if change is None:
                refused += 1
            else:
                changes.append(change)
    return changes, refused


def write(
    url: str,
    *,
    users: Sequence[int],
    numbers: dict[int, int],
    rate: float,
    seconds: float,
) -> Written:
    """Change users at `rate` for `seconds` on WRITERS connections; say what came back.

    `numbers` holds each user's last number and is moved on, so that the
    next step's numbers go on growing.
    """
    connections = min(WRITERS, len(users))
    start = time.monotonic() + HEAD_START
    due = [start + n / rate for n in range(max(1, round(rate * seconds)))]
    with ThreadPoolExecutor(max_workers=connections) as pool:
        shares = pool.map(
            lambda i: write_share(
                url,
                users=users[i::connections],
                due=due[i::connections],
                numbers=numbers,
            ),
            range(connections),
        )
        written = list(shares)
    changes = [change for acknowledged, _ in written for change in acknowledged]
    last = max((change.acknowledged for change in changes), default=start)
    return Written(changes, sum(refused for _, refused in written), last - start)


def drain(readers: Readers, written: Written) -> None:
    """Wait until the readers saw every change, or LOST_SECONDS after the last."""
    expected: dict[int, int] = {}
    for change in written.changes:
        expected[change.user_id] = max(expected.get(change.user_id, 0), change.number)
    last = max((c.acknowledged for c in written.changes), default=time.monotonic())
    while not readers.caught_up(expected) and time.monotonic() < last + LOST_SECONDS:
        time.sleep(0.02)


@dataclass(frozen=True)
class Stepped:
    """A step's figures, and how long one read of the order list took (its grain)."""

    figures: StepFigures
    poll_ms: float


def sync_step(
    url: str,
    *,
    users: Sequence[int],
    numbers: dict[int, int],
    rate: float,
    seconds: float,
) -> Stepped:
    """Write changes at the rate for the seconds while readers watch; sum it up."""
    with Readers(url, frozenset(users)) as readers:
        written = write(url, users=users, numbers=numbers, rate=rate, seconds=seconds)
        drain(readers, written)
    figures = step_figures(
        asked=rate,
        seconds=max(seconds, written.seconds),
        changes=written.changes,
        refused=written.refused,
        sightings=readers.sightings,
    )
    return Stepped(figures, readers.poll_ms())
