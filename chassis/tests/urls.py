"""URL map of the chassis' own tests: an internal endpoint, an idempotent write."""

from django.db import transaction
from django.urls import path
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chassis.auth import SharedSecretAuthentication
from chassis.idempotency.api import idempotent
from chassis.tests.albums.models import Album


class InternalPingApi(APIView):
    """Answer 204 to a caller that knows the shared secret."""

    authentication_classes = [SharedSecretAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        """Answer with no content."""
        return Response(status=204)


# Left unannotated: the type checkers of the projects do not know the test app.
def album_create(*, code, record):
    """Create an album, as a service would; the code "refused" is a 400.

    The code "late" fails after the answer is recorded, before the commit,
    as a write whose transaction rolls back at its very end.
    """
    if code == "refused":
        raise exceptions.ValidationError({"code": ["Refused."]})
    with transaction.atomic():
        now = timezone.now()
        album = Album.objects.create(
            code=code, title=code, created_at=now, updated_at=now
        )
        if record is not None:
            record(album)
        if code == "late":
            raise exceptions.ValidationError({"code": ["Refused at the end."]})
    return album


class AlbumCreateApi(APIView):
    """Create an album once per Idempotency-Key."""

    def post(self, request):
        """Create the album named by `code`."""
        return idempotent(
            request,
            write=lambda record: album_create(code=request.data["code"], record=record),
            respond=lambda album: Response(
                {"id": album.pk}, status=201, headers={"Location": f"/{album.pk}/"}
            ),
        )


urlpatterns = [
    path("internal/ping/", InternalPingApi.as_view()),
    path("api/albums/", AlbumCreateApi.as_view()),
]
