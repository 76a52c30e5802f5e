"""System checks of the users app, run by `manage.py check` and at server start."""

from collections.abc import Sequence

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from chassis.events import load_event_publisher


@register()
def check_event_bus(
    app_configs: Sequence[AppConfig] | None, **kwargs: object
) -> list[CheckMessage]:
    """Fail start-up, with the reason, when EVENT_BUS names no publisher."""
    try:
        load_event_publisher(path=settings.EVENT_BUS)
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint="Set EVENT_BUS to the dotted path of an object with publish().",
                id="users.E001",
            )
        ]
    return []
