"""The calls lab 4's checks make through the edge: users, orders, renames, waits.

Only the public API is used, so any design behind the edge is judged the
same way: what a client of port 8000 sees.
"""

import time
from collections.abc import Callable
from http import HTTPStatus

import httpx

from tools.labkit import CheckFailed

LINE = {"sku": "LAB-4", "name": "Lab mug", "quantity": 1, "unit_price": "9.99"}
POLL_SECONDS = 0.1
# The first change may wait for the workers to start and connect.
WARM_UP_SECONDS = 60.0


def create_user(edge: str, *, email: str) -> int:
    """Create a user through the edge; return its id."""
    created = _send("POST", f"{edge}/api/users/", {"name": "Lab", "email": email})
    if created.status_code != HTTPStatus.CREATED:
        raise CheckFailed(_said("creating a user", created))
    user_id: int = created.json()["id"]
    return user_id


def place_order(edge: str, *, user_id: int) -> int:
    """Place an order for the user through the edge; return its id."""
    placed = _send("POST", f"{edge}/api/orders/", {"user_id": user_id, "lines": [LINE]})
    if placed.status_code != HTTPStatus.CREATED:
        raise CheckFailed(_said("placing an order", placed))
    order_id: int = placed.json()["id"]
    return order_id


def rename(edge: str, *, user_id: int, name: str) -> int:
    """Change a user's name through the edge; return the user's new version."""
    changed = _send("PATCH", f"{edge}/api/users/{user_id}/", {"name": name})
    if changed.status_code != HTTPStatus.OK:
        raise CheckFailed(_said(f"renaming user {user_id}", changed))
    version: int = changed.json()["version"]
    return version


def customer_name(edge: str, *, order_id: int) -> str:
    """Return the customer's name an order shows through the edge, or what it said."""
    return name_shown(f"{edge}/api/orders/{order_id}/")


def name_shown(url: str) -> str:
    """GET an order, or a list of them, and return its first customer's name.

    Anything else it answers is returned as a description of what was seen.
    """
    try:
        response = httpx.get(url, timeout=10)
    except httpx.HTTPError as error:
        return f"no answer ({error!r})"
    if response.status_code != HTTPStatus.OK:
        return f"{response.status_code}: {response.text[:200]}"
    try:
        body = response.json()
        order = body["results"][0] if "results" in body else body
        return str(order["customer"]["name"])
    except (ValueError, KeyError, IndexError, TypeError):
        return f"no customer's name in {response.text[:200]}"


def seconds_until_shown(
    edge: str, *, order_id: int, name: str, within: float
) -> float | None:
    """Poll an order until its customer shows the name; return how long it took.

    None when it did not show within the given seconds.
    """
    began = time.monotonic()
    while time.monotonic() - began < within:
        if customer_name(edge, order_id=order_id) == name:
            return time.monotonic() - began
        time.sleep(POLL_SECONDS)
    return None


def warm_up(edge: str, *, user_id: int, order_id: int, why: Callable[[], str]) -> str:
    """Rename the user and wait until the order shows it; return the name.

    The wait is long enough for the workers to start: from then on, the
    stack is known to carry changes. `why` says what else was seen.
    """
    name = "Lab Warm-up"
    rename(edge, user_id=user_id, name=name)
    if (
        seconds_until_shown(edge, order_id=order_id, name=name, within=WARM_UP_SECONDS)
        is None
    ):
        shown = customer_name(edge, order_id=order_id)
        raise CheckFailed(
            f"a user renamed through the edge still showed {shown!r} on its "
            f"order {WARM_UP_SECONDS:g} s later\n{why()}"
        )
    return name


def _send(method: str, url: str, payload: dict[str, object]) -> httpx.Response:
    """Send JSON; a request that gets no answer fails the check."""
    try:
        return httpx.request(method, url, json=payload, timeout=30)
    except httpx.HTTPError as error:
        raise CheckFailed(f"{method} {url} got no answer: {error!r}") from None


def _said(what: str, response: httpx.Response) -> str:
    """Say what an unexpected answer was."""
    status, text = response.status_code, response.text[:300]
    return f"{what} through the edge answered {status}: {text}"
