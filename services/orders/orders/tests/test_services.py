"""Tests of the orders app's writes: placing orders and moving them on."""

from decimal import Decimal
from itertools import product

import pytest

from orders.exceptions import (
    OrderCustomerInvalid,
    OrderInvalid,
    OrderLinesMissing,
    OrderNotAllowed,
    OrderNotFound,
)
from orders.lines import NewOrderLine
from orders.models import Order, OrderStatus
from orders.services import (
    order_cancel,
    order_confirm,
    order_place,
    order_ship,
)
from orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db

MUGS = NewOrderLine(sku="MUG-1", name="Mug", quantity=2, unit_price=Decimal("9.99"))
BOOK = NewOrderLine(sku="BOOK-1", name="Book", quantity=1, unit_price=Decimal("42.50"))

SERVICES = {"confirm": order_confirm, "ship": order_ship, "cancel": order_cancel}
# The life cycle the public API promises: (action, from status) -> new status.
ALLOWED = {
    ("confirm", OrderStatus.PENDING): OrderStatus.CONFIRMED,
    ("ship", OrderStatus.CONFIRMED): OrderStatus.SHIPPED,
    ("cancel", OrderStatus.PENDING): OrderStatus.CANCELLED,
    ("cancel", OrderStatus.CONFIRMED): OrderStatus.CANCELLED,
    ("cancel", OrderStatus.AWAITING_CREDIT): OrderStatus.CANCELLED,
}
NOT_ALLOWED = [
    pair for pair in product(SERVICES, OrderStatus.values) if pair not in ALLOWED
]


def test_order_place_computes_the_total_as_a_decimal(users):
    user = users.add()

    order = order_place(user_id=user.id, lines=[MUGS, BOOK]).order

    assert isinstance(order.total, Decimal)
    assert order.total == Decimal("62.48")


def test_order_place_creates_a_pending_order_at_version_one(users):
    user = users.add()

    order = order_place(user_id=user.id, lines=[BOOK]).order

    order.refresh_from_db()
    assert (order.user_id, order.status, order.version) == (user.id, "pending", 1)


def test_order_place_stores_the_lines_in_order(users):
    user = users.add()

    order = order_place(user_id=user.id, lines=[MUGS, BOOK]).order

    stored = order.lines.values_list("sku", "name", "quantity", "unit_price")
    assert list(stored) == [
        ("MUG-1", "Mug", 2, Decimal("9.99")),
        ("BOOK-1", "Book", 1, Decimal("42.50")),
    ]


def test_order_place_rejects_unknown_user():
    with pytest.raises(OrderCustomerInvalid) as exc_info:
        order_place(user_id=404, lines=[BOOK])

    assert exc_info.value.field == "user_id"
    assert str(exc_info.value) == "User 404 does not exist."


def test_order_place_rejects_inactive_user(users):
    user = users.add(is_active=False)

    with pytest.raises(OrderCustomerInvalid) as exc_info:
        order_place(user_id=user.id, lines=[BOOK])

    assert exc_info.value.field == "user_id"
    assert Order.objects.count() == 0


def test_order_place_rejects_empty_lines(users):
    user = users.add()

    with pytest.raises(OrderLinesMissing) as exc_info:
        order_place(user_id=user.id, lines=[])

    assert exc_info.value.field == "lines"
    assert Order.objects.count() == 0


@pytest.mark.parametrize(("action", "status"), list(ALLOWED))
def test_order_transition_moves_the_order_on_and_bumps_version(action, status):
    order = OrderFactory(status=status)

    moved = SERVICES[action](order_id=order.pk).order

    order.refresh_from_db()
    assert (order.status, order.version) == (ALLOWED[action, status], 2)
    assert (moved.status, moved.version) == (order.status, 2)


@pytest.mark.parametrize(("action", "status"), NOT_ALLOWED)
def test_order_transition_refuses_disallowed_pair(action, status):
    order = OrderFactory(status=status)

    with pytest.raises(OrderNotAllowed) as exc_info:
        SERVICES[action](order_id=order.pk)

    assert (exc_info.value.action, exc_info.value.status) == (action, status)


def test_order_transition_refused_leaves_the_order_unchanged():
    order = OrderFactory(status=OrderStatus.SHIPPED)

    with pytest.raises(OrderNotAllowed):
        order_cancel(order_id=order.pk)

    order.refresh_from_db()
    assert (order.status, order.version) == (OrderStatus.SHIPPED, 1)


@pytest.mark.parametrize("action", list(SERVICES))
def test_order_transition_raises_order_not_found_for_unknown_id(action):
    with pytest.raises(OrderNotFound):
        SERVICES[action](order_id=404)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sku": ""}, "sku"),
        ({"sku": "   "}, "sku"),
        ({"name": "\u200b"}, "name"),
        ({"sku": "S" * 65}, "sku"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": 10_001}, "quantity"),
        ({"unit_price": Decimal("1.005")}, "unit_price"),
        ({"unit_price": Decimal("-0.01")}, "unit_price"),
        ({"unit_price": Decimal("100000000.00")}, "unit_price"),
    ],
    ids=repr,
)
def test_order_place_refuses_a_line_the_api_refuses(users, changes, field):
    user = users.add()
    bad = NewOrderLine(**{**vars(BOOK), **changes})

    with pytest.raises(OrderInvalid) as raised:
        order_place(user_id=user.id, lines=[BOOK, bad])

    assert list(raised.value.errors["lines"]) == ["1"]
    assert list(raised.value.errors["lines"]["1"]) == [field]
    assert Order.objects.count() == 0


def test_order_place_refuses_more_than_one_hundred_lines(users):
    user = users.add()

    with pytest.raises(OrderInvalid) as raised:
        order_place(user_id=user.id, lines=[BOOK] * 101)

    assert list(raised.value.errors) == ["lines"]
    assert Order.objects.count() == 0


def test_order_place_trims_line_texts_as_the_api_does(users):
    user_id = users.add().id
    padded = NewOrderLine(
        sku=" MUG-1 ", name=" Mug ", quantity=1, unit_price=Decimal(1)
    )

    order = order_place(user_id=user_id, lines=[padded]).order

    assert order.lines.values_list("sku", "name").get() == ("MUG-1", "Mug")
