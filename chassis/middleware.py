"""Middleware that keeps every error under /api in the API's JSON error shape."""

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework.response import Response

# Headers of an error answer that tell the client what to do next.
KEPT_HEADERS = ("Allow", "Retry-After")


def is_api_path(path: str) -> bool:
    """Tell whether a request path belongs to the JSON API."""
    return path == "/api" or path.startswith("/api/")


class JsonErrorsMiddleware:
    """Turn Django's own HTML error pages under /api into `{"detail": "..."}`.

    DRF answers errors inside its views in JSON. A few happen before a view
    runs or outside DRF: an unknown Host header, too many query parameters, a
    crash. Django renders those as HTML, which no API client can read. DRF's
    own responses are left alone: they already follow content negotiation.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        """Wrap the rest of the middleware chain."""
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request on; replace an HTML error answer under /api with JSON."""
        response = self.get_response(request)
        if (
            response.status_code < HTTPStatus.BAD_REQUEST
            or isinstance(response, Response)
            or not is_api_path(request.path)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        replacement = JsonResponse(
            {"detail": f"{response.reason_phrase}."}, status=response.status_code
        )
        for header in KEPT_HEADERS:
            if header in response:
                replacement[header] = response[header]
        return replacement
