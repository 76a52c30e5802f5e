"""App configuration of the orders app."""

from typing import cast

from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from shared.events import EventBus, UserDeactivated


class OrdersConfig(AppConfig):
    """Registers the orders app."""

    name = "orders"

    def ready(self) -> None:
        """Register checks and setting listeners; subscribe to other apps' events."""
        from orders import checks, clients  # noqa: F401
        from orders.handlers import on_user_deactivated

        subscribe_to(settings.EVENT_BUS).subscribe(UserDeactivated, on_user_deactivated)


def subscribe_to(path: str) -> EventBus:
    """Return the bus at path, or stop start-up saying why it cannot be used."""
    try:
        bus = import_string(path)
    except ImportError as exc:
        message = f"EVENT_BUS {path!r} cannot be imported: {exc}"
        raise ImproperlyConfigured(message) from exc
    if not callable(getattr(bus, "subscribe", None)):
        message = f"EVENT_BUS {path!r} has no subscribe(event_type, handler) method."
        raise ImproperlyConfigured(message)
    return cast(EventBus, bus)
