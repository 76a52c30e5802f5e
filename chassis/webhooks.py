"""Receiving events over HTTP: the internal endpoint and its shared-secret check.

A service that pushes events (shared/webhooks.py) POSTs each one as JSON with
`Authorization: Bearer <EVENTS_SECRET>` to `EventReceiveApi`, which a project
mounts with one line (chassis/urls.py). It publishes the event on the bus
settings.EVENT_BUS names, where the project's handlers run. See
docs/02-users-service.md, "The observer over HTTP".
"""

import hmac
from dataclasses import dataclass

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed, ParseError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chassis.events import event_bus
from chassis.parsers import JSONParser
from shared.events import EventMalformed, event_from_json

SCHEME = "Bearer"


@dataclass(frozen=True)
class EventSource:
    """Who an event request comes from: a process that knows the shared secret."""

    is_authenticated: bool = True


class SharedSecretAuthentication(BaseAuthentication):
    """Accept a request whose bearer token is settings.EVENTS_SECRET."""

    def authenticate(self, request: Request) -> tuple[EventSource, None] | None:
        """Return the event source, or None without credentials; refuse wrong ones."""
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        expected = settings.EVENTS_SECRET.encode()
        # The scheme's name is case-insensitive (RFC 9110); the token is not.
        right_scheme = scheme.lower() == SCHEME.lower()
        if not right_scheme or not hmac.compare_digest(token.encode(), expected):
            raise AuthenticationFailed("The events secret is wrong.")
        return EventSource(), None

    def authenticate_header(self, request: Request) -> str:
        """Name the scheme in WWW-Authenticate, which makes a refusal a 401."""
        return SCHEME


class EventReceiveApi(APIView):
    """Take one event, publish it to this process's subscribers, answer 204.

    Not part of the public API or its schema. Without the secret the answer
    is 401; a body that is not a known event is a 400 naming the field at
    fault. Neither is retried by the sender.

    Idempotent, because its handlers are: the sender delivers at least once
    (it retries what it is not sure arrived), so the same event may come
    twice, and this view publishes it each time, keeping no record of ids
    seen. Every handler subscribed to the bus must make a second delivery
    change nothing: by comparing the entity's version with the one it has
    already applied, or by a natural key. No table of received ids is needed
    while every handler keeps that promise.

    A handler that fails raises `EventHandlerFailed` through this view to the
    project's exception handler; any 5xx makes the sender deliver again.
    """

    authentication_classes = [SharedSecretAuthentication]
    permission_classes = [IsAuthenticated]
    # JSON only, read exactly: an amount never passes through a binary float.
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]

    @extend_schema(exclude=True)
    def post(self, request: Request) -> Response:
        """Publish the event on the project's bus; answer 204 once it is handled."""
        try:
            event = event_from_json(request.data)
        except EventMalformed as exc:
            raise ParseError(f"Not an event: {exc}.") from None
        event_bus().publish(event)
        return Response(status=status.HTTP_204_NO_CONTENT)
