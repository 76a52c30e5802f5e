"""The users service's outbox: each change's event, written with the change, relayed.

`outbox_record` runs inside the change's transaction, so the change and its
event commit or roll back together: no event is lost when the process dies
after the commit, and none is sent for a change that rolled back.
`outbox_relay` hands what is waiting to the broker, oldest first, and marks
it; `outbox_prune` deletes what was published long ago, except each user's
newest event, so the changes feed still holds every user's latest state.
See docs/04-celery-sync.md, "The outbox".
"""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import msgspec
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from shared.events import Change, UserChanged
from users.models import OutboxEvent, User

Send = Callable[[UserChanged], None]


def money_text(amount: Decimal | None) -> str | None:
    """Write an amount as JSON carries money: a string with two places."""
    return None if amount is None else f"{amount:.2f}"


def outbox_record(*, user: User, change: Change) -> OutboxEvent:
    """Write the event of a user's change, in the transaction that made the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("An outbox row is written in its change's transaction.")
    return OutboxEvent.objects.create(
        event_id=uuid4(),
        change=change,
        user_id=user.pk,
        user_version=user.version,
        data={
            "name": user.name,
            "email": user.email,
            "is_active": user.is_active,
            # Since stage 5: orders needs it to know when to check credit.
            "credit_limit": money_text(user.credit_limit),
        },
        created_at=timezone.now(),
    )


def outbox_event(*, row: OutboxEvent) -> UserChanged:
    """Return the event a row holds, as subscribers get it, checked as they check it."""
    fields = {
        **row.data,
        "event_id": row.event_id,
        "occurred_at": row.created_at,
        "change": row.change,
        "user_id": row.user_id,
        "user_version": row.user_version,
        "sequence": row.pk,
    }
    return msgspec.convert(fields, type=UserChanged, from_attributes=True)


def outbox_relay(*, send: Send, batch: int = 100) -> int:
    """Send every waiting event, oldest first, marking each batch sent; return how many.

    Safe to run twice, or twice at once: a batch is claimed, sent and marked
    in one transaction that holds the write lock (SQLite) or the rows' locks
    (PostgreSQL), so a second relay waits and then finds them marked, and
    each user's events leave in their order. If sending fails, or the
    process dies before the commit, the batch stays waiting and is sent
    again: subscribers may see an event twice, never miss one.
    """
    sent = 0
    # A plain read first: most nudges find the work already done, and need
    # not queue for the write lock behind the API's writes.
    while OutboxEvent.objects.filter(published_at=None).exists():
        claimed = _relay_batch(send=send, batch=batch)
        if not claimed:
            break
        sent += claimed
    return sent


@transaction.atomic
def _relay_batch(*, send: Send, batch: int) -> int:
    """Claim, send and mark up to `batch` waiting events; return how many."""
    rows = list(
        OutboxEvent.objects.select_for_update()
        .filter(published_at=None)
        .order_by("id")[:batch]
    )
    # Sent while the claim holds the lock, so two relays cannot interleave
    # a user's events. The cost: on SQLite, users' API writes wait while
    # Redis takes the batch (milliseconds; at most its socket timeout).
    for row in rows:
        send(outbox_event(row=row))
    OutboxEvent.objects.filter(pk__in=[row.pk for row in rows]).update(
        published_at=timezone.now()
    )
    return len(rows)


def outbox_prune(*, older_than: timedelta) -> int:
    """Delete events published over `older_than` ago but users' newest; count them."""
    newest = OutboxEvent.objects.values("user_id").annotate(newest=Max("id"))
    deleted, _ = (
        OutboxEvent.objects.filter(published_at__lt=timezone.now() - older_than)
        .exclude(pk__in=newest.values("newest"))
        .delete()
    )
    return deleted
