"""System checks of the users app, run by `manage.py check` and at server start."""

from collections.abc import Sequence

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from shared.events import EventPublisher
from users.events import load_publisher


@register()
def check_event_bus(
    app_configs: Sequence[AppConfig] | None, **kwargs: object
) -> list[CheckMessage]:
    """Fail start-up, with the reason, when EVENT_BUS names no publisher."""
    path = settings.EVENT_BUS
    try:
        publisher = load_publisher(path=path)
    except ImportError as exc:
        reason = f"cannot be imported: {exc}"
    else:
        if isinstance(publisher, EventPublisher):
            return []
        reason = "has no publish(event) method"
    return [
        Error(
            f"EVENT_BUS {path!r} {reason}.",
            hint="Set EVENT_BUS to the dotted path of an object with publish(event).",
            id="users.E001",
        )
    ]
