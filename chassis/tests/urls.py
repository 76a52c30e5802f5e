"""URL map of the chassis' own tests: an internal endpoint behind the shared secret."""

from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chassis.auth import SharedSecretAuthentication


class InternalPingApi(APIView):
    """Answer 204 to a caller that knows the shared secret."""

    authentication_classes = [SharedSecretAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        """Answer with no content."""
        return Response(status=204)


urlpatterns = [path("internal/ping/", InternalPingApi.as_view())]
