"""How users announces what happened: to the publisher `settings.EVENT_BUS` names.

The services call `publish` and never learn who listens or how the event
travels: in-process in stage 1, over HTTP in stage 2, through an outbox and
Celery in stage 4. See docs/01-modular-monolith.md, "The observer".
"""

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from shared.events import Event, EventPublisher


@cache
def load_publisher(*, path: str) -> EventPublisher:
    """Return the publisher object at the dotted path."""
    publisher: EventPublisher = import_string(path)
    return publisher


def publish(event: Event) -> None:
    """Hand the event to the configured publisher."""
    load_publisher(path=settings.EVENT_BUS).publish(event)


@receiver(setting_changed)
def forget_publisher(*, setting: str, **kwargs: object) -> None:
    """Load the publisher afresh when a test changes EVENT_BUS."""
    if setting == "EVENT_BUS":
        load_publisher.cache_clear()
