"""App configuration of the users app."""

from django.apps import AppConfig


class UsersConfig(AppConfig):
    """Registers the users app."""

    name = "users"
