"""Tests of confirm, ship and cancel where the customer matters.

What the answer needs is asked of the users service before anything is
saved.
"""

from http import HTTPStatus

import pytest

from orders.models import OrderStatus
from orders.services import order_cancel, order_confirm, order_ship
from orders.tests.factories import OrderFactory
from shared.users.client import UsersServiceUnavailable

pytestmark = pytest.mark.django_db

# Each action, from a status that allows it.
ACTIONS = [
    ("confirm", OrderStatus.PENDING),
    ("ship", OrderStatus.CONFIRMED),
    ("cancel", OrderStatus.CONFIRMED),
]
SERVICES = {"confirm": order_confirm, "ship": order_ship, "cancel": order_cancel}


@pytest.mark.parametrize(("action", "status"), ACTIONS)
def test_order_transition_saves_nothing_when_users_is_down(users, action, status):
    order = OrderFactory(status=status)
    users.down = True

    with pytest.raises(UsersServiceUnavailable):
        SERVICES[action](order_id=order.pk)

    order.refresh_from_db()
    assert (order.status, order.version) == (status, 1)


@pytest.mark.parametrize(("action", "status"), ACTIONS)
def test_order_transition_api_answers_503_and_saves_nothing_when_users_is_down(
    api_client, users, action, status
):
    order = OrderFactory(status=status)
    users.down = True

    response = api_client.post(f"/api/orders/{order.pk}/{action}/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    order.refresh_from_db()
    assert (order.status, order.version) == (status, 1)


@pytest.mark.parametrize(("action", "status"), ACTIONS)
def test_order_transition_api_asks_users_once_before_the_write(
    api_client, users, action, status
):
    order = OrderFactory(status=status)

    response = api_client.post(f"/api/orders/{order.pk}/{action}/")

    assert response.status_code == HTTPStatus.OK
    assert users.lookups == [(order.user_id,)]


def test_order_transition_api_answers_500_in_json_naming_a_missing_customer(
    api_client,
):
    order = OrderFactory(user_id=999)

    response = api_client.post(f"/api/orders/{order.pk}/confirm/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.json() == {"detail": "Orders name users that do not exist: 999."}
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
