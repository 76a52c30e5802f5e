"""The users service's event publisher: events leave over HTTP after commit.

settings.EVENT_BUS names `publisher`. A change's event is handed to a
background thread once the change has committed, so the API answers at
once while the thread delivers it to each subscriber, retrying with backoff
for a bounded time. If this process stops first, or a subscriber stays down
longer, the event is lost: the dual-write problem stage 4 removes with an
outbox. See docs/02-users-service.md, "The observer over HTTP".
"""

from concurrent.futures import Executor, ThreadPoolExecutor
from functools import cache

import httpx
from django.conf import settings
from django.db import transaction

from shared.events import Event
from shared.webhooks import EventSender

# One thread per worker process: this process's events leave in the order
# its changes committed. Gunicorn runs several workers, so events from
# different processes may still arrive out of order; each event carries the
# user's version so a subscriber can tell (docs/02-users-service.md).
_delivery = ThreadPoolExecutor(max_workers=1, thread_name_prefix="events")


@cache
def _sender(
    subscribers: tuple[str, ...], transport: httpx.BaseTransport | None
) -> EventSender:
    """Return the sender for these subscribers, built from the settings."""
    return EventSender(
        subscribers=subscribers,
        secret=settings.EVENTS_SECRET,
        timeout=settings.EVENT_DELIVERY_TIMEOUT,
        retry_for=settings.EVENT_RETRY_SECONDS,
        transport=transport,
    )


class HttpPublisher:
    """Publish events to the subscribers' URLs once the transaction commits.

    Tests pass a `transport` that stands in for the network and a `delivery`
    executor of their own, to wait for; the service uses the defaults.
    """

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        delivery: Executor = _delivery,
    ) -> None:
        """Send over this transport (httpx's own if None), from this executor."""
        self._transport = transport
        self._delivery = delivery

    def publish(self, event: Event) -> None:
        """Send the event once the change that raised it is durable."""
        sender = _sender(tuple(settings.EVENT_SUBSCRIBERS), self._transport)
        transaction.on_commit(lambda: self._delivery.submit(sender.send, event))


publisher = HttpPublisher()
