"""Tests of the chassis' middleware: JSON errors, and chunked bodies refused."""

import json
from http import HTTPStatus

import pytest
from django.http import HttpResponse, HttpResponseNotAllowed
from django.test import RequestFactory
from rest_framework.response import Response

from chassis.middleware import (
    JsonErrorsMiddleware,
    LengthRequiredMiddleware,
    RelayedResponse,
    is_api_path,
)


def answer_with(response):
    """Return the middleware wrapped around a view that gives this response."""
    return JsonErrorsMiddleware(lambda request: response)


@pytest.mark.parametrize(
    "path", ["/api", "/api/", "/api/users/7/", "/internal/", "/internal/events"]
)
def test_html_error_under_api_becomes_json_detail(path):
    middleware = answer_with(HttpResponse("<h1>Bad</h1>", status=400))

    response = middleware(RequestFactory().get(path))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "application/json"
    assert response.content == b'{"detail": "Bad Request."}'


def test_html_error_keeps_the_allow_header():
    middleware = answer_with(HttpResponseNotAllowed(["GET"]))

    response = middleware(RequestFactory().post("/api/users/"))

    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET"


def test_drf_responses_keep_their_negotiated_rendering():
    drf_response = Response({"detail": "Not found."}, status=404)
    middleware = answer_with(drf_response)

    response = middleware(RequestFactory().get("/api/users/7/"))

    assert response is drf_response


def test_relayed_answers_of_another_service_are_left_alone():
    relayed = RelayedResponse("<p>name: may not be blank</p>", status=400)
    middleware = answer_with(relayed)

    response = middleware(RequestFactory().post("/api/users/"))

    assert response is relayed


@pytest.mark.parametrize("path", ["/admin/", "/apiary/", "/"])
def test_errors_outside_the_api_are_left_alone(path):
    html = HttpResponse("<h1>Not Found</h1>", status=404)
    middleware = answer_with(html)

    response = middleware(RequestFactory().get(path))

    assert response is html


def test_successful_html_under_api_is_left_alone():
    page = HttpResponse("<html>docs</html>")
    middleware = answer_with(page)

    response = middleware(RequestFactory().get("/api/docs/"))

    assert response is page


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api", True),
        ("/api/x", True),
        ("/apix", False),
        ("/x/api/", False),
        ("/internal/events/", True),
        ("/internals/", False),
    ],
)
def test_is_api_path(path, expected):
    assert is_api_path(path) is expected


def test_a_chunked_body_is_refused_with_411_before_any_view():
    middleware = LengthRequiredMiddleware(lambda request: HttpResponse("read"))
    request = RequestFactory().post(
        "/api/users/", data=b"{}", content_type="application/json"
    )
    request.META["HTTP_TRANSFER_ENCODING"] = "chunked"
    del request.META["CONTENT_LENGTH"]

    response = middleware(request)

    assert response.status_code == HTTPStatus.LENGTH_REQUIRED
    assert "Content-Length" in json.loads(response.content)["detail"]


def test_a_body_with_a_length_passes():
    middleware = LengthRequiredMiddleware(lambda request: HttpResponse("read"))
    request = RequestFactory().post(
        "/api/users/", data=b"{}", content_type="application/json"
    )

    response = middleware(request)

    assert response.content == b"read"
