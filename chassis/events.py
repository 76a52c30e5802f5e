"""Where a project's events go: the object `settings.EVENT_BUS` names, found one way.

A publisher asks `event_publisher()` (the users service publishes through it),
and where events are also subscribed to in-process, publisher and subscriber
both ask `event_bus()` (the monolith's receiver and orders), so they cannot
end up on two different buses, and neither imports the other or the module
that holds the bus. See docs/02-users-service.md, "The observer over HTTP".
"""

from collections.abc import Mapping
from typing import cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from shared.events import EventBus, EventPublisher

# What each kind of object must offer: the method and how it is called.
PUBLISHER_METHODS = {"publish": "publish(event)"}
BUS_METHODS = {**PUBLISHER_METHODS, "subscribe": "subscribe(event_type, handler)"}


def _load(*, path: str, methods: Mapping[str, str]) -> object:
    """Return the object at the dotted path, or say why it cannot be used."""
    try:
        found = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"EVENT_BUS {path!r} cannot be imported: {exc}"
        ) from exc
    for name, signature in methods.items():
        if not callable(getattr(found, name, None)):
            message = f"EVENT_BUS {path!r} has no {signature} method."
            raise ImproperlyConfigured(message)
    return found


def load_event_publisher(*, path: str) -> EventPublisher:
    """Return the publisher at the dotted path, or say why it cannot be used."""
    return cast(EventPublisher, _load(path=path, methods=PUBLISHER_METHODS))


def load_event_bus(*, path: str) -> EventBus:
    """Return the bus at the dotted path, or say why it cannot be used."""
    return cast(EventBus, _load(path=path, methods=BUS_METHODS))


def event_publisher() -> EventPublisher:
    """Return the publisher `settings.EVENT_BUS` names."""
    return load_event_publisher(path=settings.EVENT_BUS)


def event_bus() -> EventBus:
    """Return the bus `settings.EVENT_BUS` names."""
    return load_event_bus(path=settings.EVENT_BUS)
