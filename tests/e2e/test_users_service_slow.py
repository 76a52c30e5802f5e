"""End to end: the users service answers too slowly, and the edge does not wait.

The edge reaches the users service through a proxy that can hold each
connection back; with the delay past the edge's timeout, every request that
needs users answers 503 within the timeout plus one second.
"""

import time
from collections.abc import Iterator
from http import HTTPStatus

import httpx
import pytest

from tests.e2e.faults import SlowProxy
from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, free_port, started

TIMEOUT_SECONDS = 1.0


@pytest.fixture(scope="module")
def proxy() -> Iterator[SlowProxy]:
    """A proxy in front of the users service's port, not yet slow."""
    proxy = SlowProxy(upstream_port=free_port())
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, proxy) -> Iterator[Stack]:
    """A stack whose edge reaches the users service through the proxy."""
    stack = build_stack(
        tmp_path_factory.mktemp("slow"),
        users_url=proxy.url,
        users_timeout=TIMEOUT_SECONDS,
    )
    stack.users.port = proxy.upstream_port
    with started(stack):
        yield stack


@pytest.fixture(scope="module")
def api(stack) -> Iterator[httpx.Client]:
    """Return a client of the edge."""
    with httpx.Client(base_url=stack.url, timeout=30.0) as client:
        yield client


@pytest.fixture(scope="module")
def order(api) -> dict[str, object]:
    """Place an order while the users service is quick."""
    user = api.post("/api/users/", json={"name": "Ann", "email": "ann@example.com"})
    return api.post(
        "/api/orders/", json={"user_id": user.json()["id"], "lines": [line()]}
    ).json()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/orders/"),
        ("GET", "/api/orders/{order_id}/"),
        ("POST", "/api/orders/"),
        ("GET", "/api/users/"),
    ],
)
def test_slow_users_make_the_edge_answer_503_within_the_timeout(
    proxy, api, order, method, path
):
    body = (
        {"user_id": order["user_id"], "lines": [line()]} if method == "POST" else None
    )
    proxy.delay = TIMEOUT_SECONDS + 3
    try:
        started_at = time.monotonic()

        response = api.request(method, path.format(order_id=order["id"]), json=body)

        took = time.monotonic() - started_at
    finally:
        proxy.delay = 0.0

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "users service" in response.json()["detail"]
    assert took < TIMEOUT_SECONDS + 1


def test_users_quick_again_the_edge_answers_at_once(proxy, api, order):
    proxy.delay = 0.0

    response = api.get(f"/api/orders/{order['id']}/")

    assert response.status_code == HTTPStatus.OK
