"""Tests of how orders learns a customer is gone: cancelling and refusing orders."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from orders.exceptions import OrderCustomerInvalid
from orders.models import CustomerDeactivation, Order, OrderStatus
from orders.services import (
    NewOrderLine,
    customer_deactivate,
    order_cancel_pending,
    order_place,
)
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db

BOOK = NewOrderLine(sku="BOOK-1", name="Book", quantity=1, unit_price=Decimal("42.50"))


def test_order_cancel_pending_returns_how_many_it_cancelled(users):
    user = users.add()
    OrderFactory.create_batch(2, user_id=user.id)
    OrderFactory(user_id=user.id, status=OrderStatus.CONFIRMED)

    cancelled = order_cancel_pending(user_id=user.id)

    assert cancelled == 2


def test_order_cancel_pending_moves_updated_at_of_the_cancelled_orders():
    order = OrderFactory()
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    Order.objects.filter(pk=order.pk).update(updated_at=long_ago)

    order_cancel_pending(user_id=order.user_id)

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert order.updated_at > long_ago


def test_order_place_refuses_a_user_orders_has_heard_was_deactivated(users):
    user = users.add()
    customer_deactivate(user_id=user.id, user_version=2)

    with pytest.raises(OrderCustomerInvalid, match="is inactive"):
        order_place(user_id=user.id, lines=[BOOK])

    assert Order.objects.count() == 0


def test_customer_deactivate_records_the_user_and_cancels_pending_orders():
    order = OrderFactory()

    cancelled = customer_deactivate(user_id=order.user_id, user_version=2)

    order.refresh_from_db()
    assert (cancelled, order.status) == (1, OrderStatus.CANCELLED)
    assert CustomerDeactivation.objects.get(user_id=order.user_id).user_version == 2


@pytest.mark.parametrize("version", [2, 1], ids=["repeated", "older"])
def test_customer_deactivate_ignores_a_repeated_or_older_notice(version):
    user_id = OrderFactory().user_id
    customer_deactivate(user_id=user_id, user_version=2)
    late_order = OrderFactory(user_id=user_id)

    cancelled = customer_deactivate(user_id=user_id, user_version=version)

    late_order.refresh_from_db()
    assert (cancelled, late_order.status) == (0, OrderStatus.PENDING)
    assert CustomerDeactivation.objects.get(user_id=user_id).user_version == 2


def test_customer_deactivate_records_a_newer_version():
    user_id = OrderFactory().user_id
    customer_deactivate(user_id=user_id, user_version=2)

    customer_deactivate(user_id=user_id, user_version=5)

    assert CustomerDeactivation.objects.get(user_id=user_id).user_version == 5
