"""Public API: the order lifecycle, pending -> confirmed -> shipped, or cancelled."""

from datetime import datetime
from http import HTTPStatus

import pytest

ALLOWED = [
    ("pending", "confirm", "confirmed"),
    ("confirmed", "ship", "shipped"),
    ("pending", "cancel", "cancelled"),
    ("confirmed", "cancel", "cancelled"),
]
FORBIDDEN = [
    ("pending", "ship"),
    ("confirmed", "confirm"),
    ("shipped", "confirm"),
    ("shipped", "ship"),
    ("shipped", "cancel"),
    ("cancelled", "confirm"),
    ("cancelled", "ship"),
    ("cancelled", "cancel"),
]


@pytest.mark.parametrize(
    ("status", "action", "new_status"),
    ALLOWED,
    ids=[f"{action}-{status}" for status, action, _ in ALLOWED],
)
def test_order_transition_moves_status(api, shop, status, action, new_status):
    order = shop.order_with_status(status)

    response = api.post(f"/api/orders/{order['id']}/{action}/")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["status"] == new_status


@pytest.mark.parametrize(
    ("status", "action"),
    [(status, action) for status, action, _ in ALLOWED],
    ids=[f"{action}-{status}" for status, action, _ in ALLOWED],
)
def test_order_transition_returns_next_version(api, shop, status, action):
    order = shop.order_with_status(status)

    response = api.post(f"/api/orders/{order['id']}/{action}/")

    assert response.json()["version"] == order["version"] + 1


def test_order_transition_is_visible_on_retrieve(api, shop, order):
    api.post(f"/api/orders/{order['id']}/confirm/")

    fetched = shop.get_order(order["id"])

    assert fetched["status"] == "confirmed"
    assert fetched["version"] == 2


def test_order_transition_moves_updated_at_forward(api, order):
    response = api.post(f"/api/orders/{order['id']}/confirm/")

    body = response.json()
    before = datetime.fromisoformat(order["updated_at"])
    assert datetime.fromisoformat(body["updated_at"]) > before
    assert body["created_at"] == order["created_at"]


def test_order_full_lifecycle_counts_every_change(api, order):
    api.post(f"/api/orders/{order['id']}/confirm/")

    response = api.post(f"/api/orders/{order['id']}/ship/")

    assert response.json()["status"] == "shipped"
    assert response.json()["version"] == 3


@pytest.mark.parametrize(
    ("status", "action"),
    FORBIDDEN,
    ids=[f"{action}-{status}" for status, action in FORBIDDEN],
)
def test_order_transition_not_allowed_returns_409(api, shop, status, action):
    order = shop.order_with_status(status)

    response = api.post(f"/api/orders/{order['id']}/{action}/")

    assert response.status_code == HTTPStatus.CONFLICT


def test_order_confirm_twice_returns_409(api, order):
    api.post(f"/api/orders/{order['id']}/confirm/")

    response = api.post(f"/api/orders/{order['id']}/confirm/")

    assert response.status_code == HTTPStatus.CONFLICT


def test_order_transition_not_allowed_changes_nothing(api, shop):
    shipped = shop.order_with_status("shipped")

    api.post(f"/api/orders/{shipped['id']}/cancel/")

    assert shop.get_order(shipped["id"]) == shipped
