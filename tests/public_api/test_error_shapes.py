"""Public API: every error under /api is JSON of the shape `{"detail": "..."}`."""

from http import HTTPStatus

import httpx
import pytest

JSON = {"Content-Type": "application/json"}
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
# Paths that no endpoint serves, including ones Django's own URL patterns never
# reach: a newline or carriage return inside the path.
ODD_PATHS = [
    "/api/orders/%0A/cancel/",
    "/api/users/1/%0D/",
    "/api/%0A",
    "/api/users/%00/",
]
# Larger than the API's body limit (1 MiB).
OVERSIZED_BODY = b'{"name": "' + b"a" * (2 * 1024 * 1024) + b'"}'


def assert_error_shape(response: httpx.Response, status: HTTPStatus) -> None:
    """Check the status, that the body is JSON, and that it is `{"detail": str}`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["detail"]
    assert isinstance(body["detail"], str)
    assert body["detail"]


@pytest.mark.parametrize("method", METHODS)
def test_bare_api_path_answers_404_in_json_naming_the_slash(api, method):
    response = api.request(method, "/api", json={})

    assert_error_shape(response, HTTPStatus.NOT_FOUND)
    assert "trailing slash" in response.json()["detail"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("path", ODD_PATHS)
def test_path_with_control_characters_answers_404_in_json(api, path, method):
    response = api.request(method, path)

    assert_error_shape(response, HTTPStatus.NOT_FOUND)


@pytest.mark.parametrize("path", ["/api/users/", "/api/orders/"])
def test_body_over_the_limit_answers_413_in_json(api, path):
    response = api.post(path, content=OVERSIZED_BODY, headers=JSON)

    assert_error_shape(response, HTTPStatus.REQUEST_ENTITY_TOO_LARGE)


def test_body_over_the_limit_creates_nothing(api):
    before = api.get("/api/users/").json()["count"]

    api.post("/api/users/", content=OVERSIZED_BODY, headers=JSON)

    assert api.get("/api/users/").json()["count"] == before


def test_unsupported_method_answers_405_in_json_with_allow(api):
    response = api.put("/api/users/", json={})

    assert_error_shape(response, HTTPStatus.METHOD_NOT_ALLOWED)
    assert "POST" in response.headers["allow"]


def test_unsatisfiable_accept_header_answers_406_in_json(api):
    response = api.get("/api/users/", headers={"Accept": "text/csv"})

    assert_error_shape(response, HTTPStatus.NOT_ACCEPTABLE)


def test_body_that_is_not_json_answers_415_in_json(api):
    headers = {"Content-Type": "text/csv"}

    response = api.post("/api/users/", content=b"name,email", headers=headers)

    assert_error_shape(response, HTTPStatus.UNSUPPORTED_MEDIA_TYPE)


def test_unknown_host_answers_400_in_json(api):
    response = api.get("/api/users/", headers={"Host": "attacker.example"})

    assert_error_shape(response, HTTPStatus.BAD_REQUEST)


def test_too_many_query_parameters_answer_400_in_json(api):
    query = "&".join(f"p{number}=1" for number in range(1_500))

    response = api.get(f"/api/users/?{query}")

    assert_error_shape(response, HTTPStatus.BAD_REQUEST)


def test_malformed_json_answers_400_in_json_naming_the_problem(api):
    response = api.post("/api/users/", content=b"{not json", headers=JSON)

    assert_error_shape(response, HTTPStatus.BAD_REQUEST)
    assert "JSON parse error" in response.json()["detail"]
