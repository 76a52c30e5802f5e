"""Public API: requests a strict HTTP client would not send still get JSON 4xx.

A long URL, header values that are not ASCII, a chunked body: browsers,
proxies and fuzzers send all of them. None may cause a 500, and a body the
server cannot read must not be taken for an empty one.
"""

import json
from http import HTTPStatus

import pytest

from tests.public_api.payloads import line
from tests.public_api.raw import raw_request

LONG_QUERY = "/api/users/?email=" + "a" * 70_000


def assert_json_client_error_or_success(answer):
    """Assert a JSON answer that is not a server error."""
    assert answer.status < HTTPStatus.INTERNAL_SERVER_ERROR
    assert isinstance(answer.body, dict)


@pytest.mark.parametrize("path", [LONG_QUERY, "/api/orders/?status=" + "a" * 70_000])
def test_a_very_long_url_is_answered_in_json_without_a_500(base_url, path):
    answer = raw_request(base_url, "GET", path)

    assert_json_client_error_or_success(answer)


@pytest.mark.parametrize(
    ("method", "header"),
    [
        ("GET", "Accept-Language"),
        ("GET", "Accept"),
        ("PATCH", "If-Match"),
        ("GET", "If-None-Match"),
        ("PATCH", "Content-Type"),
    ],
)
def test_a_header_value_that_is_not_ascii_is_no_500(base_url, user, method, header):
    headers = {header: "application/json; x=\xe9"}

    answer = raw_request(base_url, method, f"/api/users/{user['id']}/", headers=headers)

    assert_json_client_error_or_success(answer)


@pytest.mark.parametrize("path", ["/api/users/", "/api/orders/"])
def test_a_chunked_body_is_refused_or_read_never_taken_for_empty(
    base_url, user, fresh_email, path
):
    payload = (
        {"name": "Chunked", "email": fresh_email}
        if path == "/api/users/"
        else {"user_id": user["id"], "lines": [line()]}
    )
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}

    answer = raw_request(
        base_url, "POST", path, headers=headers, chunks=[body[:10], body[10:]]
    )

    assert answer.status in {HTTPStatus.LENGTH_REQUIRED, HTTPStatus.CREATED}, answer
