"""End to end: an order placed while a deactivation is in flight is cancelled by it.

Since stage 4 orders hears of a deactivation from users' event, moments
after it commits. An order placed in between passes the replica's check
(the user is still active there) and is saved; when the event lands, the
replica turns the user inactive and cancels their pending orders, this one
too. Here the window is held open by stopping the orders worker, which
applies users' events, so the test is sure to place orders inside it. See
docs/04-celery-sync.md, "The window".
"""

import time
from collections.abc import Iterator
from http import HTTPStatus

import httpx
import pytest

from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, started

PLACEMENTS = 3
WAIT_SECONDS = 10.0


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of this module's own: its orders worker is stopped and restarted."""
    stack = build_stack(tmp_path_factory.mktemp("window"))
    with started(stack):
        yield stack


def orders_of(edge: httpx.Client, user_id: int) -> list[dict[str, object]]:
    """Return a user's orders, as the edge shows them."""
    return list(edge.get("/api/orders/", params={"user_id": user_id}).json()["results"])


def wait_until_cancelled(edge: httpx.Client, user_id: int) -> list[dict[str, object]]:
    """Wait until none of the user's orders is pending; return them."""
    deadline = time.monotonic() + WAIT_SECONDS
    orders = orders_of(edge, user_id)
    while any(o["status"] == "pending" for o in orders) and time.monotonic() < deadline:
        time.sleep(0.1)
        orders = orders_of(edge, user_id)
    return orders


def test_orders_placed_in_the_window_are_cancelled_when_the_event_lands(stack):
    edge = httpx.Client(base_url=stack.url, timeout=30.0)
    user = edge.post("/api/users/", json={"name": "Ann", "email": "ann@example.com"})
    payload = {"user_id": user.json()["id"], "lines": [line()]}
    assert edge.post("/api/orders/", json=payload).status_code == HTTPStatus.CREATED
    stack.orders_worker.stop()
    try:
        deactivated = edge.post(f"/api/users/{payload['user_id']}/deactivate/")
        in_window = [edge.post("/api/orders/", json=payload) for _ in range(PLACEMENTS)]
    finally:
        stack.orders_worker.start()

    orders = wait_until_cancelled(edge, int(str(payload["user_id"])))
    after = edge.post("/api/orders/", json=payload)

    # The window was hit: users had the user inactive, orders took the orders.
    assert deactivated.json()["is_active"] is False
    assert [a.status_code for a in in_window] == [HTTPStatus.CREATED] * PLACEMENTS
    # Each order was cancelled once (version 2), by the event, not left pending.
    assert [(o["status"], o["version"]) for o in orders] == [("cancelled", 2)] * (
        PLACEMENTS + 1
    )
    assert after.status_code == HTTPStatus.BAD_REQUEST
    assert after.json()["user_id"] == [f"User {payload['user_id']} is inactive."]
