"""The orders service's demo data: the demo customers' orders, and how to find them.

The users service seeds the customers (services/users: manage.py seed_demo);
this service finds them there by email, over its API, and gives each
a shipped and a pending order.
"""

import time
from collections.abc import Collection
from decimal import Decimal

import httpx

from orders.lines import NewOrderLine
from orders.selectors import order_list
from orders.services import order_confirm, order_place, order_ship
from shared.http import Deadline, request_within
from shared.users.client import UsersServiceUnavailable

DEMO_EMAILS = ["ada@example.com", "grace@example.com", "alan@example.com"]

DEMO_LINES = [
    NewOrderLine(
        sku="BOOK-001", name="Refactoring", quantity=1, unit_price=Decimal("42.50")
    ),
    NewOrderLine(
        sku="MUG-002", name="Coffee mug", quantity=2, unit_price=Decimal("9.99")
    ),
]


def customer_ids(
    *,
    base_url: str,
    emails: Collection[str],
    timeout: float,
    transport: httpx.BaseTransport | None = None,
) -> dict[str, int]:
    """Return the id of each customer found, by email; a missing one is left out."""
    found = {}
    with httpx.Client(base_url=base_url, timeout=timeout, transport=transport) as http:
        for email in emails:
            if (user_id := _customer_id(http, email, timeout=timeout)) is not None:
                found[email] = user_id
    return found


def _customer_id(http: httpx.Client, email: str, *, timeout: float) -> int | None:
    """Return the id of the user with this email, or None if there is none."""
    try:
        response = request_within(
            http,
            "GET",
            "/api/users/",
            params={"email": email},
            deadline=Deadline(timeout),
        )
        page = response.json() if response.status_code == httpx.codes.OK else None
    except (httpx.HTTPError, ValueError) as exc:
        reason = f"cannot list users ({type(exc).__name__})"
        raise UsersServiceUnavailable(reason=reason) from exc
    results = page.get("results") if isinstance(page, dict) else None
    if not isinstance(results, list):
        reason = f"its users list answered {response.status_code} without results"
        raise UsersServiceUnavailable(reason=reason)
    if not results:
        return None
    first = results[0]
    user_id = first.get("id") if isinstance(first, dict) else None
    if type(user_id) is not int:
        raise UsersServiceUnavailable(reason="its users list has a user without an id")
    return user_id


def wait_for(*, base_url: str, seconds: float) -> bool:
    """Poll the users service until it answers or time is up; say whether it did."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            httpx.get(f"{base_url}/api/users/", timeout=1.0)
        except httpx.TransportError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.2)
        else:
            return True


def seed_orders(*, user_id: int) -> bool:
    """Give a customer a shipped and a pending order, unless they have orders."""
    if order_list(user_id=user_id).exists():
        return False
    shipped = order_place(user_id=user_id, lines=DEMO_LINES).order
    order_confirm(order_id=shipped.pk)
    order_ship(order_id=shipped.pk)
    order_place(user_id=user_id, lines=DEMO_LINES[1:])
    return True
