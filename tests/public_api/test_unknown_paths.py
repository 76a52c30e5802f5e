"""Public API: a path no endpoint serves is a JSON 404, naming a missing slash."""

from collections.abc import Callable
from http import HTTPStatus

import pytest

from tests.public_api.payloads import line
from tests.public_api.raw import raw_request

# method, path without its trailing slash, and a body the endpoint would accept
# (built from a fresh user and a fresh email).
Body = Callable[[dict[str, object], str], dict[str, object]]
SLASHLESS_WRITES: list[tuple[str, str, Body]] = [
    ("POST", "/api/users", lambda user, email: {"name": "Ada", "email": email}),
    ("PATCH", "/api/users/{user_id}", lambda user, email: {"name": "Ada King"}),
    (
        "POST",
        "/api/orders",
        lambda user, email: {"user_id": user["id"], "lines": [line()]},
    ),
]
SLASHLESS_WRITE_IDS = ["create-user", "update-user", "create-order"]


@pytest.mark.parametrize(
    ("method", "path", "body"), SLASHLESS_WRITES, ids=SLASHLESS_WRITE_IDS
)
def test_write_without_trailing_slash_returns_404_naming_the_slash(
    api, user, fresh_email, method, path, body
):
    url = path.format(user_id=user["id"])

    response = api.request(method, url, json=body(user, fresh_email))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "trailing slash" in response.json()["detail"]


def test_user_create_without_trailing_slash_creates_no_user(api, fresh_email):
    payload = {"name": "Ada Lovelace", "email": fresh_email}

    api.post("/api/users", json=payload)

    listed = api.get("/api/users/", params={"email": fresh_email}).json()
    assert listed["count"] == 0


@pytest.mark.parametrize("path", ["/api/nope/", "/api/users/abc/"])
def test_unknown_api_path_returns_404_with_json_detail(api, path):
    response = api.get(path)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "detail" in response.json()


# Paths an HTTP client would resolve before sending: a proxy that passed them
# on would let `/api/users/../../admin/` reach whatever sits behind it.
DOT_SEGMENT_PATHS = [
    "/api/users/../../admin/",
    "/api/users/%2e%2e/%2E%2E/admin/",
    "/api/users/../orders/",
    "/api/users/./",
]


@pytest.mark.parametrize("path", DOT_SEGMENT_PATHS)
def test_path_with_dot_segments_is_a_json_404_not_resolved(base_url, path):
    answer = raw_request(base_url, "GET", path)

    assert answer.status == HTTPStatus.NOT_FOUND
    assert isinstance(answer.body, dict)
    assert "detail" in answer.body
