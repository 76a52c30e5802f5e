"""Tests of the `seed_demo` management command: what it loads and when it runs."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from orders.models import Order, OrderLine, OrderStatus
from users.models import User

pytestmark = pytest.mark.django_db


def counts():
    """Return how many rows of each seeded kind exist."""
    return {
        "admins": get_user_model().objects.count(),
        "users": User.objects.count(),
        "orders": Order.objects.count(),
        "lines": OrderLine.objects.count(),
    }


def test_seed_demo_loads_admin_customers_and_orders(settings):
    settings.DEBUG = True

    call_command("seed_demo")

    assert counts() == {"admins": 1, "users": 3, "orders": 6, "lines": 9}
    assert Order.objects.filter(status=OrderStatus.SHIPPED).count() == 3


def test_seed_demo_run_twice_adds_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = counts()

    call_command("seed_demo")

    assert counts() == first


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG only"):
        call_command("seed_demo")

    assert counts() == {"admins": 0, "users": 0, "orders": 0, "lines": 0}
