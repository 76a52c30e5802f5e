"""App configuration of the users app."""

from django.apps import AppConfig


class UsersConfig(AppConfig):
    """Registers the users app."""

    name = "users"

    def ready(self) -> None:
        """Register the app's system checks and setting listeners."""
        from users import checks, events  # noqa: F401
