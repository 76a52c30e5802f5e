"""The in-process users client passes the contract every UsersClient must pass."""

import pytest

from shared.users.client import UserSnapshot
from shared.users.contract import GivenUser, UsersClientContract
from users.client import InProcessUsersClient
from users.services import user_create, user_deactivate


@pytest.mark.django_db
class TestInProcessUsersClient(UsersClientContract):
    """The contract, run against the users app's own selectors."""

    @pytest.fixture
    def users_client(self):
        """Return the in-process client."""
        return InProcessUsersClient()

    @pytest.fixture
    def given_user(self) -> GivenUser:
        """Create users through the users services."""

        def store(*, name: str, email: str, is_active: bool = True) -> UserSnapshot:
            user = user_create(name=name, email=email)
            if not is_active:
                user = user_deactivate(user_id=user.pk)
            return UserSnapshot(
                id=user.pk,
                name=user.name,
                email=user.email,
                is_active=user.is_active,
                version=user.version,
            )

        return store


@pytest.mark.django_db
def test_user_get_many_costs_one_query(django_assert_num_queries):
    ids = [user_create(name=f"U{n}", email=f"u{n}@example.com").pk for n in range(5)]

    with django_assert_num_queries(1):
        found = InProcessUsersClient().user_get_many(user_ids=ids)

    assert sorted(found) == ids
