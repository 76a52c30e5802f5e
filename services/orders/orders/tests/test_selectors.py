"""Tests of the orders app's reads: filtering, fetching and query counts."""

import pytest

from orders.exceptions import OrderCustomerMissing, OrderNotFound
from orders.models import CreditSaga, OrderStatus, SagaState, SagaStep
from orders.selectors import (
    order_customers,
    order_get,
    order_list,
    saga_list_open,
)
from orders.tests.factories import OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db


def test_order_list_without_filters_returns_every_order_in_id_order():
    orders = [OrderFactory(status=OrderStatus.SHIPPED), OrderFactory(), OrderFactory()]

    listed = order_list()

    assert list(listed) == orders


def test_order_list_filters_by_user(users):
    user = users.add()
    order = OrderFactory(user_id=user.id)
    OrderFactory()

    listed = order_list(user_id=user.id)

    assert list(listed) == [order]


def test_order_list_filters_by_status():
    confirmed = OrderFactory(status=OrderStatus.CONFIRMED)
    OrderFactory()

    listed = order_list(status=OrderStatus.CONFIRMED)

    assert list(listed) == [confirmed]


def test_order_list_combines_user_and_status_filters(users):
    user = users.add()
    wanted = OrderFactory(user_id=user.id, status=OrderStatus.SHIPPED)
    OrderFactory(user_id=user.id)
    OrderFactory(status=OrderStatus.SHIPPED)

    listed = order_list(user_id=user.id, status=OrderStatus.SHIPPED)

    assert list(listed) == [wanted]


def test_order_get_loads_the_order_and_its_lines_in_two_queries(
    django_assert_num_queries,
):
    line = OrderLineFactory()

    with django_assert_num_queries(2):
        order = order_get(order_id=line.order_id)
        lines = list(order.lines.all())

    assert lines == [line]


def test_order_customers_reads_a_pages_customers_from_the_replica_at_once(
    users, django_assert_num_queries
):
    orders = OrderFactory.create_batch(3)
    users.lookups.clear()

    with django_assert_num_queries(1):
        customers = order_customers(orders=orders)

    assert users.lookups == []
    assert sorted(customers) == sorted(order.user_id for order in orders)


def test_order_get_raises_order_not_found_for_unknown_id():
    with pytest.raises(OrderNotFound) as exc_info:
        order_get(order_id=404)

    assert exc_info.value.order_id == 404


def test_order_customers_refuses_an_order_whose_user_does_not_exist(users):
    orders = [OrderFactory(), OrderFactory(user_id=999)]

    with pytest.raises(OrderCustomerMissing) as raised:
        order_customers(orders=orders)

    assert raised.value.user_ids == [999]


def test_saga_list_open_returns_running_and_parked_sagas_in_order_id_order():
    states = [SagaState.PARKED, SagaState.DONE, SagaState.RUNNING]
    orders = OrderFactory.create_batch(3)
    for order, state in zip(orders, states, strict=True):
        CreditSaga.objects.create(
            order=order,
            user_id=order.user_id,
            amount="1.00",
            step=SagaStep.RESERVE,
            state=state,
        )

    open_sagas = list(saga_list_open())

    assert [saga.order_id for saga in open_sagas] == [orders[0].pk, orders[2].pk]
