"""The api package as a Django app, so its OpenAPI extension is registered once."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """HTTP plumbing shared by the apps: parser, fields, errors, schema."""

    name = "api"

    def ready(self) -> None:
        """Register the drf-spectacular extension by importing its module."""
        from api import schema  # noqa: F401
