"""App configuration of the orders app."""

from django.apps import AppConfig
from django.conf import settings
from django.utils.module_loading import import_string

from shared.events import UserDeactivated


class OrdersConfig(AppConfig):
    """Registers the orders app."""

    name = "orders"

    def ready(self) -> None:
        """Register checks and setting listeners; subscribe to other apps' events."""
        from orders import checks, clients  # noqa: F401
        from orders.handlers import on_user_deactivated

        bus = import_string(settings.EVENT_BUS)
        bus.subscribe(UserDeactivated, on_user_deactivated)
