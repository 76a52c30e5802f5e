"""The API root, and the JSON answer for any /api/ path that no endpoint serves."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
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
                "users": reverse("users:list", request=request),
                "orders": reverse("orders:list", request=request),
                "schema": reverse("schema", request=request),
                "docs": reverse("docs", request=request),
                "redoc": reverse("redoc", request=request),
            }
        )


@csrf_exempt
def api_not_found(request: HttpRequest) -> JsonResponse:
    """Answer 404 in JSON, with a hint when only the trailing slash is missing.

    Matching every other /api/ path here also keeps Django's APPEND_SLASH away
    from the API: it cannot redirect a POST, and in DEBUG it raises instead.
    """
    detail = f"No endpoint at {request.path}."
    if not request.path.endswith("/"):
        detail += f" Did you mean {request.path}/ (with the trailing slash)?"
    return JsonResponse({"detail": detail}, status=404)
