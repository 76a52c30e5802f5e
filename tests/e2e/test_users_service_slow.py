"""End to end: the users service answers too slowly, and nobody waits for it.

The orders service and the edge reach the users service through a proxy
that can hold each answer back. Since stage 4 orders reads customers from
its replica, so its answers do not wait at all; only a placement for a user
orders never heard of asks users, and answers within orders' budget for
users plus one second (orders' own 503, relayed by the edge, which waits
longer). A request the edge forwards to users answers within the edge's
deadline plus one second: 503 with Retry-After, except a write, which the
service may have made all the same: 504, without Retry-After. See
docs/03-orders-service.md, "The timeout budget".
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
# A user id the replica has never heard of: a placement for it asks users.
STRANGER_ID = 999_999
# The edge waits longer than orders waits for users: the budgets nest.
EDGE_DEADLINE = 2.0
DELAY = EDGE_DEADLINE + 2


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
        edge_deadline=EDGE_DEADLINE,
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
    ("method", "path", "expected"),
    [
        ("GET", "/api/orders/", HTTPStatus.OK),
        ("GET", "/api/orders/{order_id}/", HTTPStatus.OK),
        ("POST", "/api/orders/", HTTPStatus.CREATED),
    ],
)
def test_slow_users_do_not_slow_what_orders_answers_from_its_replica(
    proxy, api, order, method, path, expected
):
    body = (
        {"user_id": order["user_id"], "lines": [line()]} if method == "POST" else None
    )
    proxy.delay = DELAY
    try:
        started_at = time.monotonic()

        response = api.request(method, path.format(order_id=order["id"]), json=body)

        took = time.monotonic() - started_at
    finally:
        proxy.delay = 0.0

    assert response.status_code == expected, response.text
    assert took < TIMEOUT_SECONDS


@pytest.mark.parametrize(
    ("method", "path", "budget"),
    [
        ("POST", "/api/orders/", TIMEOUT_SECONDS),
        ("GET", "/api/users/", EDGE_DEADLINE),
    ],
    ids=["order-for-a-stranger", "user-list"],
)
def test_slow_users_make_the_edge_answer_503_with_retry_after_in_time(
    proxy, api, method, path, budget
):
    body = {"user_id": STRANGER_ID, "lines": [line()]} if method == "POST" else None
    proxy.delay = DELAY
    try:
        started_at = time.monotonic()

        response = api.request(method, path, json=body)

        took = time.monotonic() - started_at
    finally:
        proxy.delay = 0.0

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert "users service" in response.json()["detail"]
    assert response.headers["Retry-After"] == "5"
    assert took < budget + 1


def test_a_slow_users_write_is_a_504_without_retry_after_in_time(proxy, api):
    proxy.delay = DELAY
    try:
        started_at = time.monotonic()

        response = api.post(
            "/api/users/", json={"name": "Cy", "email": "cy@example.com"}
        )

        took = time.monotonic() - started_at
    finally:
        proxy.delay = 0.0

    assert response.status_code == HTTPStatus.GATEWAY_TIMEOUT
    assert "may or may not have been made" in response.json()["detail"]
    assert "Retry-After" not in response.headers
    assert took < EDGE_DEADLINE + 1


def test_a_write_answered_504_was_made_all_the_same(proxy, api):
    body = {"name": "Di", "email": "di@example.com"}
    proxy.delay = DELAY
    try:
        timed_out = api.post("/api/users/", json=body)
    finally:
        proxy.delay = 0.0

    repeated = api.post("/api/users/", json=body)

    assert timed_out.status_code == HTTPStatus.GATEWAY_TIMEOUT
    assert repeated.status_code == HTTPStatus.BAD_REQUEST
    assert "email" in repeated.json()


def test_users_quick_again_the_edge_answers_at_once(proxy, api, order):
    proxy.delay = 0.0

    response = api.get(f"/api/orders/{order['id']}/")

    assert response.status_code == HTTPStatus.OK
