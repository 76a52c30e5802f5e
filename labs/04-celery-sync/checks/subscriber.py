"""The checker as a new subscriber of users' events: a queue of its own, bound in Redis.

Subscribing is the subscriber's configuration alone. While the tree runs,
the checker declares a queue of its own in the tree's Redis, bound to the
direct exchange `users.events` with each key `user.<change>`, as orders
binds its queue (kombu, Celery's messaging library, keeps the binding in Redis).
From then on, what the users service publishes reaches that queue too, and
waits there, since nothing consumes it, until the checker reads it. The
message's form is the README's contract: a Celery task message named
`users.user_changed` whose keyword argument `event` holds at least the
user's id and its version after the change.
"""

import time
from collections import Counter
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import httpx
import msgspec
from kombu import Connection, Exchange, Queue, binding

from tools.labkit import CheckFailed, LabTree
from tools.labproxy import LinkProxy
from tools.labstack import lab_redis, new_ports

from .calls import create_user, place_order, rename, warm_up
from .shop import Shop, procfile_lines

EXCHANGE = Exchange("users.events", type="direct")
KEYS = ("user.created", "user.updated", "user.deactivated")
TASK = "users.user_changed"
QUEUE = "lab-4.checker"
POLL_SECONDS = 0.1
# How long after a change its event may take to reach a subscriber's queue.
DELIVERY_SECONDS = 10.0


def a_new_subscriber_receives_changes(tree: LabTree) -> None:
    """A queue the checker binds gets each change's event; users calls nobody."""
    procfile_lines(tree)
    ports = new_ports()
    with (
        lab_redis(tree, name="subscriber") as redis_url,
        LinkProxy(upstream=ports.orders_url) as link,
        Shop(
            tree,
            name="subscriber",
            redis_url=redis_url,
            ports=ports,
            users_see_orders_at=link.port,
        ) as shop,
    ):
        user_id = create_user(shop.edge, email="subscriber@example.com")
        order_id = place_order(shop.edge, user_id=user_id)
        warm_up(shop.edge, user_id=user_id, order_id=order_id, why=shop.ended)
        with Subscriber(redis_url) as subscriber:
            changes = [
                ("renamed", rename(shop.edge, user_id=user_id, name="Lab Subscriber")),
                ("deactivated", _deactivate(shop.edge, user_id=user_id)),
            ]
            for change, version in changes:
                took = subscriber.wait_for(
                    user_id=user_id, version=version, within=DELIVERY_SECONDS
                )
                if took is None:
                    raise CheckFailed(_not_received(subscriber, change, shop.ended()))
    if link.calls:
        sent = Counter(link.requests)
        raise CheckFailed(
            f"users' processes sent {link.calls} requests to the ORDERS_PORT they "
            "were given, a proxy of the checker's in front of orders: "
            + ", ".join(f"{count} x {request}" for request, count in sent.items())
        )


def _deactivate(edge: str, *, user_id: int) -> int:
    """Deactivate a user through the edge; return the user's new version."""
    url = f"{edge}/api/users/{user_id}/deactivate/"
    answer = httpx.post(url, timeout=30)
    if answer.status_code != httpx.codes.OK:
        raise CheckFailed(f"POST {url} answered {answer.status_code}: {answer.text}")
    version: int = answer.json()["version"]
    return version


def _not_received(subscriber: "Subscriber", change: str, ended: str) -> str:
    """Say what the checker's queue got instead of the change's event."""
    got = len(subscriber.received)
    return "\n".join(
        [
            f"the user was {change}, but no event with its id and new version "
            f"reached the checker's queue (bound to users.events with user.<change>) "
            f"within {DELIVERY_SECONDS:g} s; it got {got} messages",
            *subscriber.problems()[-3:],
            ended,
        ]
    )


class EventSeen(msgspec.Struct):
    """What the checker reads of an event; the rest is the tree's to choose."""

    user_id: int
    user_version: int


@dataclass(frozen=True)
class Delivery:
    """One message the checker's queue received: its event, or what was wrong."""

    event: EventSeen | None
    problem: str = ""


class Subscriber:
    """A queue of the checker's, bound to users' exchange in the tree's Redis."""

    def __init__(self, redis_url: str) -> None:
        self._connection = Connection(redis_url, connect_timeout=5)
        self._queue = Queue(
            QUEUE,
            EXCHANGE,
            routing_key=KEYS[0],
            bindings=[binding(EXCHANGE, routing_key=key) for key in KEYS],
        )
        self.received: list[Delivery] = []

    def __enter__(self) -> Self:
        """Declare the queue and its binding: from now on, events reach it."""
        self._queue = self._queue.bind(self._connection.default_channel)
        self._queue.declare()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Close the connection; the queue goes with the checker's Redis."""
        self._connection.release()

    def wait_for(self, *, user_id: int, version: int, within: float) -> float | None:
        """Read messages until one tells of the user at the version; return when.

        None when none came within the given seconds.
        """
        began = time.monotonic()
        while time.monotonic() - began < within:
            message = self._queue.get(no_ack=True, accept=["json"])
            if message is None:
                time.sleep(POLL_SECONDS)
                continue
            delivery = read(message.headers.get("task"), message.decode())
            self.received.append(delivery)
            event = delivery.event
            if event and (event.user_id, event.user_version) == (user_id, version):
                return time.monotonic() - began
        return None

    def problems(self) -> list[str]:
        """Say what was wrong with the messages that could not be read."""
        return [delivery.problem for delivery in self.received if delivery.problem]


def read(task: object, body: object) -> Delivery:
    """Read one Celery task message: its name and its `event` keyword argument.

    Celery's protocol 2 (its default) names the task in a header and sends
    `[args, kwargs, embed]`; protocol 1 sends a dict with `task` and `kwargs`.
    """
    if isinstance(body, dict):
        task, kwargs = body.get("task"), body.get("kwargs")
    elif isinstance(body, list) and len(body) == 3:
        kwargs = body[1]
    else:
        return Delivery(None, f"a message that is not a Celery task: {body!r:.200}")
    if task != TASK:
        return Delivery(None, f"a task message named {task!r}, not {TASK!r}")
    event = kwargs.get("event") if isinstance(kwargs, dict) else None
    try:
        return Delivery(msgspec.convert(event, type=EventSeen))
    except msgspec.ValidationError as error:
        return Delivery(None, f"{TASK}'s `event` ({event!r:.200}): {error}")
