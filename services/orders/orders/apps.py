"""App configuration of the orders app."""

from django.apps import AppConfig

from chassis.events import event_bus
from shared.events import UserDeactivated


class OrdersConfig(AppConfig):
    """Registers the orders app."""

    name = "orders"

    def ready(self) -> None:
        """Register checks and setting listeners; subscribe to users' events."""
        from orders import checks, clients  # noqa: F401
        from orders.handlers import on_user_deactivated

        event_bus().subscribe(UserDeactivated, on_user_deactivated)
