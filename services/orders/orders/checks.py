"""System checks of the orders app, run by `manage.py check` and at server start."""

from collections.abc import Sequence

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from orders.clients import users_client


@register()
def check_users_client(
    app_configs: Sequence[AppConfig] | None, **kwargs: object
) -> list[CheckMessage]:
    """Fail start-up, with the reason, when USERS_CLIENT names no usable client."""
    try:
        users_client()
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint="Set USERS_CLIENT to the dotted path of a UsersClient class.",
                id="orders.E001",
            )
        ]
    return []
