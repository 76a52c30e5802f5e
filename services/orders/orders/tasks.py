"""Celery tasks of the orders app: users' events, reconciling, the credit saga.

Thin on purpose: the logic is in orders/sync.py, orders/reconcile.py and
orders/saga.py, tested without Celery. The orders worker takes users'
events from its own queue, bound to users' exchange (config/settings.py),
and everything else from the `orders` queue: the saga's steps, and what
beat's clock sends (chassis/clock.py).
"""

from celery import Task, shared_task
from django.conf import settings
from django.db import OperationalError

from chassis.idempotency.keys import idempotency_keys_prune
from orders.clients import changes_feed, credit_client, lookup_client
from orders.reconcile import replica_reconcile
from orders.saga import RUN_TASK, saga_run
from orders.saga_sweep import saga_resume_stalled
from orders.sync import Fetch, dead_letter_record, user_changed_receive
from shared.events import USER_CHANGED_TASK
from shared.users.client import UsersServiceUnavailable

# How often an event that met a failure that may pass (the users service
# away in notification-then-fetch, a locked database) is tried again, with
# a growing wait, before it becomes a dead letter.
RETRIES = 5


def fetch_for_events() -> Fetch | None:
    """Return how to ask users for a user, in notification-then-fetch; else None."""
    if settings.USER_EVENTS != "notify":
        return None
    client = lookup_client()
    return lambda user_id: client.user_get(user_id=user_id)


# The name is the contract's (shared/events.py): users sends its events
# under it, and every subscriber registers its own task by that name.
@shared_task(name=USER_CHANGED_TASK, bind=True, max_retries=RETRIES)
def apply_user_changed(self: Task, event: object) -> str:
    """Apply one of users' events to the replica; idempotent by its version check.

    A second delivery, or one older than the row, changes nothing
    (orders/sync.py: customer_apply).
    """
    try:
        return user_changed_receive(message=event, fetch=fetch_for_events())
    except (UsersServiceUnavailable, OperationalError) as exc:
        if self.request.retries >= RETRIES:
            reason = f"gave up after {RETRIES + 1} tries: {exc}"
            dead_letter_record(message=event, reason=reason)
            return "dead-lettered"
        raise self.retry(exc=exc, countdown=min(2**self.request.retries, 30)) from exc


@shared_task(name="orders.reconcile_users")
def reconcile_users() -> int:
    """Repair the replica from users' changes feed; idempotent (compare-and-set).

    Returns how many customers it repaired. If the users service is away the
    run fails and the next period tries again.
    """
    reconciled = replica_reconcile(
        feed=changes_feed(), page_size=settings.RECONCILE_PAGE_SIZE
    )
    return len(reconciled.repaired)


@shared_task(name="orders.prune_idempotency_keys")
def prune_idempotency_keys() -> int:
    """Delete expired idempotency keys; idempotent by nature."""
    return idempotency_keys_prune()


@shared_task(name=RUN_TASK, bind=True, max_retries=None)
def run_credit_saga(self: Task, order_id: int) -> None:
    """Run the order's credit saga's current step; safe to run twice.

    The users service answers a repeated step with the reservation as it
    stands, and the saga records a result only while still on that step
    (a compare-and-set). The saga counts its own tries, so Celery's retry
    count is not the limit (orders/saga.py).
    """
    retry = saga_run(order_id=order_id, credit=credit_client())
    if retry is not None:
        raise self.retry(countdown=retry.seconds)


@shared_task(name="orders.resume_credit_sagas")
def resume_credit_sagas() -> int:
    """Send again the saga steps gone quiet (a lost message); safe to run twice."""
    return saga_resume_stalled(quiet_for=settings.CREDIT_SAGA_QUIET_SECONDS)
