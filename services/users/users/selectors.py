"""Reads of the users app: every query other code makes about users."""

from collections.abc import Collection

from django.db.models import QuerySet

from users.emails import lookup_email
from users.exceptions import UserNotFound
from users.models import User


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
