"""Celery tasks of the users app: relaying the outbox, pruning it and old keys.

Thin on purpose: the logic is in users/outbox.py, tested without Celery.
The users worker runs these from the `users` queue; beat sweeps with them
(chassis/clock.py), and each commit nudges the relay (`relay_soon`).
"""

import logging
from datetime import timedelta

from celery import Task, shared_task
from django.conf import settings
from kombu import Exchange
from kombu.exceptions import OperationalError

from chassis.idempotency.keys import idempotency_keys_prune
from shared.events import (
    USER_CHANGED_TASK,
    USERS_EXCHANGE,
    USERS_EXCHANGE_TYPE,
    UserChanged,
    event_to_json,
)
from users.outbox import outbox_prune, outbox_relay

logger = logging.getLogger(__name__)

# A direct exchange: Redis keeps which queue is bound to it with which key,
# and each queue bound with an event's key gets its own copy. Not a topic
# exchange (one binding, `user.#`): Redis's transport puts back a message a
# dead worker held through its exchange, and a process that has not declared
# the exchange, such as a worker at its start, takes it for a direct one,
# finds no queue bound with the message's own key, and drops the message.
# See docs/04-celery-sync.md, "The observer".
USERS_EVENTS = Exchange(USERS_EXCHANGE, type=USERS_EXCHANGE_TYPE)


@shared_task(name="users.relay_outbox", bind=True)
def relay_outbox(self: Task) -> int:
    """Publish the outbox's waiting events, oldest first; return how many.

    Idempotent by its claim: a run finds only what no run has marked sent,
    and a second run at once waits for the first (users/outbox.py).
    """

    def send(event: UserChanged) -> None:
        self.app.send_task(
            USER_CHANGED_TASK,
            kwargs={"event": event_to_json(event)},
            exchange=USERS_EXCHANGE,
            routing_key=event.routing_key,
            declare=[USERS_EVENTS],
        )

    return outbox_relay(send=send, batch=settings.OUTBOX_BATCH)


@shared_task(name="users.prune_outbox")
def prune_outbox() -> int:
    """Delete long-published events but each user's newest; idempotent by nature."""
    retention = timedelta(seconds=settings.OUTBOX_RETENTION_SECONDS)
    return outbox_prune(older_than=retention)


@shared_task(name="users.prune_idempotency_keys")
def prune_idempotency_keys() -> int:
    """Delete expired idempotency keys; idempotent by nature."""
    return idempotency_keys_prune()


def relay_soon() -> None:
    """Ask a worker to run the relay now; if Redis is away, beat's sweep will.

    Runs after the change has committed, inside the request: a failure here
    must not turn a saved change into an error answer, so it is logged.
    """
    try:
        relay_outbox.apply_async(retry=False)
    except OperationalError as exc:
        logger.warning("The outbox relay was not nudged (%s); the sweep will.", exc)
