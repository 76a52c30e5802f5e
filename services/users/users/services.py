"""Writes of the users app: creating, changing and deactivating users.

Every change writes its event to the outbox in the change's own transaction
and, once it commits, nudges the relay. See docs/04-celery-sync.md, "The
outbox".
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from enum import Enum

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from chassis.conditional import EntityTags, etag_of
from shared.events import Change
from users.emails import canonical_email
from users.exceptions import (
    UserCreditBelowReserved,
    UserEmailTaken,
    UserInvalid,
    UserNotFound,
    UserVersionMismatch,
)
from users.models import User
from users.outbox import outbox_record
from users.selectors import credit_reserved, user_email_taken
from users.tasks import relay_soon


class Keep(Enum):
    """What a partial update passes for a field it leaves as it is."""

    KEEP = "keep"


@contextmanager
def _email_must_be_free(*, email: str, user_id: int | None = None) -> Iterator[None]:
    """Report a clash on the case-insensitive email constraint as `UserEmailTaken`.

    The database constraint, not a check before the write, is what stops two
    parallel requests from taking the same email.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        if user_email_taken(email=email, exclude_id=user_id):
            raise UserEmailTaken(email=email) from None
        raise


def _validate(*, user: User) -> None:
    """Apply every rule the User model keeps, as the API does, or raise `UserInvalid`.

    The API's serializers check input first, but event handlers, commands and
    (later) Celery consumers call these services directly. The unique email is
    left to the database constraint, which alone holds under parallel writes.
    """
    try:
        user.full_clean(validate_constraints=False)
    except ValidationError as exc:
        raise UserInvalid(errors=exc.message_dict) from None


def _announce(*, user: User, change: Change) -> None:
    """Record the change's event in the outbox; nudge the relay once it commits."""
    outbox_record(user=user, change=change)
    transaction.on_commit(relay_soon)


def _user_for_update(*, user_id: int, if_match: EntityTags | None) -> User:
    """Load a user and lock the row until the transaction ends; check If-Match.

    The tag is compared once the row is locked, so no other write can come
    between the check and this one: together they are one atomic step, and
    of two clients sending the same tag only the first succeeds. See
    docs/05-consistency.md, "Versions in the API".
    """
    try:
        user = User.objects.select_for_update().get(pk=user_id)
    except User.DoesNotExist as exc:
        raise UserNotFound(user_id=user_id) from exc
    etag = etag_of(user.version)
    if if_match is not None and not if_match.match_strong(etag):
        raise UserVersionMismatch(
            user_id=user_id, version=user.version, weak=if_match.match_weak(etag)
        )
    return user


@transaction.atomic
def user_create(
    *,
    name: str,
    email: str,
    credit_limit: Decimal | None = None,
    record: Callable[[User], None] | None = None,
) -> User:
    """Create an active user at version 1; the name is trimmed as the API trims it.

    Without a credit limit, orders are placed for them without a credit check.

    `record`, when given, is called with the new user inside the transaction:
    the API stores its idempotency key's answer there, so the key and the
    user commit together (chassis/idempotency).
    """
    user = User(
        name=name.strip(), email=canonical_email(email), credit_limit=credit_limit
    )
    _validate(user=user)
    with _email_must_be_free(email=user.email):
        user.save()
    _announce(user=user, change="created")
    if record is not None:
        record(user)
    return user


@transaction.atomic
def user_update(
    *,
    user_id: int,
    name: str | None = None,
    email: str | None = None,
    credit_limit: Decimal | Keep | None = Keep.KEEP,
    if_match: EntityTags | None = None,
) -> User:
    """Change a user's name, email and/or credit limit; the version goes up if any did.

    A credit limit of None removes the limit; it may not go below what the
    user's reservations hold (`UserCreditBelowReserved`). With `if_match`,
    the change is made only if the user's current tag is among those
    named, else `UserVersionMismatch` is raised.
    """
    user = _user_for_update(user_id=user_id, if_match=if_match)
    changes: dict[str, object] = {
        field: value
        for field, value in (
            ("name", None if name is None else name.strip()),
            ("email", None if email is None else canonical_email(email)),
        )
        if value is not None and getattr(user, field) != value
    }
    if credit_limit is not Keep.KEEP and credit_limit != user.credit_limit:
        _limit_must_cover_reserved(user=user, credit_limit=credit_limit)
        changes["credit_limit"] = credit_limit
    if not changes:
        return user
    for field, value in changes.items():
        setattr(user, field, value)
    _validate(user=user)
    user.version += 1
    with _email_must_be_free(email=user.email, user_id=user.pk):
        user.save(update_fields=[*changes, "version", "updated_at"])
    _announce(user=user, change="updated")
    return user


def _limit_must_cover_reserved(*, user: User, credit_limit: Decimal | None) -> None:
    """Refuse a limit below what the user's reservations hold; the row is locked.

    A reservation locks the same row, so none can slip in between.
    """
    if credit_limit is None:
        return
    reserved = credit_reserved(user_id=user.pk)
    if credit_limit < reserved:
        raise UserCreditBelowReserved(user_id=user.pk, reserved=reserved)


@transaction.atomic
def user_deactivate(*, user_id: int, if_match: EntityTags | None = None) -> User:
    """Deactivate a user; deactivating an inactive user changes nothing.

    Subscribers hear of it through the outbox: orders cancels the user's
    pending orders when the event reaches it. See docs/04-celery-sync.md.
    With `if_match`, as in `user_update`.
    """
    user = _user_for_update(user_id=user_id, if_match=if_match)
    if user.is_active:
        user.is_active = False
        user.version += 1
        user.save(update_fields=["is_active", "version", "updated_at"])
        _announce(user=user, change="deactivated")
    return user
