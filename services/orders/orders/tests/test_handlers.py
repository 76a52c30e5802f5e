"""Tests of how orders reacts to other apps' events."""

import pytest

from orders.handlers import on_user_deactivated
from orders.models import OrderStatus
from orders.tests.factories import OrderFactory
from shared.events import UserDeactivated

pytestmark = pytest.mark.django_db


def deactivated(user_id):
    """Return the event users publishes when it deactivates this user."""
    return UserDeactivated(user_id=user_id, user_version=2)


def test_user_deactivated_cancels_the_users_pending_orders():
    user_id = OrderFactory().user_id
    orders = [OrderFactory(user_id=user_id) for _ in range(2)]

    on_user_deactivated(deactivated(user_id))

    for order in orders:
        order.refresh_from_db()
        assert (order.status, order.version) == (OrderStatus.CANCELLED, 2)


@pytest.mark.parametrize(
    "status", [OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.CANCELLED]
)
def test_user_deactivated_leaves_orders_that_are_not_pending_alone(status):
    order = OrderFactory(status=status)

    on_user_deactivated(deactivated(order.user_id))

    order.refresh_from_db()
    assert (order.status, order.version) == (status, 1)


def test_user_deactivated_leaves_other_users_orders_alone():
    order, other = OrderFactory(), OrderFactory()

    on_user_deactivated(deactivated(order.user_id))

    other.refresh_from_db()
    assert (other.status, other.version) == (OrderStatus.PENDING, 1)


def test_user_deactivated_delivered_twice_changes_nothing_more():
    order = OrderFactory()
    event = deactivated(order.user_id)
    on_user_deactivated(event)
    order.refresh_from_db()
    after_first = (order.status, order.version, order.updated_at)

    on_user_deactivated(event)

    order.refresh_from_db()
    assert (order.status, order.version, order.updated_at) == after_first
