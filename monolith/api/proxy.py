"""The strangler fig: each prefix of the route table, sent on to its service.

Clients keep calling the edge on port 8000; settings.EDGE_ROUTES says which
service answers each path prefix (/api/users, /api/orders) and everything
below it, and this one view forwards them all. The request goes on as it
came (method, path, query, body, the headers that matter) with
`X-Forwarded-Host` and `-Proto`, so the links the service builds (`next`,
`previous`, `Location`) name the address the client used, and
`X-Forwarded-For`, the client's appended to it. No answer is a 503 in
JSON, or for a write that may have been made all the same, a 504 (timed
out) or a 502 (cut off). A path with `.` or `..` segments is a 404 here:
the HTTP client would resolve them, and `/api/users/../../admin/` would
reach the service's admin. The whole call keeps to settings.EDGE_DEADLINE
(shared.http.request_within), and a read whose connection failed is sent
again within it; what the edge answers when no answer came is in
answers.py. The httpx.Client it forwards over is built, one per service, by
the factory `settings.EDGE_HTTP` names, so tests can give it one over
httpx.MockTransport. See docs/02-users-service.md, "The strangler
fig", and docs/03-orders-service.md, "The route table".
"""

from functools import cache
from http import HTTPStatus

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, RequestDataTooBig
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

from api.answers import SAFE_METHODS, unanswered_response, unforwardable_response
from chassis.errors import body_too_large_response
from chassis.middleware import RelayedResponse
from chassis.views import api_not_found
from shared.http import Deadline, request_within
from shared.retries import read_retrying

# What a client may tell the service, and what the service may tell a client.
# Hop-by-hop headers (Connection, Transfer-Encoding...) stay with each hop;
# cookies and credentials of the edge are not the service's business.
REQUEST_HEADERS = (
    "Accept",
    "Accept-Language",
    "Content-Type",
    # Conditional requests (stage 5): the client's tags go to the service.
    "If-Match",
    "If-None-Match",
    # A write's key, for the service to do it once (stage 5).
    "Idempotency-Key",
)
# A read that failed this way never got an answer; sending it again is safe.
BROKEN = (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError)
RESPONSE_HEADERS = (
    "Content-Type",
    "Location",
    "Allow",
    "Retry-After",
    "ETag",
    "Vary",
    "Idempotent-Replayed",
)


@cache
def load_service_http(*, path: str, base_url: str) -> httpx.Client:
    """Call the factory at path for base_url; check that it returns an httpx.Client."""
    client = import_string(path)(base_url=base_url)
    if not isinstance(client, httpx.Client):
        message = f"EDGE_HTTP {path!r} does not return an httpx.Client."
        raise ImproperlyConfigured(message)
    return client


def service_http(prefix: str) -> httpx.Client:
    """Return the connection pool to the service the route table names for prefix."""
    return load_service_http(
        path=settings.EDGE_HTTP, base_url=settings.EDGE_ROUTES[prefix]
    )


def service_name(prefix: str) -> str:
    """Name the service behind a prefix, for messages: "the orders service"."""
    return f"the {prefix.rstrip('/').rsplit('/', 1)[-1]} service"


@receiver(setting_changed)
def forget_service_http(*, setting: str, **kwargs: object) -> None:
    """Build the pools afresh when a test changes where or how they connect."""
    if setting in {"EDGE_HTTP", "EDGE_ROUTES", "EDGE_DEADLINE"}:
        load_service_http.cache_clear()


def forwarded_headers(request: HttpRequest) -> dict[bytes, bytes]:
    """Return the headers to send on: the allowed ones, and where the client was.

    WSGI hands header values over as Latin-1 text; they go on as the bytes
    they came as, since httpx would refuse any that are not ASCII text.
    """
    sent = request.headers
    headers = {
        name.encode(): sent[name].encode("latin-1", errors="replace")
        for name in REQUEST_HEADERS
        if name in sent
    }
    headers[b"X-Forwarded-Host"] = request.get_host().encode()
    headers[b"X-Forwarded-Proto"] = (request.scheme or "http").encode()
    headers[b"X-Forwarded-For"] = forwarded_for(request).encode("latin-1", "replace")
    return headers


def forwarded_for(request: HttpRequest) -> str:
    """Return the client's X-Forwarded-For with the client's own address added.

    Each proxy appends the address it was called from, so the list ends with
    the hops this edge vouches for; what came before is the client's word.
    """
    client = request.META.get("REMOTE_ADDR", "")
    if sent := request.headers.get("X-Forwarded-For"):
        return f"{sent}, {client}"
    return client


def has_dot_segments(path: str) -> bool:
    """Tell whether a path holds a `.` or `..` segment, which clients resolve."""
    return any(segment in {".", ".."} for segment in path.split("/"))


@csrf_exempt
def forward(request: HttpRequest, *, prefix: str) -> HttpResponse | JsonResponse:
    """Forward the request to the service behind prefix and hand its answer back."""
    if has_dot_segments(request.path):
        return api_not_found(request)
    try:
        body = request.body
    except RequestDataTooBig:
        return body_too_large_response(request)
    url = request.get_full_path()
    try:
        upstream = sent_on(request, prefix=prefix, url=url, body=body)
    except httpx.InvalidURL:
        return unforwardable_response(url, service=service_name(prefix))
    except httpx.RequestError as exc:
        return unanswered_response(request, exc, service=service_name(prefix))
    return relayed(upstream)


def sent_on(
    request: HttpRequest, *, prefix: str, url: str, body: bytes
) -> httpx.Response:
    """Send the request to the service within EDGE_DEADLINE; retry a read.

    A GET, HEAD or OPTIONS changes nothing, so one whose connection failed
    (a service restarting) is sent again, with jittered backoff, while the
    deadline leaves time. A write is sent once. See
    docs/03-orders-service.md, "Retries".
    """
    deadline = Deadline(settings.EDGE_DEADLINE)

    def send() -> httpx.Response:
        return request_within(
            service_http(prefix),
            request.method or "GET",
            url,
            deadline=deadline,
            content=body,
            headers=forwarded_headers(request),
        )

    if request.method not in SAFE_METHODS:
        return send()
    retrying = read_retrying(
        deadline=deadline,
        attempts=settings.EDGE_ATTEMPTS,
        retry_on=BROKEN,
        what=f"{request.method} {settings.EDGE_ROUTES[prefix]}{url}",
    )
    return retrying(send)


def relayed(upstream: httpx.Response) -> HttpResponse:
    """Build the client's answer from the service's: status, body, allowed headers."""
    response = RelayedResponse(upstream.content, status=upstream.status_code)
    for name in RESPONSE_HEADERS:
        if name in upstream.headers:
            response[name] = upstream.headers[name]
    if upstream.status_code in {HTTPStatus.NO_CONTENT, HTTPStatus.NOT_MODIFIED}:
        # No body to describe; Django would otherwise add text/html.
        del response["Content-Type"]
    return response
