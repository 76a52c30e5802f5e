"""Fixtures of the edge's API tests."""

import pytest
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from api.proxy import service_http
from api.tests.fakes import FakeService

USERS_URL = "http://users.internal:8001"
ORDERS_URL = "http://orders.internal:8002"


@pytest.fixture
def api_client() -> APIClient:
    """Return a DRF test client; tests pass `format="json"` for bodies."""
    return APIClient()


@pytest.fixture(autouse=True)
def routes(settings: Settings) -> None:
    """Route to fake services, at addresses no test can reach by accident."""
    settings.EDGE_ROUTES = {"/api/users": USERS_URL, "/api/orders": ORDERS_URL}
    settings.EDGE_HTTP = "api.tests.fakes.FakeService"


def fake_service(prefix: str) -> FakeService:
    """Return the fake service the proxy forwards prefix to."""
    fake = service_http(prefix)
    assert isinstance(fake, FakeService)
    return fake


@pytest.fixture
def upstream(routes: None) -> FakeService:
    """Return the fake users service."""
    return fake_service("/api/users")


@pytest.fixture
def orders_upstream(routes: None) -> FakeService:
    """Return the fake orders service."""
    return fake_service("/api/orders")
