"""The orders service's in-process event bus, where events from users meet orders.

settings.EVENT_BUS names it. The users service POSTs each event to
/internal/events/ after its change commits; the chassis' receiver there
(chassis/webhooks.py) publishes it on this bus, where the handler orders
subscribed at start-up runs. Both find the bus through the setting
(chassis.events.event_bus), so neither imports the other or this module.
See docs/02-users-service.md, "The observer over HTTP".
"""

from shared.events import EventBus

bus = EventBus()
