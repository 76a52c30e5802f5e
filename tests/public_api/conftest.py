"""Fixtures for the public-API suite: an HTTP client and a builder of test data.

Everything here speaks HTTP to `base_url`; nothing imports the project.
"""

import time
import uuid
from collections.abc import Callable, Iterator
from http import HTTPStatus
from typing import TypedDict

import httpx
import pytest

from tests.public_api.payloads import line

# Cross-boundary effects (a user's new name shown on orders, deactivation
# cancelling orders) may become asynchronous in later stages; the suite waits
# this long for them so it stays green unchanged.
PROPAGATION_TIMEOUT_SECONDS = 5.0


class User(TypedDict):
    """A user as the public API renders it."""

    id: int
    name: str
    email: str
    is_active: bool
    version: int
    created_at: str
    updated_at: str


class Customer(TypedDict):
    """The user data an order embeds."""

    id: int
    name: str
    email: str


class Line(TypedDict):
    """One order line, as sent and as rendered."""

    sku: str
    name: str
    quantity: int
    unit_price: str


class Order(TypedDict):
    """An order as the public API renders it."""

    id: int
    user_id: int
    customer: Customer
    status: str
    lines: list[Line]
    total: str
    version: int
    created_at: str
    updated_at: str


BOOK = Line(sku="BOOK-1", name="A book", quantity=1, unit_price="10.00")

# The actions that take a fresh order to each status.
ACTIONS_TO_REACH: dict[str, tuple[str, ...]] = {
    "pending": (),
    "confirmed": ("confirm",),
    "shipped": ("confirm", "ship"),
    "cancelled": ("cancel",),
}


def unique_email() -> str:
    """Return an email address no other test uses."""
    return f"user-{uuid.uuid4().hex}@example.com"


def expect(response: httpx.Response, status: HTTPStatus) -> httpx.Response:
    """Return the response if it has the status, else fail showing the body."""
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url} -> "
        f"{response.status_code}: {response.text}"
    )
    return response


class Shop:
    """Builds test data through the public API.

    Tests send the request under test with the `api` client themselves; this
    class only arranges the data that request needs.
    """

    def __init__(self, client: httpx.Client) -> None:
        """Use the given client for every request."""
        self.client = client

    def create_user(
        self, *, name: str = "Ada Lovelace", email: str | None = None
    ) -> User:
        """Create a user, with a fresh email unless one is given."""
        payload = {"name": name, "email": email or unique_email()}
        user: User = expect(
            self.client.post("/api/users/", json=payload), HTTPStatus.CREATED
        ).json()
        return user

    def get_user(self, user_id: int) -> User:
        """Fetch a user by id."""
        user: User = expect(
            self.client.get(f"/api/users/{user_id}/"), HTTPStatus.OK
        ).json()
        return user

    def deactivate_user(self, user_id: int) -> User:
        """Deactivate a user."""
        user: User = expect(
            self.client.post(f"/api/users/{user_id}/deactivate/"), HTTPStatus.OK
        ).json()
        return user

    def create_order(self, *, user_id: int | None = None) -> Order:
        """Place a one-line order, for a fresh user unless one is given."""
        payload = {
            "user_id": self.create_user()["id"] if user_id is None else user_id,
            "lines": [BOOK],
        }
        order: Order = expect(
            self.client.post("/api/orders/", json=payload), HTTPStatus.CREATED
        ).json()
        return order

    def get_order(self, order_id: int) -> Order:
        """Fetch an order by id."""
        order: Order = expect(
            self.client.get(f"/api/orders/{order_id}/"), HTTPStatus.OK
        ).json()
        return order

    def order_with_status(self, status: str, *, user_id: int | None = None) -> Order:
        """Place an order and move it to the given status."""
        order = self.create_order(user_id=user_id)
        for action in ACTIONS_TO_REACH[status]:
            order = expect(
                self.client.post(f"/api/orders/{order['id']}/{action}/"),
                HTTPStatus.OK,
            ).json()
        return order

    def wait_for_order(self, order_id: int, *, until: Callable[[Order], bool]) -> Order:
        """Fetch an order until `until` holds or time runs out; return the last."""
        deadline = time.monotonic() + PROPAGATION_TIMEOUT_SECONDS
        order = self.get_order(order_id)
        while not until(order) and time.monotonic() < deadline:
            time.sleep(0.1)
            order = self.get_order(order_id)
        return order

    def place_until_refused(self, user_id: int) -> tuple[httpx.Response, list[int]]:
        """Place orders for a user until one is refused or time runs out.

        Return the last answer and the ids of the orders placed before it.
        Since stage 4 orders hears of a deactivation moments after it, from
        users' event; an order placed in between is cancelled by it
        (docs/04-celery-sync.md, "The window").
        """
        deadline = time.monotonic() + PROPAGATION_TIMEOUT_SECONDS
        placed: list[int] = []
        payload = {"user_id": user_id, "lines": [line()]}
        while True:
            response = self.client.post("/api/orders/", json=payload)
            if response.status_code != HTTPStatus.CREATED:
                return response, placed
            placed.append(response.json()["id"])
            if time.monotonic() >= deadline:
                return response, placed
            time.sleep(0.05)

    def wait_for_cancelled(self, order_id: int) -> Order:
        """Fetch an order until it is cancelled or time runs out; return the last."""
        return self.wait_for_order(
            order_id, until=lambda order: order["status"] == "cancelled"
        )


@pytest.fixture(scope="session")
def api(base_url: str) -> Iterator[httpx.Client]:
    """Return a client for the public API that does not follow redirects."""
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        yield client


@pytest.fixture(scope="session")
def shop(api: httpx.Client) -> Shop:
    """Return the builder of test data."""
    return Shop(api)


@pytest.fixture
def fresh_email() -> str:
    """Return an email address that no user has yet."""
    return unique_email()


@pytest.fixture
def user(shop: Shop) -> User:
    """Return a fresh active user."""
    return shop.create_user()


@pytest.fixture
def order(shop: Shop, user: User) -> Order:
    """Return a fresh pending order of `user` with one line."""
    return shop.create_order(user_id=user["id"])
