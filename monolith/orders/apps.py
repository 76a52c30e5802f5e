"""App configuration of the orders app."""

from django.apps import AppConfig


class OrdersConfig(AppConfig):
    """Registers the orders app."""

    name = "orders"
