"""Tests of `orders_credit_sagas`: the sagas not done, and a parked one retried."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from orders.lines import NewOrderLine
from orders.models import CreditSaga, SagaState
from orders.services import order_place

pytestmark = pytest.mark.django_db

BOOK_LINE = NewOrderLine(sku="B-1", name="Book", quantity=1, unit_price=Decimal("9"))


@pytest.fixture
def parked_order_id(users, credit):
    user = users.add(credit_limit=Decimal("100.00"))
    order = order_place(user_id=user.id, lines=[BOOK_LINE]).order
    CreditSaga.objects.filter(pk=order.pk).update(
        state=SagaState.PARKED, last_error="boom"
    )
    return order.pk


def test_orders_credit_sagas_lists_a_parked_saga(parked_order_id):
    listing = StringIO()

    call_command("orders_credit_sagas", stdout=listing)

    assert (
        f"order {parked_order_id}  reserve parked  tries 0  boom" in listing.getvalue()
    )
    assert "1 sagas not done, 1 parked." in listing.getvalue()


def test_orders_credit_sagas_retries_a_parked_saga(parked_order_id):
    retried = StringIO()

    call_command("orders_credit_sagas", "--retry", str(parked_order_id), stdout=retried)

    assert "its saga's step is sent again" in retried.getvalue()
    assert CreditSaga.objects.get(pk=parked_order_id).state == SagaState.RUNNING


def test_orders_credit_sagas_refuses_to_retry_a_saga_not_parked():
    with pytest.raises(CommandError, match="not parked"):
        call_command("orders_credit_sagas", "--retry", "7")
