"""Fixtures of the orders tests: a fake UsersClient in place of the users app."""

import pytest

from orders.clients import users_client
from shared.users.fake import FakeUsersClient


@pytest.fixture(autouse=True)
def users(settings) -> FakeUsersClient:
    """Give orders a fake UsersClient, so its tests need no users app at all."""
    settings.USERS_CLIENT = "shared.users.fake.FakeUsersClient"
    fake = users_client()
    assert isinstance(fake, FakeUsersClient)
    return fake
