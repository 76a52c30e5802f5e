"""Reads of the users app: every query other code makes about users."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet

from users.emails import lookup_email
from users.exceptions import UserNotFound
from users.models import HOLDING_STATES, CreditReservation, OutboxEvent, User


def user_list(
    *,
    ids: Collection[int] | None = None,
    email: str | None = None,
    is_active: bool | None = None,
) -> QuerySet[User]:
    """Return users in id order, filtered by ids, email (any case) and status."""
    users = User.objects.all()
    if ids is not None:
        users = users.filter(pk__in=ids)
    if email is not None:
        users = users.filter(email__iexact=lookup_email(email))
    if is_active is not None:
        users = users.filter(is_active=is_active)
    return users


def user_get(*, user_id: int) -> User:
    """Return one user or raise `UserNotFound`."""
    try:
        return User.objects.get(pk=user_id)
    except User.DoesNotExist as exc:
        raise UserNotFound(user_id=user_id) from exc


def user_email_taken(*, email: str, exclude_id: int | None = None) -> bool:
    """Tell whether another user already has this email, in any case."""
    users = User.objects.filter(email__iexact=lookup_email(email))
    if exclude_id is not None:
        users = users.exclude(pk=exclude_id)
    return users.exists()


def outbox_after(*, after: int, limit: int) -> list[OutboxEvent]:
    """Return up to `limit` outbox rows whose sequence is above `after`, in order."""
    return list(OutboxEvent.objects.filter(pk__gt=after).order_by("id")[:limit])


def outbox_head() -> int:
    """Return the newest sequence in the outbox, 0 if it holds nothing."""
    newest = OutboxEvent.objects.order_by("-id").values_list("id", flat=True).first()
    return newest or 0


@dataclass(frozen=True, kw_only=True)
class OutboxStatus:
    """How far the relay is behind: what waits, since when, and the newest sequence."""

    waiting: int
    oldest_waiting_at: datetime | None
    head: int


def outbox_status() -> OutboxStatus:
    """Return what the outbox holds that the relay has not yet published."""
    waiting = OutboxEvent.objects.filter(published_at=None)
    oldest = waiting.order_by("id").values_list("created_at", flat=True).first()
    return OutboxStatus(
        waiting=waiting.count(), oldest_waiting_at=oldest, head=outbox_head()
    )


def credit_reserved(*, user_id: int) -> Decimal:
    """Return the credit a user's held and confirmed reservations hold together.

    Summed in Python, not SQL: SQLite sums decimals as binary floats.
    """
    amounts = CreditReservation.objects.filter(
        user_id=user_id, state__in=HOLDING_STATES
    ).values_list("amount", flat=True)
    return sum(amounts, Decimal("0.00"))


@dataclass(frozen=True, kw_only=True)
class Credit:
    """A user's credit: the limit, what reservations hold, and what is left."""

    user_id: int
    credit_limit: Decimal | None
    reserved: Decimal
    available: Decimal | None


def user_credit(*, user_id: int) -> Credit:
    """Return a user's credit, or raise `UserNotFound`."""
    user = user_get(user_id=user_id)
    reserved = credit_reserved(user_id=user_id)
    available = None if user.credit_limit is None else user.credit_limit - reserved
    return Credit(
        user_id=user_id,
        credit_limit=user.credit_limit,
        reserved=reserved,
        available=available,
    )
