"""End to end: the users service stops; orders keeps answering; users comes back.

Real processes: Redis, both services, their workers, beat and the edge.
Nothing is mocked; the tests stop the users service's web process and start
it again, and everything else keeps running. Since stage 4 orders reads
customers from its replica: its lists, details and placements for customers
it knows answer as before. Only what needs users itself answers 503: the
users API through the edge, and a placement for a user orders never heard
of. See docs/04-celery-sync.md, "When users is down".
"""

import time
from collections.abc import Callable, Iterator
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


# A user id the replica has never heard of: placing an order for it needs
# the users service.
STRANGER_ID = 999_999
# Requests through the edge: method, path and body, built from the order
# placed while everything ran.
Build = Callable[[dict[str, object]], tuple[str, str, object]]
ORDERS_FROM_THE_REPLICA: dict[str, Build] = {
    "order-list": lambda order: ("GET", "/api/orders/", None),
    "order-detail": lambda order: ("GET", f"/api/orders/{order['id']}/", None),
    "order-place": lambda order: (
        "POST",
        "/api/orders/",
        {"user_id": order["user_id"], "lines": [line()]},
    ),
}
REQUESTS_NEEDING_USERS: dict[str, Build] = {
    "order-place-stranger": lambda order: (
        "POST",
        "/api/orders/",
        {"user_id": STRANGER_ID, "lines": [line()]},
    ),
    "user-list": lambda order: ("GET", "/api/users/", None),
    "user-detail": lambda order: ("GET", f"/api/users/{order['user_id']}/", None),
    "user-create": lambda order: (
        "POST",
        "/api/users/",
        {"name": "Bo", "email": f"bo-{time.monotonic_ns()}@example.com"},
    ),
}
ANSWER_WHEN_UP = {
    "order-list": HTTPStatus.OK,
    "order-detail": HTTPStatus.OK,
    "order-place": HTTPStatus.CREATED,
    "order-place-stranger": HTTPStatus.BAD_REQUEST,
    "user-list": HTTPStatus.OK,
    "user-detail": HTTPStatus.OK,
    "user-create": HTTPStatus.CREATED,
}


@pytest.fixture(scope="class")
def users_stopped(stack: Stack, order: dict[str, object]) -> Iterator[None]:
    """Stop the users service for a class's tests; start it again after."""
    stack.users.stop()
    yield
    stack.users.start()


@pytest.fixture(scope="class")
def users_restarted(stack: Stack, order: dict[str, object]) -> None:
    """Stop the users service and start it again, before a class's tests."""
    stack.users.stop()
    stack.users.start()


@pytest.mark.usefixtures("users_stopped")
class TestUsersStopped:
    """What orders answers from its replica, and what needs users, while stopped."""

    @pytest.mark.parametrize("name", ORDERS_FROM_THE_REPLICA)
    def test_orders_answers_from_the_replica(self, api, order, name):
        method, path, body = ORDERS_FROM_THE_REPLICA[name](order)

        response = api.request(method, path, json=body)

        assert response.status_code == ANSWER_WHEN_UP[name], response.text

    def test_order_detail_shows_the_last_known_customer(self, api, order):
        response = api.get(f"/api/orders/{order['id']}/")

        assert response.json()["customer"] == order["customer"]

    @pytest.mark.parametrize("name", REQUESTS_NEEDING_USERS)
    def test_answers_503_json_naming_users_within_the_timeout(self, api, order, name):
        method, path, body = REQUESTS_NEEDING_USERS[name](order)
        started_at = time.monotonic()

        response = api.request(method, path, json=body)

        took = time.monotonic() - started_at
        assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
        assert "users service" in response.json()["detail"]
        assert response.headers["Retry-After"] == "5"
        assert took < TIMEOUT_SECONDS + 1

    @pytest.mark.parametrize("name", REQUESTS_NEEDING_USERS)
    def test_names_no_internal_address_or_error_class(self, api, order, name):
        method, path, body = REQUESTS_NEEDING_USERS[name](order)

        response = api.request(method, path, json=body)

        detail = response.json()["detail"]
        assert "127.0.0.1" not in detail
        assert "Error" not in detail


@pytest.mark.usefixtures("users_restarted")
class TestUsersBack:
    """The same requests once the users service is back; the edge never restarts."""

    @pytest.mark.parametrize(
        "name", [*ORDERS_FROM_THE_REPLICA, *REQUESTS_NEEDING_USERS]
    )
    def test_works_again(self, api, order, name):
        build = ORDERS_FROM_THE_REPLICA.get(name) or REQUESTS_NEEDING_USERS[name]
        method, path, body = build(order)

        response = api.request(method, path, json=body)

        assert response.status_code == ANSWER_WHEN_UP[name], response.text
