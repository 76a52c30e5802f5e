"""One run of a sync fault test: the faults, the run around one, and what it counted.

`run_fault` streams changes (tests/e2e/sync_stream.py), has the settling
users make their last changes, waits until those have left the users
service's outbox, injects the fault, ends it, lets the stream go on, stops
it and waits for the replica to match users (tests/e2e/sync_state.py).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx

from tests.e2e.sync_history import Counts
from tests.e2e.sync_state import outbox_waiting, queue_depth, wait_converged
from tests.e2e.sync_stream import Stream
from tests.stack import Stack

# The stream runs this long before the fault, while it lasts, and after it.
BEFORE_SECONDS = 1.5
FAULT_SECONDS = 2.0
AFTER_SECONDS = 2.0
# After a Redis restart the users worker reconnects on its own schedule,
# seconds later; only then does the relay publish.
RELAY_SECONDS = 15.0
# The orders worker's queue of users' events (services/orders/config/settings.py).
EVENTS_QUEUE = "orders.user-events"

# Redis is killed once this many of users' events wait in it for the paused
# orders worker (the changing client adds a few a second), or after
# WAITING_SECONDS: the more it holds when it dies, the more an emptied Redis
# loses for reconciliation to repair.
WAITING_EVENTS = 3
WAITING_SECONDS = 5.0


class Fault(Protocol):
    """What a test does to the stack: before the last changes, at once, and after."""

    def prepare(self) -> None:
        """Set the stage, before the settling users' last changes."""

    def inject(self) -> None:
        """Strike."""

    def end(self) -> None:
        """Undo the fault: start again what was stopped or killed."""


@dataclass
class Outage:
    """A process stopped or killed, then started again."""

    inject: Callable[[], None]
    end: Callable[[], None]

    def prepare(self) -> None:
        """Nothing to set: the process goes down as it is."""


@dataclass
class RedisKilled:
    """Redis killed while users' events wait in it, then started: data kept, or not.

    The orders worker is paused first, so the settling users' last events
    are still in Redis when it dies: an empty Redis loses them, and only
    reconciliation can repair the replica.
    """

    stack: Stack
    keep_data: bool
    waiting: int = 0

    def prepare(self) -> None:
        """Pause the orders worker, so events wait in its queue."""
        self.stack.orders_worker.pause()

    def inject(self) -> None:
        """Kill Redis once enough events wait in it (or after a while); count them."""
        deadline = time.monotonic() + WAITING_SECONDS
        while time.monotonic() < deadline:
            self.waiting = queue_depth(self.stack.redis.url, EVENTS_QUEUE)
            if self.waiting >= WAITING_EVENTS:
                break
            time.sleep(0.1)
        self.stack.redis.kill()

    def end(self) -> None:
        """Start Redis on its port, with its data or empty; resume the worker."""
        self.stack.redis.start(keep_data=self.keep_data)
        self.stack.orders_worker.resume()


@dataclass(frozen=True)
class Outcome:
    """What one fault's run counted, and how long the replica took to match."""

    counts: Counts
    converged_in: float | None
    acknowledged_during: int
    acknowledged_after: int

    def report(self, fault: str) -> str:
        """Return the counts as one line, for the test to print."""
        counts, took = self.counts, self.converged_in
        return (
            f"{fault}: acknowledged {counts.acknowledged} "
            f"({self.acknowledged_during} during the fault, "
            f"{self.acknowledged_after} after), lost {counts.lost}, "
            f"duplicated {counts.duplicated}, regressions {counts.regressions}; "
            f"reads {counts.reads} ({counts.reads_failed} failed); converged "
            + ("NOT within 30 s" if took is None else f"in {took:.1f} s")
        )


def wait_relayed(stack: Stack, user_ids: list[int]) -> None:
    """Wait until the users' events have all left users' outbox for Redis."""
    database = Path(stack.users.env["USERS_DATABASE_PATH"])
    deadline = time.monotonic() + RELAY_SECONDS
    while outbox_waiting(database, user_ids) and time.monotonic() < deadline:
        time.sleep(0.05)


def run_fault(
    stack: Stack, edge: httpx.Client, ids: list[int], fault: Fault
) -> Outcome:
    """Stream changes, inject the fault in the middle and end it; wait, then count."""
    stream = Stream(edge_url=stack.url, user_ids=ids)
    stream.start()
    try:
        time.sleep(BEFORE_SECONDS)
        fault.prepare()
        stream.settle()
        wait_relayed(stack, stream.settled_ids)
        fault_started = time.monotonic()
        fault.inject()
        try:
            stream.deactivate_soon()
            time.sleep(FAULT_SECONDS)
        finally:
            fault.end()
        fault_ended = time.monotonic()
        time.sleep(AFTER_SECONDS)
    finally:
        stream.stop()
    database = Path(stack.orders.env["ORDERS_DATABASE_PATH"])
    final, took = wait_converged(edge, database, ids)
    history = stream.history
    return Outcome(
        counts=history.counts(final),
        converged_in=took,
        acknowledged_during=history.acknowledged_between(fault_started, fault_ended),
        acknowledged_after=history.acknowledged_between(fault_ended, time.monotonic()),
    )
