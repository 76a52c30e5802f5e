"""The monolith's API root: links to its collections and docs."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView


class ApiRootApi(APIView):
    """List the entry points of the public API and its documentation."""

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        """Return links to the collections and the API docs."""
        return Response(
            {
                # Served by the users service through the edge (api/proxy.py).
                "users": request.build_absolute_uri("/api/users/"),
                "orders": reverse("orders:list", request=request),
                "schema": reverse("schema", request=request),
                "docs": reverse("docs", request=request),
                "redoc": reverse("redoc", request=request),
            }
        )
