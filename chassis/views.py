"""The views every project serves the same way: its API root, actions, /api 404s."""

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


class ActionApi(APIView):
    """A POST that acts on a resource and reads no body (confirm, deactivate...).

    DRF parses a body only when a view reads `request.data`, and an action
    never does: a body that is not JSON would go unnoticed and the action be
    done. Here it is read before the action, so it is a 400 and nothing
    changes; a body that is JSON is ignored.
    """

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        """Run DRF's checks, then parse the body, refusing one that is not JSON."""
        super().initial(request, *args, **kwargs)
        body_parsed(request)


def body_parsed(request: Request) -> object:
    """Return the request's parsed body; DRF raises ParseError if it is not JSON."""
    return request.data


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
