"""The in-process event bus a project names in `settings.EVENT_BUS`, found one way.

Whoever publishes on the bus and whoever subscribes to it ask `event_bus()`,
so they cannot end up on two different buses, and neither imports the other
or the module that holds the bus. See docs/02-users-service.md, "The observer
over HTTP".
"""

from typing import cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from shared.events import EventBus

# What a bus must offer: its publishers call one method, its subscribers the other.
BUS_METHODS = {
    "publish": "publish(event)",
    "subscribe": "subscribe(event_type, handler)",
}


def load_event_bus(*, path: str) -> EventBus:
    """Return the bus at the dotted path, or say why it cannot be used."""
    try:
        bus = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"EVENT_BUS {path!r} cannot be imported: {exc}"
        ) from exc
    for name, signature in BUS_METHODS.items():
        if not callable(getattr(bus, name, None)):
            message = f"EVENT_BUS {path!r} has no {signature} method."
            raise ImproperlyConfigured(message)
    return cast(EventBus, bus)


def event_bus() -> EventBus:
    """Return the bus `settings.EVENT_BUS` names."""
    return load_event_bus(path=settings.EVENT_BUS)
