"""How users announces what happened: to the publisher `settings.EVENT_BUS` names.

The services call `publish` and never learn who listens or how the event
travels: in-process in stage 1, over HTTP in stage 2, through an outbox and
Celery in stage 4. The chassis finds the publisher, as it finds the
monolith's bus. See docs/01-modular-monolith.md, "The observer".
"""

from chassis.events import event_publisher
from shared.events import Event


def publish(event: Event) -> None:
    """Hand the event to the configured publisher."""
    event_publisher().publish(event)
