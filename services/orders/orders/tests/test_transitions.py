"""Tests of confirm, ship and cancel where the customer matters.

The customer comes from the replica, so the users service being down
changes nothing; only a customer the replica has never heard of is asked
for, before anything is saved. An inactive customer's order may only be
cancelled.
"""

from http import HTTPStatus

import pytest

from orders.exceptions import OrderCustomerInactive
from orders.models import OrderStatus
from orders.services import order_cancel, order_confirm, order_ship
from orders.sync import customer_apply
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db

# Each action, from a status that allows it.
ACTIONS = [
    ("confirm", OrderStatus.PENDING),
    ("ship", OrderStatus.CONFIRMED),
    ("cancel", OrderStatus.CONFIRMED),
]
SERVICES = {"confirm": order_confirm, "ship": order_ship, "cancel": order_cancel}


@pytest.mark.parametrize(("action", "status"), ACTIONS)
def test_order_transition_works_from_the_replica_while_users_is_down(
    api_client, users, action, status
):
    order = OrderFactory(status=status)
    users.down = True

    response = api_client.post(f"/api/orders/{order.pk}/{action}/")

    assert response.status_code == HTTPStatus.OK
    assert users.lookups == []


@pytest.mark.parametrize(("action", "status"), ACTIONS)
def test_order_transition_of_an_unknown_customer_saves_nothing_when_users_is_down(
    api_client, users, action, status
):
    order = OrderFactory(status=status, user_id=users.add().id)
    users.down = True

    response = api_client.post(f"/api/orders/{order.pk}/{action}/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    order.refresh_from_db()
    assert (order.status, order.version) == (status, 1)


def test_order_ship_refuses_an_inactive_customers_confirmed_order(users):
    order = OrderFactory(status=OrderStatus.CONFIRMED)
    customer_apply(user=users.deactivate(user_id=order.user_id))

    with pytest.raises(OrderCustomerInactive):
        order_ship(order_id=order.pk)

    order.refresh_from_db()
    assert (order.status, order.version) == (OrderStatus.CONFIRMED, 1)


def test_a_deactivation_reaching_the_replica_cancels_pending_orders(users):
    order = OrderFactory(status=OrderStatus.PENDING)

    customer_apply(user=users.deactivate(user_id=order.user_id))

    order.refresh_from_db()
    assert (order.status, order.version) == (OrderStatus.CANCELLED, 2)


def test_order_cancel_cancels_an_inactive_customers_order(users):
    order = OrderFactory(status=OrderStatus.CONFIRMED)
    customer_apply(user=users.deactivate(user_id=order.user_id))

    cancelled = order_cancel(order_id=order.pk).order

    assert cancelled.status == OrderStatus.CANCELLED


def test_order_ship_api_answers_409_naming_the_inactive_customer(api_client, users):
    order = OrderFactory(status=OrderStatus.CONFIRMED)
    customer_apply(user=users.deactivate(user_id=order.user_id))

    response = api_client.post(f"/api/orders/{order.pk}/ship/")

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == {
        "detail": f"Cannot ship order {order.pk}: its customer, "
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
