"""The monolith's wiring: users and orders meet only through the client and the bus.

These tests run both apps together with the real settings, the in-process
UsersClient and the monolith's event bus, as `make run` does.
"""

from decimal import Decimal

import pytest
from django.conf import settings

from config.events import bus
from orders.checks import check_users_client
from orders.models import OrderStatus
from orders.selectors import order_get
from orders.services import NewOrderLine, order_place
from shared.events import EventHandlerFailed, UserDeactivated
from users.selectors import user_get
from users.services import user_create, user_deactivate

pytestmark = pytest.mark.django_db

MUG = NewOrderLine(sku="MUG-1", name="Mug", quantity=1, unit_price=Decimal("9.99"))


def test_deactivating_a_user_cancels_their_pending_orders_in_the_same_transaction():
    user = user_create(name="Ann", email="ann@example.com")
    order = order_place(user_id=user.pk, lines=[MUG])

    user_deactivate(user_id=user.pk)

    assert order_get(order_id=order.pk).status == OrderStatus.CANCELLED


def test_a_failing_subscriber_rolls_back_the_deactivation_and_the_cancellation():
    user = user_create(name="Ann", email="ann@example.com")
    order = order_place(user_id=user.pk, lines=[MUG])

    def refuse(event):
        raise RuntimeError("a subscriber is broken")

    unsubscribe = bus.subscribe(UserDeactivated, refuse)
    try:
        with pytest.raises(EventHandlerFailed):
            user_deactivate(user_id=user.pk)
    finally:
        unsubscribe()

    assert user_get(user_id=user.pk).is_active
    assert order_get(order_id=order.pk).status == OrderStatus.PENDING


def test_the_monolith_gives_orders_the_in_process_users_client():
    assert settings.USERS_CLIENT == "users.client.InProcessUsersClient"
    assert check_users_client(None) == []
