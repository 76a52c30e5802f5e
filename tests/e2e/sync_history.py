"""What a sync fault test saw, and the checker that counts what went wrong in it.

In the manner of Jepsen's queue checkers: the test records each change the
users service acknowledged and each reading of the replica taken while a
fault ran; once the stream has ended it gathers the final state of both
sides, and the checker counts changes acknowledged, users whose last
acknowledged change the replica lost, effects applied twice, and readings
that went back to an older value. Plain data in, counts out: no process is
needed to test it. See docs/04-celery-sync.md, "Faults".
"""

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

# A user's name says which of their changes set it: "u7 v3" is user 7's
# third, so a reader can order the names it sees. A user is created as v0.
STEP_MARK = " v"


def step_name(*, label: str, step: int) -> str:
    """Return the name a user's change number `step` sets."""
    return f"{label}{STEP_MARK}{step}"


def name_step(name: str) -> int:
    """Return the number of the change that set a name like "u7 v3"."""
    return int(name.rpartition(STEP_MARK)[2])


@dataclass(frozen=True, kw_only=True)
class Held:
    """A user as one side holds them: the users service, or orders' replica."""

    name: str
    is_active: bool
    version: int


@dataclass(frozen=True, kw_only=True)
class OrderSeen:
    """One user's order as the edge shows it: its status, version and customer."""

    user_id: int
    status: str
    version: int
    customer_name: str


@dataclass(frozen=True, kw_only=True)
class Final:
    """Both sides' state once the stream of changes has ended."""

    users: Mapping[int, Held]
    replica: Mapping[int, Held]
    orders: Sequence[OrderSeen]

    def converged(self) -> bool:
        """Return whether the replica, and the orders shown, match the users."""
        return self.replica == self.users and all(
            order.user_id in self.users
            and order.customer_name == self.users[order.user_id].name
            and (order.status == "pending") == self.users[order.user_id].is_active
            for order in self.orders
        )


@dataclass(frozen=True, kw_only=True)
class Counts:
    """What the checker counted; all but `acknowledged` and `reads` should be 0."""

    acknowledged: int
    lost: int
    duplicated: int
    regressions: int
    reads: int
    reads_failed: int


def _order_duplicated(order: OrderSeen) -> bool:
    """Return whether an order's version shows more than one cancellation.

    An order starts pending at version 1; the one cancellation a
    deactivation makes takes it to 2.
    """
    return order.version > 1 + (order.status == "cancelled")


def duplicated(final: Final) -> int:
    """Count orders cancelled twice, and replica rows newer than their users."""
    orders = sum(_order_duplicated(order) for order in final.orders)
    replica = sum(
        user_id in final.users and held.version > final.users[user_id].version
        for user_id, held in final.replica.items()
    )
    return orders + replica


def regressions(readings: Sequence[int]) -> int:
    """Count readings of an older change after a newer one was read."""
    newest, older = -1, 0
    for step in readings:
        older += step < newest
        newest = max(newest, step)
    return older


@dataclass(frozen=True, kw_only=True)
class _Acknowledged:
    """A change answered 200: when, and the user as the answer gave them."""

    user_id: int
    at: float
    held: Held


class History:
    """The changes acknowledged and the readings taken, from several threads."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        """Start empty; `clock` stamps each acknowledgement."""
        self._clock = clock
        self._lock = threading.Lock()
        self._acknowledged: list[_Acknowledged] = []
        self._readings: dict[int, list[int]] = defaultdict(list)
        self._reads = 0
        self._reads_failed = 0

    def acknowledge(self, *, user_id: int, held: Held) -> None:
        """Record a change answered 200: the user as the answer gave them."""
        with self._lock:
            change = _Acknowledged(user_id=user_id, at=self._clock(), held=held)
            self._acknowledged.append(change)

    def read(self, *, names: Mapping[int, str]) -> None:
        """Record one reading: the customer name shown for each user."""
        with self._lock:
            self._reads += 1
            for user_id, name in names.items():
                self._readings[user_id].append(name_step(name))

    def read_failed(self) -> None:
        """Record a reading that was not answered 200."""
        with self._lock:
            self._reads += 1
            self._reads_failed += 1

    def acknowledged_between(self, start: float, end: float) -> int:
        """Count the changes acknowledged from `start` to before `end`."""
        with self._lock:
            return sum(start <= change.at < end for change in self._acknowledged)

    def lost(self, final: Final) -> int:
        """Count users whose last acknowledged change the replica lacks.

        The replica lacks it if it holds an older version, or that version
        with other values, or if it was a deactivation (or came after one)
        and an order of the user is still pending. A newer version in the
        replica is a change whose answer did not come back; whether it is
        the users service's is what `Final.converged` checks.
        """
        last: dict[int, Held] = {}
        with self._lock:
            for change in self._acknowledged:
                newest = last.get(change.user_id)
                if newest is None or change.held.version > newest.version:
                    last[change.user_id] = change.held
        pending = {o.user_id for o in final.orders if o.status == "pending"}
        return sum(
            _lacks(held=final.replica.get(user_id), acknowledged=acknowledged)
            or (not acknowledged.is_active and user_id in pending)
            for user_id, acknowledged in last.items()
        )

    def counts(self, final: Final) -> Counts:
        """Count what went wrong, given both sides' state at the end."""
        with self._lock:
            acknowledged = len(self._acknowledged)
            seen = [list(steps) for steps in self._readings.values()]
            reads, reads_failed = self._reads, self._reads_failed
        return Counts(
            acknowledged=acknowledged,
            lost=self.lost(final),
            duplicated=duplicated(final),
            regressions=sum(regressions(steps) for steps in seen),
            reads=reads,
            reads_failed=reads_failed,
        )


def _lacks(*, held: Held | None, acknowledged: Held) -> bool:
    """Return whether a replica row lacks an acknowledged state of its user."""
    if held is None or held.version < acknowledged.version:
        return True
    return held.version == acknowledged.version and held != acknowledged
