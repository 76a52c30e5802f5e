"""The chassis as a Django app, so its templates and OpenAPI extension are found."""

from django.apps import AppConfig


class ChassisConfig(AppConfig):
    """The HTTP plumbing every Django project of the repository shares."""

    name = "chassis"

    def ready(self) -> None:
        """Register the drf-spectacular extension by importing its module."""
        from chassis import schema  # noqa: F401
