"""The orders service's wiring: orders meets users through HTTP and the event bus.

These tests use the real settings, as `make run` does, but start no users
service: what needs one runs in tests/ against real processes.
"""

import importlib
from decimal import Decimal

import pytest

from config import settings as config_settings
from config.clients import http_users_client
from config.events import bus
from orders.checks import check_users_client
from orders.models import OrderStatus
from orders.selectors import order_get
from orders.services import NewOrderLine, order_place
from shared.events import UserDeactivated
from shared.users.http import HttpUsersClient

pytestmark = pytest.mark.django_db

MUG = NewOrderLine(sku="MUG-1", name="Mug", quantity=1, unit_price=Decimal("9.99"))


def test_orders_gets_the_http_client_of_the_users_service(settings):
    settings.USERS_SERVICE_URL = "http://users.test:8001"

    client = http_users_client()

    assert isinstance(client, HttpUsersClient)
    assert client.base_url == "http://users.test:8001"


def test_the_http_client_keeps_to_the_budget_the_settings_give(settings):
    settings.USERS_SERVICE_DEADLINE = 1.5
    settings.USERS_SERVICE_ATTEMPTS = 4
    settings.USERS_BREAKER_FAILURES = 6
    settings.USERS_BREAKER_RESET_SECONDS = 20.0

    client = http_users_client()

    assert (client.deadline, client.attempts) == (1.5, 4)
    assert client.breaker is not None
    assert (client.breaker.fail_max, client.breaker.reset_timeout) == (6, 20.0)


def test_the_settings_choose_the_http_client_unless_told_otherwise(
    settings, monkeypatch
):
    monkeypatch.delenv("USERS_CLIENT", raising=False)
    chosen = importlib.reload(config_settings).USERS_CLIENT
    settings.USERS_CLIENT = chosen

    assert chosen == "config.clients.http_users_client"
    assert check_users_client(None) == []


def test_a_user_deactivated_event_on_the_bus_cancels_pending_orders(users):
    order = order_place(user_id=users.add().id, lines=[MUG]).order

    bus.publish(UserDeactivated(user_id=order.user_id, user_version=2))

    assert order_get(order_id=order.pk).status == OrderStatus.CANCELLED
