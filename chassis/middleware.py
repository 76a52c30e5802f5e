"""Middleware that keeps every error of the JSON endpoints in the API's error shape.

The JSON endpoints are the public API under /api and the internal endpoints
other services call under /internal.
"""

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework.response import Response

# Headers of an error answer that tell the client what to do next.
KEPT_HEADERS = ("Allow", "Retry-After")


JSON_PREFIXES = ("/api", "/internal")


def is_api_path(path: str) -> bool:
    """Tell whether a request path belongs to the JSON endpoints."""
    return any(
        path == prefix or path.startswith(f"{prefix}/") for prefix in JSON_PREFIXES
    )


class RelayedResponse(HttpResponse):
    """An answer another service gave, handed back as it came.

    Its errors are that service's own, already in the shape the client
    negotiated (JSON, or DRF's browsable page for a browser), so
    `JsonErrorsMiddleware` leaves them alone.
    """


class LengthRequiredMiddleware:
    """Refuse a chunked request body with 411, rather than read it as empty.

    gunicorn accepts `Transfer-Encoding: chunked`, but Django reads a body
    only up to its Content-Length, and a chunked body has none: it would
    reach the view as no body at all, and a valid request would be refused
    for missing fields. A 411 tells the client what to send instead.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        """Wrap the rest of the middleware chain."""
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Answer 411 to a chunked body; pass anything else on."""
        encoding = request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if "chunked" in encoding and not request.META.get("CONTENT_LENGTH"):
            detail = "Send the body with a Content-Length header, not chunked."
            return JsonResponse({"detail": detail}, status=HTTPStatus.LENGTH_REQUIRED)
        return self.get_response(request)


class JsonErrorsMiddleware:
    """Turn Django's own HTML error pages of JSON endpoints into `{"detail": "..."}`.

    DRF answers errors inside its views in JSON. A few happen before a view
    runs or outside DRF: an unknown Host header, too many query parameters, a
    crash. Django renders those as HTML, which no API client can read. DRF's
    own responses, and answers relayed from another service, are left alone:
    they already follow content negotiation.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        """Wrap the rest of the middleware chain."""
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request on; replace an HTML error answer with JSON."""
        response = self.get_response(request)
        if (
            response.status_code < HTTPStatus.BAD_REQUEST
            or isinstance(response, Response | RelayedResponse)
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
