"""A circuit breaker for a client of another service: pybreaker, used without a lock.

After `failures` calls in a row fail, the breaker opens: calls fail at once,
without a request, so a service that is down costs its callers nothing
while it recovers. After `reset_seconds` it lets a trial call through: a
success closes it, a failure opens it again. Every change of state is
logged. See docs/03-orders-service.md, "The circuit breaker".

pybreaker's `CircuitBreaker.call` holds the breaker's lock for the whole
guarded call, so in a threaded server every call through one breaker would
wait for the one before it. `guarded` uses `CircuitBreaker.calling()`,
which takes the lock only to look at and change the state.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pybreaker

logger = logging.getLogger(__name__)

CircuitOpen = pybreaker.CircuitBreakerError


class StateChangeLog(pybreaker.CircuitBreakerListener):
    """Log every change of a breaker's state: open is a warning, the rest info."""

    def state_change(
        self,
        cb: pybreaker.CircuitBreaker,
        old_state: pybreaker.CircuitBreakerState | None,
        new_state: pybreaker.CircuitBreakerState,
    ) -> None:
        """Log the change, naming the breaker and both states."""
        level = logging.WARNING if new_state.name == "open" else logging.INFO
        before = old_state.name if old_state is not None else "new"
        logger.log(
            level, "Circuit breaker %s: %s -> %s", cb.name, before, new_state.name
        )


def circuit_breaker(
    *, name: str, failures: int, reset_seconds: float
) -> pybreaker.CircuitBreaker:
    """Return a breaker that opens after `failures` failures in a row."""
    return pybreaker.CircuitBreaker(
        fail_max=failures,
        reset_timeout=reset_seconds,
        name=name,
        listeners=[StateChangeLog()],
        # The failure that trips it is raised as it is, not replaced.
        throw_new_error_on_trip=False,
    )


@contextmanager
def guarded(breaker: pybreaker.CircuitBreaker | None) -> Iterator[None]:
    """Run the block through the breaker; raise `CircuitOpen` while it is open."""
    if breaker is None:
        yield
        return
    with breaker.calling():
        yield
