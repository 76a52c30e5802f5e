"""HttpUsersClient passes the UsersClient contract against a real users service.

The same suite the in-process client and the fake pass (shared/users/contract.py),
here over HTTP to a users-service process.
"""

import uuid

import httpx
import pytest

from shared.users.client import UserSnapshot
from shared.users.contract import GivenUser, UsersClientContract
from shared.users.http import HttpUsersClient, OneByOneHttpUsersClient, user_snapshot


class TestHttpUsersClient(UsersClientContract):
    """The contract, run against the users service over HTTP."""

    @pytest.fixture
    def users_client(self, users_service):
        """Return a client of the running users service."""
        return HttpUsersClient(base_url=users_service.url, deadline=5.0)

    @pytest.fixture
    def given_user(self, users_service) -> GivenUser:
        """Create users through the service's API, each with an email of its own."""

        def store(*, name: str, email: str, is_active: bool = True) -> UserSnapshot:
            unique = f"{uuid.uuid4().hex[:8]}-{email}"
            with httpx.Client(base_url=users_service.url, timeout=5.0) as api:
                created = api.post("/api/users/", json={"name": name, "email": unique})
                user = created.json()
                if not is_active:
                    user = api.post(f"/api/users/{user['id']}/deactivate/").json()
            return user_snapshot(user)

        return store


class TestOneByOneHttpUsersClient(TestHttpUsersClient):
    """The contract, run against the naive client that make bench compares."""

    @pytest.fixture
    def users_client(self, users_service):
        """Return a naive client of the running users service."""
        return OneByOneHttpUsersClient(base_url=users_service.url, deadline=5.0)
