"""How orders reaches users: the clients its settings name, as dotted paths.

Like Django's EMAIL_BACKEND, each setting is a dotted path (to a class or a
factory), so which implementation orders gets is configuration, chosen in
one place. USERS_CLIENT is what orders reads users through: in-process in
stage 1, over HTTP in stages 2 and 3, the local replica since stage 4.
USERS_LOOKUP_CLIENT is who the replica asks about a user it has never heard
of, USERS_FEED where reconciliation reads users' changes, and CREDIT_CLIENT
where the credit saga sends its steps (since stage 5). See
docs/01-modular-monolith.md, "Branch by abstraction".
"""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from shared.users.client import UsersClient
from shared.users.credit import CreditClient
from shared.users.feed import ChangesFeed


def _made(*, path: str, setting: str) -> object:
    """Import the class or factory at path and call it, or say why it cannot be."""
    try:
        return import_string(path)()
    except ImportError as exc:
        message = f"{setting} {path!r} cannot be imported: {exc}"
        raise ImproperlyConfigured(message) from exc
    except TypeError as exc:
        message = f"{setting} {path!r} cannot be created without arguments: {exc}"
        raise ImproperlyConfigured(message) from exc


@cache
def load_users_client(*, path: str, setting: str = "USERS_CLIENT") -> UsersClient:
    """Call the class or factory at path; check what it returns keeps the contract."""
    client = _made(path=path, setting=setting)
    if not isinstance(client, UsersClient):
        raise ImproperlyConfigured(
            f"{setting} {path!r} does not implement shared.users.client.UsersClient "
            "(it needs user_get and user_get_many)."
        )
    return client


@cache
def load_changes_feed(*, path: str) -> ChangesFeed:
    """Call the class or factory at path; check it reads a changes feed."""
    feed = _made(path=path, setting="USERS_FEED")
    if not isinstance(feed, ChangesFeed):
        message = f"USERS_FEED {path!r} has no changes_after(after=, limit=) method."
        raise ImproperlyConfigured(message)
    return feed


@cache
def load_credit_client(*, path: str) -> CreditClient:
    """Call the class or factory at path; check it sends the saga's credit steps."""
    client = _made(path=path, setting="CREDIT_CLIENT")
    if not isinstance(client, CreditClient):
        message = f"CREDIT_CLIENT {path!r} has no reserve() and advance() methods."
        raise ImproperlyConfigured(message)
    return client


def users_client() -> UsersClient:
    """Return the configured `UsersClient`, one instance per setting value."""
    return load_users_client(path=settings.USERS_CLIENT)


def lookup_client() -> UsersClient:
    """Return the client that asks the users service itself (USERS_LOOKUP_CLIENT)."""
    return load_users_client(
        path=settings.USERS_LOOKUP_CLIENT, setting="USERS_LOOKUP_CLIENT"
    )


def changes_feed() -> ChangesFeed:
    """Return where reconciliation reads users' changes (USERS_FEED)."""
    return load_changes_feed(path=settings.USERS_FEED)


def credit_client() -> CreditClient:
    """Return where the credit saga sends its steps (CREDIT_CLIENT)."""
    return load_credit_client(path=settings.CREDIT_CLIENT)


@receiver(setting_changed)
def forget_users_clients(*, setting: str, **kwargs: object) -> None:
    """Load the clients afresh when a test changes how they are made."""
    if setting.startswith("USERS_") or setting == "CREDIT_CLIENT":
        load_users_client.cache_clear()
        load_changes_feed.cache_clear()
        load_credit_client.cache_clear()
