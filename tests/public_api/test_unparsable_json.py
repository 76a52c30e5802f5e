"""Public API: JSON that the server cannot decode or store is a 400, not a 500."""

from http import HTTPStatus

import pytest

JSON = {"Content-Type": "application/json"}
# How deep the JSON decoder goes before it gives up depends on the Python
# version, so both a moderately and an extremely deep body are sent.
NESTING_DEPTHS = [5_000, 200_000]
# `\ud800` is the JSON escape of a lone surrogate, which is not valid Unicode.
LONE_SURROGATE_BODIES = {
    "in-value": b'{"name": "\\ud800", "email": "%s"}',
    "in-key": b'{"\\ud800": "x", "name": "Ada", "email": "%s"}',
}


@pytest.mark.parametrize("depth", NESTING_DEPTHS)
@pytest.mark.parametrize("path", ["/api/users/", "/api/orders/"])
def test_deeply_nested_body_returns_400(api, path, depth):
    body = b"[" * depth + b"]" * depth

    response = api.post(path, content=body, headers=JSON)

    assert response.status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.parametrize(
    "template", LONE_SURROGATE_BODIES.values(), ids=list(LONE_SURROGATE_BODIES)
)
def test_lone_surrogate_in_body_returns_400(api, fresh_email, template):
    body = template % fresh_email.encode()

    response = api.post("/api/users/", content=body, headers=JSON)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "template", LONE_SURROGATE_BODIES.values(), ids=list(LONE_SURROGATE_BODIES)
)
def test_lone_surrogate_in_body_creates_no_user(api, fresh_email, template):
    body = template % fresh_email.encode()

    api.post("/api/users/", content=body, headers=JSON)

    listed = api.get("/api/users/", params={"email": fresh_email}).json()
    assert listed["count"] == 0
