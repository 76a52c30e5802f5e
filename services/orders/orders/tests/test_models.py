"""Tests of the order models: totals and the guards kept in the database."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from orders.models import Order
from orders.tests.factories import OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db


def test_order_total_sums_prefetched_lines_without_queries(django_assert_num_queries):
    order = OrderFactory()
    OrderLineFactory(order=order, quantity=2, unit_price=Decimal("9.99"))
    OrderLineFactory(order=order, quantity=1, unit_price=Decimal("42.50"))
    order = Order.objects.prefetch_related("lines").get(pk=order.pk)

    with django_assert_num_queries(0):
        total = order.total

    assert total == Decimal("62.48")


def test_order_total_without_lines_is_zero_with_two_places():
    order = OrderFactory()

    total = order.total

    assert str(total) == "0.00"


def test_order_line_total_multiplies_quantity_by_unit_price():
    line = OrderLineFactory.build(quantity=3, unit_price=Decimal("0.10"))

    assert line.line_total == Decimal("0.30")


def test_order_status_constraint_rejects_unknown_status():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(status="lost")


def test_order_line_quantity_constraint_rejects_zero():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderLineFactory(quantity=0)


def test_order_line_price_constraint_rejects_negative_price():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderLineFactory(unit_price=Decimal("-0.01"))


def test_order_user_id_constraint_rejects_zero():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderFactory(user_id=0)
