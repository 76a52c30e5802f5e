"""App configuration of the demo app."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Registers the `seed_demo` command."""

    name = "demo"
