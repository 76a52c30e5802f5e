"""How orders reaches users: the `UsersClient` that `settings.USERS_CLIENT` names.

Like Django's EMAIL_BACKEND, the setting is a dotted path (to a class or a
factory), so which implementation orders gets is configuration, chosen in
one place: in-process in stage 1, over HTTP from stage 2. See
docs/01-modular-monolith.md, "Branch by abstraction".
"""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from shared.users.client import UsersClient


@cache
def load_users_client(*, path: str) -> UsersClient:
    """Call the class or factory at path; check what it returns keeps the contract."""
    try:
        client = import_string(path)()
    except ImportError as exc:
        message = f"USERS_CLIENT {path!r} cannot be imported: {exc}"
        raise ImproperlyConfigured(message) from exc
    except TypeError as exc:
        message = f"USERS_CLIENT {path!r} cannot be created without arguments: {exc}"
        raise ImproperlyConfigured(message) from exc
    if not isinstance(client, UsersClient):
        raise ImproperlyConfigured(
            f"USERS_CLIENT {path!r} does not implement shared.users.client.UsersClient "
            "(it needs user_get and user_get_many)."
        )
    return client


def users_client() -> UsersClient:
    """Return the configured `UsersClient`, one instance per setting value."""
    return load_users_client(path=settings.USERS_CLIENT)


@receiver(setting_changed)
def forget_users_client(*, setting: str, **kwargs: object) -> None:
    """Load the client afresh when a test changes how it is made."""
    if setting.startswith("USERS_"):
        load_users_client.cache_clear()
