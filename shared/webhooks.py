"""Push events to subscribers over HTTP: the observer across a process boundary.

`EventSender` POSTs an event as JSON to each subscriber's URL with a shared
secret, and retries with exponential backoff for a bounded time; each try
has one deadline for all of it (shared.http.request_within). Retrying this
write is safe because receivers are idempotent: a second delivery of an
event changes nothing (chassis/webhooks.py). What it cannot deliver in that
time is lost: the dual-write problem, which stage 4 solves with an outbox.
See docs/02-users-service.md, "The observer over HTTP".
"""

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus

import httpx

from shared.events import Event, event_to_json
from shared.http import Deadline, pool_limits, request_within

logger = logging.getLogger(__name__)

FIRST_DELAY_SECONDS = 0.1
MAX_DELAY_SECONDS = 5.0


@dataclass(frozen=True)
class Delivery:
    """What happened to one event at one subscriber."""

    subscriber: str
    delivered: bool
    attempts: int
    error: str = ""


@dataclass(frozen=True)
class Attempt:
    """The outcome of one POST: done, or worth another try, or not."""

    delivered: bool
    retryable: bool
    error: str = ""


def authorization(secret: str) -> str:
    """Return the Authorization header value that carries the shared secret."""
    return f"Bearer {secret}"


class EventSender:
    """Deliver events to subscriber URLs, retrying each for at most `retry_for` s."""

    def __init__(
        self,
        *,
        subscribers: Sequence[str],
        secret: str,
        timeout: float,
        retry_for: float,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Send to these URLs, each try giving up after `timeout` seconds."""
        self.subscribers = list(subscribers)
        self.timeout = timeout
        self.retry_for = retry_for
        self._sleep = sleep
        self._clock = clock
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            limits=pool_limits(),
            transport=transport,
            headers={
                "Authorization": authorization(secret),
                "Content-Type": "application/json",
            },
        )

    def send(self, event: Event) -> list[Delivery]:
        """Deliver the event to every subscriber; return what happened at each."""
        body = event_to_json(event)
        deliveries = [self._deliver(url, body) for url in self.subscribers]
        for delivery in deliveries:
            if not delivery.delivered:
                logger.error(
                    "%s %s was not delivered to %s after %d attempts: %s",
                    body["type"],
                    body["event_id"],
                    delivery.subscriber,
                    delivery.attempts,
                    delivery.error,
                )
        return deliveries

    def _deliver(self, url: str, body: dict[str, object]) -> Delivery:
        """POST until the subscriber accepts, refuses for good, or time is up."""
        deadline = self._clock() + self.retry_for
        delay, attempts = FIRST_DELAY_SECONDS, 0
        while True:
            attempts += 1
            attempt = self._attempt(url, body)
            if attempt.delivered:
                return Delivery(url, delivered=True, attempts=attempts)
            if not attempt.retryable or self._clock() + delay > deadline:
                return Delivery(url, False, attempts, attempt.error)
            self._sleep(delay)
            delay = min(delay * 2, MAX_DELAY_SECONDS)

    def _attempt(self, url: str, body: dict[str, object]) -> Attempt:
        """POST once; a 2xx is delivered, a 5xx, 429 or no answer is worth a retry."""
        content = json.dumps(body).encode()
        deadline = Deadline(self.timeout)
        try:
            response = request_within(
                self._http, "POST", url, deadline=deadline, content=content
            )
        except httpx.TransportError as exc:
            return Attempt(False, retryable=True, error=type(exc).__name__)
        if response.is_success:
            return Attempt(True, retryable=False)
        throttled = response.status_code == HTTPStatus.TOO_MANY_REQUESTS
        retryable = response.is_server_error or throttled
        return Attempt(False, retryable, f"answered {response.status_code}")

    def close(self) -> None:
        """Close the connections this sender keeps open."""
        self._http.close()
