"""Tests of confirm, ship and cancel where the customer matters.

What the answer needs is asked of the users service before anything is
saved, and an inactive customer's order may only be cancelled.
"""

from http import HTTPStatus

import pytest

from orders.exceptions import OrderCustomerInactive
from orders.models import CustomerDeactivation, OrderStatus
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


@pytest.mark.parametrize(("action", "status"), ACTIONS[:2])
def test_order_transition_refuses_to_move_on_an_inactive_customers_order(
    users, action, status
):
    order = OrderFactory(status=status)
    users.deactivate(user_id=order.user_id)

    with pytest.raises(OrderCustomerInactive):
        SERVICES[action](order_id=order.pk)

    order.refresh_from_db()
    assert (order.status, order.version) == (status, 1)


@pytest.mark.parametrize(("action", "status"), ACTIONS[:2])
def test_order_transition_refuses_a_customer_orders_has_heard_was_deactivated(
    action, status
):
    order = OrderFactory(status=status)
    CustomerDeactivation.objects.create(user_id=order.user_id, user_version=2)

    with pytest.raises(OrderCustomerInactive):
        SERVICES[action](order_id=order.pk)


def test_order_cancel_cancels_an_inactive_customers_order(users):
    order = OrderFactory(status=OrderStatus.CONFIRMED)
    users.deactivate(user_id=order.user_id)

    cancelled = order_cancel(order_id=order.pk).order

    assert cancelled.status == OrderStatus.CANCELLED


def test_order_confirm_api_answers_409_naming_the_inactive_customer(api_client, users):
    order = OrderFactory(status=OrderStatus.PENDING)
    users.deactivate(user_id=order.user_id)

    response = api_client.post(f"/api/orders/{order.pk}/confirm/")

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == {
        "detail": f"Cannot confirm order {order.pk}: its customer, "
        f"user {order.user_id}, is inactive."
    }


def test_order_transition_api_answers_500_in_json_naming_a_missing_customer(
    api_client,
):
    order = OrderFactory(user_id=999)

    response = api_client.post(f"/api/orders/{order.pk}/confirm/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.json() == {"detail": "Orders name users that do not exist: 999."}
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
