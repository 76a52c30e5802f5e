"""The views every project serves the same way: its API root, and /api 404s."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView


class ApiRootApi(APIView):
    """`/api/`: links to a project's entry points, named by `links` in as_view().

    A link is a URL name, reversed, or a path starting with `/` (a prefix the
    edge forwards, which no view of its own serves). The docs come last.
    """

    links: dict[str, str] = {}

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        """Return the project's links and its API docs as absolute URLs."""
        names = {**self.links, "schema": "schema", "docs": "docs", "redoc": "redoc"}
        return Response(
            {
                key: request.build_absolute_uri(target)
                if target.startswith("/")
                else reverse(target, request=request)
                for key, target in names.items()
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
