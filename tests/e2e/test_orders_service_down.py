"""End to end: the orders service stops; users still answer, orders answer 503.

Real processes: the users service, the orders service and the edge under
gunicorn. The tests stop the orders service's process and start it again;
the users service and the edge keep running throughout. The edge answers
for the orders service it cannot reach: 503 in JSON, naming it, and a
write it could not send changed nothing.
"""

import time
from collections.abc import Iterator
from http import HTTPStatus

import httpx
import pytest

from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, started


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of this module's own: its orders service is stopped and restarted."""
    stack = build_stack(tmp_path_factory.mktemp("orders-down"))
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


@pytest.fixture(scope="class")
def orders_stopped(stack: Stack, order: dict[str, object]) -> Iterator[None]:
    """Stop the orders service for a class's tests; start it again after."""
    stack.orders.stop()
    yield
    stack.orders.start()


@pytest.fixture(scope="class")
def orders_restarted(stack: Stack, order: dict[str, object]) -> None:
    """Stop the orders service and start it again, before a class's tests."""
    stack.orders.stop()
    stack.orders.start()


USER_REQUESTS = [
    ("GET", "/api/users/"),
    ("GET", "/api/users/{user_id}/"),
    ("PATCH", "/api/users/{user_id}/"),
]
ORDER_REQUESTS = [
    ("GET", "/api/orders/"),
    ("GET", "/api/orders/{order_id}/"),
    ("POST", "/api/orders/"),
    ("POST", "/api/orders/{order_id}/confirm/"),
]


def send(api: httpx.Client, order: dict[str, object], method: str, path: str):
    """Send one of the requests above, with a body where it needs one."""
    body: dict[str, object] | None = None
    if method == "PATCH":
        body = {"name": "Ann B."}
    elif path == "/api/orders/" and method == "POST":
        body = {"user_id": order["user_id"], "lines": [line()]}
    url = path.format(user_id=order["user_id"], order_id=order["id"])
    return api.request(method, url, json=body)


@pytest.mark.usefixtures("orders_stopped")
class TestOrdersStopped:
    """The edge and users, while the orders service is stopped."""

    @pytest.mark.parametrize(("method", "path"), USER_REQUESTS)
    def test_users_still_answer(self, api, order, method, path):
        response = send(api, order, method, path)

        assert response.status_code == HTTPStatus.OK, response.text

    @pytest.mark.parametrize(("method", "path"), ORDER_REQUESTS)
    def test_orders_answer_503_json_from_the_edge_at_once(
        self, api, order, method, path
    ):
        started_at = time.monotonic()

        response = send(api, order, method, path)

        took = time.monotonic() - started_at
        assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
        assert response.headers["Content-Type"] == "application/json"
        assert response.json() == {"detail": "The orders service cannot be reached."}
        assert response.headers["Retry-After"] == "5"
        assert took < 1.0


@pytest.mark.usefixtures("orders_restarted")
class TestOrdersBack:
    """The same requests once the orders service is back; nothing else restarts."""

    def test_the_order_placed_before_is_listed(self, api, order):
        listed = api.get("/api/orders/")

        assert listed.status_code == HTTPStatus.OK
        assert order["id"] in [found["id"] for found in listed.json()["results"]]

    @pytest.mark.parametrize(("method", "path"), ORDER_REQUESTS)
    def test_orders_work_again(self, api, order, method, path):
        response = send(api, order, method, path)

        assert response.status_code < HTTPStatus.BAD_REQUEST, response.text
