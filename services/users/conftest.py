"""Fixtures shared by the test suites of the users service."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient


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
