"""The changes feed: every user's changes after a cursor, for another service to pull.

Internal, not public: the edge does not forward /internal/, the schema
leaves it out, and a caller needs the shared secret. The cursor is the
outbox's sequence, which only grows, so a reader that keeps the last one it
saw never reads backwards and never skips a change. That holds because
users' writes commit one at a time, in the order of their sequence, as
SQLite's one write lock makes them; on PostgreSQL a lower id can commit
after a higher one, and the feed would have to hold back rows newer than
the oldest transaction still open (see docs/04-celery-sync.md, "Pull:
reconciliation"). Pruning keeps each
user's newest event, so any cursor still reaches every user's latest state.
See docs/04-celery-sync.md, "Pull: reconciliation".
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chassis.auth import SharedSecretAuthentication
from chassis.fields import QueryIntegerField, query_data
from shared.events import LARGEST_ID, event_to_json
from users.outbox import outbox_event
from users.selectors import outbox_after, outbox_head

MAX_LIMIT = 500


class ChangesQuerySerializer(serializers.Serializer):
    """Where to read from, and how much."""

    after = QueryIntegerField(
        required=False, default=0, min_value=0, max_value=LARGEST_ID
    )
    limit = QueryIntegerField(
        required=False, default=100, min_value=1, max_value=MAX_LIMIT
    )


class UserChangesApi(APIView):
    """`/internal/changes/?after=<sequence>&limit=<n>`: the next changes, in order.

    Answers `{"changes": [...], "last": <sequence>, "head": <sequence>}`:
    each change is a `UserChanged` event as subscribers receive it, `last`
    is the cursor to ask from next, `head` the newest sequence there is.
    """

    authentication_classes = [SharedSecretAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        """Return the page of changes after the cursor."""
        query = ChangesQuerySerializer(data=query_data(request))
        query.is_valid(raise_exception=True)
        after, limit = query.validated_data["after"], query.validated_data["limit"]
        head = outbox_head()
        rows = outbox_after(after=after, limit=limit)
        return Response(
            {
                "changes": [event_to_json(outbox_event(row=row)) for row in rows],
                "last": rows[-1].pk if rows else after,
                "head": head,
            }
        )
