"""The chassis' endpoints, for a project's URL map to mount in one line.

`urlpatterns = [..., *internal_patterns, ...]` serves the event receiver at
/internal/events/; settings.EVENT_BUS and settings.EVENTS_SECRET configure it.
"""

from django.urls import path

from chassis.webhooks import EventReceiveApi

# Not public: other services push events here with the shared secret.
internal_patterns = [
    path("internal/events/", EventReceiveApi.as_view(), name="internal-events"),
]
