"""Fixtures shared by the test suites of every app in the orders service."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from orders.clients import credit_client, lookup_client
from shared.users.credit_fake import FakeCreditClient
from shared.users.fake import FakeUsersClient


@pytest.fixture
def api_client() -> APIClient:
    """Return a DRF test client; tests pass `format="json"` for bodies."""
    return APIClient()


@pytest.fixture
def staff(db: None) -> Client:
    """Return a Django test client logged in to the admin as a superuser."""
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("boss", "", "pw"))
    return client


@pytest.fixture(autouse=True)
def users(settings: Settings) -> FakeUsersClient:
    """Stand a fake users service behind the replica: these tests start no other.

    Orders reads the replica; the fake answers its lookups of users it has
    never heard of. A change made in the fake reaches the replica only as
    it would in production: applied as an event (orders/sync.py).
    """
    settings.USERS_LOOKUP_CLIENT = "shared.users.fake.FakeUsersClient"
    fake = lookup_client()
    assert isinstance(fake, FakeUsersClient)
    return fake


@pytest.fixture(autouse=True)
def credit(settings: Settings) -> FakeCreditClient:
    """Stand a fake of users' credit reservations where the saga sends its steps."""
    settings.CREDIT_CLIENT = "shared.users.credit_fake.FakeCreditClient"
    fake = credit_client()
    assert isinstance(fake, FakeCreditClient)
    return fake
