"""Public API: credit limits, and the saga that checks an order against one.

Since stage 5. A user may have a credit limit (none by default). An order
for such a user is placed awaiting_credit while the orders service asks
the users service to reserve its total, then becomes pending (approved)
or rejected. Cancelling releases the reservation, shipping settles it.
"""

import time
from collections.abc import Callable
from decimal import Decimal
from http import HTTPStatus

import httpx

from tests.public_api.conftest import (
    BOOK,
    PROPAGATION_TIMEOUT_SECONDS,
    Shop,
    expect,
    unique_email,
)

Check = Callable[[], bool]


def limited_user(api: httpx.Client, limit: str = "25.00") -> int:
    """Create a user with a credit limit; return their id."""
    payload = {"name": "Limited", "email": unique_email(), "credit_limit": limit}
    return int(
        expect(api.post("/api/users/", json=payload), HTTPStatus.CREATED).json()["id"]
    )


def place(api: httpx.Client, user_id: int) -> dict[str, object]:
    """Place a 10.00 order; return it as placed."""
    payload = {"user_id": user_id, "lines": [BOOK]}
    order: dict[str, object] = expect(
        api.post("/api/orders/", json=payload), HTTPStatus.CREATED
    ).json()
    return order


def decided(api: httpx.Client, order_id: object) -> str:
    """Wait until the order is no longer awaiting credit; return its status."""
    deadline = time.monotonic() + PROPAGATION_TIMEOUT_SECONDS
    while True:
        status = str(api.get(f"/api/orders/{order_id}/").json()["status"])
        if status != "awaiting_credit" or time.monotonic() > deadline:
            return status
        time.sleep(0.1)


def reserved(api: httpx.Client, user_id: int) -> Decimal:
    """Return the credit the users service holds reserved for the user."""
    return Decimal(api.get(f"/api/users/{user_id}/credit/").json()["reserved"])


def eventually(check: Check) -> bool:
    """Poll a check until it holds or the suite's patience runs out."""
    deadline = time.monotonic() + PROPAGATION_TIMEOUT_SECONDS
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_a_new_user_has_no_credit_limit(api: httpx.Client, shop: Shop):
    user = shop.create_user()

    assert api.get(f"/api/users/{user['id']}/").json()["credit_limit"] is None


def test_an_order_without_a_limit_is_pending_at_once(api: httpx.Client, shop: Shop):
    assert shop.create_order()["status"] == "pending"


def test_an_order_within_the_limit_awaits_credit_and_is_approved(api: httpx.Client):
    user_id = limited_user(api)

    order = place(api, user_id)

    assert order["status"] == "awaiting_credit"
    assert decided(api, order["id"]) == "pending"
    assert reserved(api, user_id) == Decimal("10.00")


def test_an_order_beyond_the_limit_is_rejected_and_holds_nothing(api: httpx.Client):
    user_id = limited_user(api, limit="15.00")
    decided(api, place(api, user_id)["id"])

    second = place(api, user_id)

    assert decided(api, second["id"]) == "rejected"
    saga = api.get(f"/api/orders/{second['id']}/saga/").json()
    assert (saga["step"], saga["outcome"]) == ("reserve", "rejected")
    assert reserved(api, user_id) == Decimal("10.00")


def test_cancelling_an_approved_order_releases_its_credit(api: httpx.Client):
    user_id = limited_user(api)
    order = place(api, user_id)
    decided(api, order["id"])

    expect(api.post(f"/api/orders/{order['id']}/cancel/"), HTTPStatus.OK)

    assert eventually(lambda: reserved(api, user_id) == 0)


def test_shipping_an_order_settles_its_credit(api: httpx.Client):
    user_id = limited_user(api)
    order = place(api, user_id)
    decided(api, order["id"])

    for action in ("confirm", "ship"):
        expect(api.post(f"/api/orders/{order['id']}/{action}/"), HTTPStatus.OK)

    saga = f"/api/orders/{order['id']}/saga/"
    assert eventually(lambda: api.get(saga).json()["outcome"] == "settled")
    assert reserved(api, user_id) == 0


def test_a_limit_cannot_go_below_what_is_reserved(api: httpx.Client):
    user_id = limited_user(api)
    decided(api, place(api, user_id)["id"])

    response = api.patch(f"/api/users/{user_id}/", json={"credit_limit": "5.00"})

    assert response.status_code == HTTPStatus.CONFLICT
    assert api.get(f"/api/users/{user_id}/").json()["credit_limit"] == "25.00"


def test_an_order_without_a_saga_has_no_saga_page(api: httpx.Client, shop: Shop):
    order = shop.create_order()

    response = api.get(f"/api/orders/{order['id']}/saga/")

    assert response.status_code == HTTPStatus.NOT_FOUND
