"""Applying users' changes to the replica: a version compare-and-set, and dead letters.

Every way a user reaches orders ends in `customer_apply`: an event pushed
through Celery, a change pulled from the feed by reconciliation, a user
looked up because orders had never heard of them. It stores the user only
if newer than the row, so a repeated, late or out-of-order delivery changes
nothing, in any order, on any number of workers. A message that cannot be
read or applied is set aside as a dead letter, so those behind it go on.
See docs/04-celery-sync.md, "The replica" and "Dead letters".
"""

import logging
from collections.abc import Callable
from typing import Literal

from django.db import IntegrityError, transaction
from django.utils import timezone

from orders.models import Customer, DeadLetter
from orders.services import order_cancel_pending
from shared.events import EventMalformed, UserChanged, event_from_json
from shared.users.client import UserNotFound, UserSnapshot

logger = logging.getLogger(__name__)

# Notification-then-fetch: given a user id, ask the users service for the user.
Fetch = Callable[[int], UserSnapshot]
Outcome = Literal["applied", "stale", "dead-lettered"]


def customer_apply(*, user: UserSnapshot) -> bool:
    """Store the user if newer than the replica's row; return whether it changed.

    Deactivating cancels the user's pending orders in the same transaction,
    each once: a second delivery finds the row as new and does nothing.
    """
    with transaction.atomic():
        changed = _newer_stored(user=user) or _first_stored(user=user)
        if changed and not user.is_active:
            _cancel_pending(user_id=user.id)
    return changed


def _cancel_pending(*, user_id: int) -> None:
    """Cancel an inactive user's pending orders; log how many, if any."""
    if cancelled := order_cancel_pending(user_id=user_id):
        logger.info("User %s is inactive: %s orders cancelled", user_id, cancelled)


def _newer_stored(*, user: UserSnapshot) -> bool:
    """Update the row only where its version is older: the compare-and-set."""
    return bool(
        Customer.objects.filter(user_id=user.id, version__lt=user.version).update(
            name=user.name,
            email=user.email,
            is_active=user.is_active,
            credit_limit=user.credit_limit,
            version=user.version,
            synced_at=timezone.now(),
        )
    )


def _first_stored(*, user: UserSnapshot) -> bool:
    """Insert the row if there is none; False if there is one (as new, or newer)."""
    if Customer.objects.filter(user_id=user.id).exists():
        return False
    try:
        with transaction.atomic():
            Customer.objects.create(
                user_id=user.id,
                name=user.name,
                email=user.email,
                is_active=user.is_active,
                credit_limit=user.credit_limit,
                version=user.version,
            )
    except IntegrityError:
        # Another worker inserted the user first; theirs may be older.
        return _newer_stored(user=user)
    return True


def user_snapshot(event: UserChanged) -> UserSnapshot:
    """Return the user as the event carries them (event-carried state)."""
    return UserSnapshot(
        id=event.user_id,
        name=event.name,
        email=event.email,
        is_active=event.is_active,
        version=event.user_version,
        credit_limit=event.credit_limit,
    )


class Unappliable(Exception):
    """A message that no retry will apply: unreadable, or about an unknown user."""


def _applied(*, message: object, fetch: Fetch | None) -> Outcome:
    """Read and apply one message, or raise `Unappliable` saying why not."""
    try:
        event = event_from_json(message, event_types=[UserChanged])
    except EventMalformed as exc:
        raise Unappliable(f"not a UserChanged event: {exc}") from None
    if not isinstance(event, UserChanged):
        raise Unappliable(f"not a UserChanged event: {type(event).__name__}")
    try:
        user = user_snapshot(event) if fetch is None else fetch(event.user_id)
    except UserNotFound as exc:
        raise Unappliable(str(exc)) from None
    return "applied" if customer_apply(user=user) else "stale"


def user_changed_receive(*, message: object, fetch: Fetch | None = None) -> Outcome:
    """Apply one message from users: the user it carries, or, given `fetch`, asked for.

    A message no retry will apply becomes a dead letter. Failures that may
    pass (the users service away) are raised, for the task to retry later.
    """
    try:
        return _applied(message=message, fetch=fetch)
    except Unappliable as exc:
        dead_letter_record(message=message, reason=str(exc))
        return "dead-lettered"


def dead_letter_replay(*, letter_id: int, fetch: Fetch | None = None) -> Outcome:
    """Apply a dead letter again: mark it replayed, or keep it with the new reason.

    Raises `DeadLetter.DoesNotExist` for an id with no dead letter waiting.
    """
    letter = DeadLetter.objects.get(pk=letter_id, replayed_at=None)
    try:
        outcome = _applied(message=letter.message, fetch=fetch)
    except Unappliable as exc:
        DeadLetter.objects.filter(pk=letter.pk).update(reason=str(exc))
        return "dead-lettered"
    DeadLetter.objects.filter(pk=letter.pk).update(replayed_at=timezone.now())
    return outcome


def dead_letter_record(*, message: object, reason: str) -> DeadLetter:
    """Set aside a message that retries could not apply, with the reason."""
    letter = DeadLetter.objects.create(message=message, reason=reason)
    logger.warning("Dead letter %s: %s", letter.pk, reason)
    return letter
