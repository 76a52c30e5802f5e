"""App configuration of the orders app."""

from django.apps import AppConfig


class OrdersConfig(AppConfig):
    """Registers the orders app."""

    name = "orders"

    def ready(self) -> None:
        """Register the app's system checks and setting listeners."""
        from orders import checks, clients  # noqa: F401
