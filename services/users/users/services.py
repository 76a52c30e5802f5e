"""Writes of the users app: creating, changing and deactivating users."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shared.events import UserDeactivated
from users.emails import canonical_email
from users.events import publish
from users.exceptions import UserEmailTaken, UserInvalid, UserNotFound
from users.models import User
from users.selectors import user_email_taken


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


def _user_for_update(*, user_id: int) -> User:
    """Load a user and lock the row until the transaction ends."""
    try:
        return User.objects.select_for_update().get(pk=user_id)
    except User.DoesNotExist as exc:
        raise UserNotFound(user_id=user_id) from exc


def user_create(*, name: str, email: str) -> User:
    """Create an active user at version 1; the name is trimmed as the API trims it."""
    user = User(name=name.strip(), email=canonical_email(email))
    _validate(user=user)
    with _email_must_be_free(email=user.email):
        user.save()
    return user


@transaction.atomic
def user_update(
    *, user_id: int, name: str | None = None, email: str | None = None
) -> User:
    """Change a user's name and/or email; the version goes up if anything changed."""
    user = _user_for_update(user_id=user_id)
    changes = {
        field: value
        for field, value in (
            ("name", None if name is None else name.strip()),
            ("email", None if email is None else canonical_email(email)),
        )
        if value is not None and getattr(user, field) != value
    }
    if not changes:
        return user
    for field, value in changes.items():
        setattr(user, field, value)
    _validate(user=user)
    user.version += 1
    with _email_must_be_free(email=user.email, user_id=user.pk):
        user.save(update_fields=[*changes, "version", "updated_at"])
    return user


@transaction.atomic
def user_deactivate(*, user_id: int) -> User:
    """Deactivate a user and publish `UserDeactivated`.

    Deactivating an inactive user changes nothing but publishes the event
    again, at the same version: subscribers ignore a repeat, and one that
    missed the first delivery catches up. When the event's handlers run
    depends on the EVENT_BUS setting: inside this transaction on the
    in-process bus, after commit and over HTTP in the users service (stage 2).
    See docs/02-users-service.md, "What is lost: the dual write".
    """
    user = _user_for_update(user_id=user_id)
    if user.is_active:
        user.is_active = False
        user.version += 1
        user.save(update_fields=["is_active", "version", "updated_at"])
    # The observer: users says what happened, not what others should do. On
    # the in-process bus a handler that fails rolls the deactivation back
    # (docs/01-modular-monolith.md); over HTTP it cannot, as the deactivation
    # has committed before the event leaves (docs/02-users-service.md).
    publish(UserDeactivated(user_id=user.pk, user_version=user.version))
    return user
