"""The monolith's event bus: what users publishes here reaches orders in-process.

settings.EVENT_BUS names it; users publishes to it and orders subscribes to it,
and neither imports the other. See docs/01-modular-monolith.md, "The observer".
"""

from shared.events import EventBus

bus = EventBus()
