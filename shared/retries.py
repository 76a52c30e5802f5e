"""Retrying a call that changes nothing, with jittered backoff, within its deadline.

Only a read is retried this way: sending it twice is harmless. A failure
that may pass (a service restarting, a connection it broke, a 503) is tried
again after a random wait that doubles in range each time (full jitter,
so callers that failed together do not come back together), as long as the
deadline leaves time for the wait and another try. A write is never
retried here: its first try may have been made. See
docs/03-orders-service.md, "Retries".
"""

import logging

import tenacity

from shared.http import Deadline

# The first retry waits up to 50 ms, each next one up to twice as long, at
# most 400 ms.
BACKOFF_SECONDS = 0.05
MAX_BACKOFF_SECONDS = 0.4

logger = logging.getLogger(__name__)


class StopAtDeadline(tenacity.stop.stop_base):
    """Stop retrying when the next wait would reach the deadline."""

    def __init__(self, deadline: Deadline) -> None:
        """Stop for this deadline."""
        self.deadline = deadline

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        """Tell whether the wait before the next try leaves no time for it."""
        return retry_state.upcoming_sleep >= self.deadline.remaining()


def read_retrying(
    *,
    deadline: Deadline,
    attempts: int,
    retry_on: type[Exception] | tuple[type[Exception], ...],
    what: str,
) -> tenacity.Retrying:
    """Return tenacity's loop for a read: `attempts` tries at most, within deadline.

    `what` names the read in the log line of each retry.
    """

    def log_retry(retry_state: tenacity.RetryCallState) -> None:
        failure = retry_state.outcome.exception() if retry_state.outcome else None
        logger.info(
            "Trying %s again in %.0f ms (try %d failed: %s: %s)",
            what,
            retry_state.upcoming_sleep * 1000,
            retry_state.attempt_number,
            type(failure).__name__,
            failure,
        )

    return tenacity.Retrying(
        stop=tenacity.stop_after_attempt(attempts) | StopAtDeadline(deadline),
        wait=tenacity.wait_random_exponential(
            multiplier=BACKOFF_SECONDS, max=MAX_BACKOFF_SECONDS
        ),
        retry=tenacity.retry_if_exception_type(retry_on),
        before_sleep=log_retry,
        reraise=True,
    )
