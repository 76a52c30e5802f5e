"""`/internal/events/`: events the users service pushes to orders over HTTP.

Not part of the public API or its schema. A request must carry the shared
secret; the event is published on the bus settings.EVENT_BUS names, the one
orders subscribes to, so its handlers run as they did in-process in stage 1.
See docs/02-users-service.md, "The observer over HTTP".
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chassis.events import event_bus
from chassis.webhooks import SharedSecretAuthentication
from shared.events import EventMalformed, event_from_json


class EventReceiveApi(APIView):
    """Take one event, publish it to this process's subscribers, answer 204."""

    authentication_classes = [SharedSecretAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        """Publish the event; a failing handler answers 500, and the sender retries."""
        try:
            event = event_from_json(request.data)
        except EventMalformed as exc:
            raise ParseError(f"Not an event: {exc}.") from None
        event_bus().publish(event)
        return Response(status=status.HTTP_204_NO_CONTENT)
