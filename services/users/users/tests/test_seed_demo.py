"""Tests of the users service's `seed_demo` command: what it loads and when."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from users.models import User

pytestmark = pytest.mark.django_db


def counts():
    """Return how many rows of each seeded kind exist."""
    return {
        "admins": get_user_model().objects.count(),
        "users": User.objects.count(),
    }


def test_seed_demo_loads_admin_and_customers(settings):
    settings.DEBUG = True

    call_command("seed_demo")

    assert counts() == {"admins": 1, "users": 3}


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

    assert counts() == {"admins": 0, "users": 0}
