"""End to end: the users service stops, the edge answers 503, then recovers.

Real processes: the users service and the monolith under gunicorn. Nothing
is mocked; the test stops the users service's process and starts it again,
and the monolith keeps running throughout.
"""

import time
from collections.abc import Iterator
from http import HTTPStatus

import httpx
import pytest

from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, started

TIMEOUT_SECONDS = 2.0


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of this module's own: its users service is stopped and restarted."""
    stack = build_stack(tmp_path_factory.mktemp("down"), users_timeout=TIMEOUT_SECONDS)
    with started(stack):
        yield stack


@pytest.fixture(scope="module")
def api(stack: Stack) -> Iterator[httpx.Client]:
    """Return a client of the edge."""
    with httpx.Client(base_url=stack.url, timeout=30.0) as client:
        yield client


@pytest.fixture(scope="module")
def order(api: httpx.Client) -> dict[str, object]:
    """Place an order while everything runs."""
    user = api.post("/api/users/", json={"name": "Ann", "email": "ann@example.com"})
    placed = api.post(
        "/api/orders/", json={"user_id": user.json()["id"], "lines": [line()]}
    )
    assert placed.status_code == HTTPStatus.CREATED, placed.text
    return placed.json()


def requests_needing_users(order: dict[str, object]) -> list[tuple[str, str, object]]:
    """Return the edge's requests that need an answer from the users service."""
    return [
        ("GET", "/api/orders/", None),
        ("GET", f"/api/orders/{order['id']}/", None),
        ("POST", "/api/orders/", {"user_id": order["user_id"], "lines": [line()]}),
        ("GET", "/api/users/", None),
        ("GET", f"/api/users/{order['user_id']}/", None),
        ("POST", "/api/users/", {"name": "Bo", "email": "bo@example.com"}),
    ]


def test_users_stopped_every_request_needing_it_answers_503_json(stack, api, order):
    stack.users.stop()
    try:
        for method, path, body in requests_needing_users(order):
            started_at = time.monotonic()

            response = api.request(method, path, json=body)

            took = time.monotonic() - started_at
            assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE, path
            assert "users service" in response.json()["detail"]
            assert response.headers["Retry-After"] == "5"
            assert took < TIMEOUT_SECONDS + 1
    finally:
        stack.users.start()


def test_users_back_everything_works_without_restarting_the_edge(stack, api, order):
    stack.users.stop()
    stack.users.start()

    statuses = [
        api.request(method, path, json=body).status_code
        for method, path, body in requests_needing_users(order)
    ]

    assert statuses == [200, 200, 201, 200, 200, 201]
