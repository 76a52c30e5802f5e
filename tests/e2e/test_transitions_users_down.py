"""End to end: confirm, ship and cancel while the users service is stopped.

Since stage 4 the orders service reads the customer from its replica, so
each is done while users is away (in stage 3 each answered 503 and saved
nothing).
"""

from collections.abc import Iterator
from http import HTTPStatus

import httpx
import pytest

from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, started

# Each action, and the status the order is brought to before users stops.
ACTIONS = {"confirm": "pending", "ship": "confirmed", "cancel": "confirmed"}
DONE = {"confirm": "confirmed", "ship": "shipped", "cancel": "cancelled"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of this module's own: its users service is stopped and restarted."""
    stack = build_stack(tmp_path_factory.mktemp("transitions"))
    with started(stack):
        yield stack


@pytest.fixture(scope="module")
def api(stack: Stack) -> Iterator[httpx.Client]:
    """Return a client of the edge."""
    with httpx.Client(base_url=stack.url, timeout=30.0) as client:
        yield client


@pytest.fixture(scope="module")
def orders(api: httpx.Client) -> dict[str, dict[str, object]]:
    """Place one order per action and bring it to the status the action needs."""
    user = api.post("/api/users/", json={"name": "Ann", "email": "ann@example.com"})
    placed = {}
    for action, status in ACTIONS.items():
        order = api.post(
            "/api/orders/", json={"user_id": user.json()["id"], "lines": [line()]}
        ).json()
        if status == "confirmed":
            order = api.post(f"/api/orders/{order['id']}/confirm/").json()
        placed[action] = order
    return placed


@pytest.fixture(scope="module")
def answers_while_down(
    stack: Stack, api: httpx.Client, orders: dict[str, dict[str, object]]
) -> dict[str, httpx.Response]:
    """Stop users, ask for each action, and start users again."""
    stack.users.stop()
    try:
        return {
            action: api.post(f"/api/orders/{order['id']}/{action}/")
            for action, order in orders.items()
        }
    finally:
        stack.users.start()


@pytest.mark.parametrize("action", ACTIONS)
def test_transition_is_done_while_users_is_stopped(answers_while_down, action):
    response = answers_while_down[action]

    assert response.status_code == HTTPStatus.OK, response.text
    assert response.json()["status"] == DONE[action]


@pytest.mark.parametrize("action", ACTIONS)
def test_transition_done_while_users_was_stopped_is_kept(
    api, orders, answers_while_down, action
):
    order = orders[action]

    now = api.get(f"/api/orders/{order['id']}/").json()

    assert (now["status"], now["version"]) == (DONE[action], order["version"] + 1)
