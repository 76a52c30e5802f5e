"""A circuit breaker for a client of another service: pybreaker, used without a lock.

After `failures` calls in a row fail, the breaker opens: calls fail at once,
without a request, so a service that is down costs its callers nothing
while it recovers. After `reset_seconds` it lets one trial call through: a
success closes it, a failure opens it again. Every change of state is
logged. See docs/03-orders-service.md, "The circuit breaker".

pybreaker's `CircuitBreaker.call` holds the breaker's lock for the whole
guarded call, so in a threaded server every call through one breaker would
wait for the one before it. `guarded` uses `CircuitBreaker.calling()`,
which takes the lock only to look at and change the state, and admits one
caller at a time while the breaker is not closed: pybreaker's half-open
state would let every thread that arrives during the trial through.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pybreaker

logger = logging.getLogger(__name__)

CircuitOpen = pybreaker.CircuitBreakerError


class CircuitBreaker(pybreaker.CircuitBreaker):
    """pybreaker's breaker, with the lock its one trial call holds."""

    def __init__(self, *, name: str, fail_max: int, reset_timeout: float) -> None:
        """Open after fail_max failures in a row; try again after reset_timeout s."""
        super().__init__(
            fail_max=fail_max,
            reset_timeout=reset_timeout,
            name=name,
            listeners=[StateChangeLog()],
            # The failure that trips it is raised as it is, not replaced.
            throw_new_error_on_trip=False,
        )
        self.trial = threading.Lock()


class StateChangeLog(pybreaker.CircuitBreakerListener):
    """Log every change of a breaker's state: open is a warning, the rest info."""

    def state_change(
        self,
        cb: pybreaker.CircuitBreaker,
        old_state: pybreaker.CircuitBreakerState | None,
        new_state: pybreaker.CircuitBreakerState,
    ) -> None:
        """Log the change, naming the breaker and both states."""
        before = old_state.name if old_state is not None else "new"
        if before == new_state.name:
            # A call that began before the last change ended on the old state.
            return
        level = logging.WARNING if new_state.name == "open" else logging.INFO
        logger.log(
            level, "Circuit breaker %s: %s -> %s", cb.name, before, new_state.name
        )


def circuit_breaker(
    *, name: str, failures: int, reset_seconds: float
) -> CircuitBreaker:
    """Return a breaker that opens after `failures` failures in a row."""
    return CircuitBreaker(name=name, fail_max=failures, reset_timeout=reset_seconds)


@contextmanager
def guarded(breaker: CircuitBreaker | None) -> Iterator[None]:
    """Run the block through the breaker; raise `CircuitOpen` while it is open.

    While the breaker is open or half-open, only one caller at a time gets
    past here: the trial, if the reset time is up. The others are refused
    at once, as while it is open.
    """
    if breaker is None:
        yield
        return
    if breaker.current_state == "closed":
        with breaker.calling():
            yield
        return
    if not breaker.trial.acquire(blocking=False):
        raise CircuitOpen("A trial call is under way; the circuit is still open.")
    try:
        with breaker.calling():
            yield
    finally:
        breaker.trial.release()
