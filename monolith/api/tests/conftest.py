"""Fixtures of the edge's API tests."""

import pytest
from pytest_django.fixtures import Settings

from api.proxy import users_service
from api.tests.fakes import FakeUsersService


@pytest.fixture
def upstream(settings: Settings) -> FakeUsersService:
    """Give the proxy a fake users service over httpx.MockTransport."""
    settings.USERS_PROXY_HTTP = "api.tests.fakes.FakeUsersService"
    fake = users_service()
    assert isinstance(fake, FakeUsersService)
    return fake
