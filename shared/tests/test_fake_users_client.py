"""The fake users client passes the same contract as the real implementations."""

import pytest

from shared.users.client import UserSnapshot, UsersServiceUnavailable
from shared.users.contract import GivenUser, UsersClientContract
from shared.users.fake import FakeUsersClient


@pytest.fixture
def fake() -> FakeUsersClient:
    """Return an empty fake."""
    return FakeUsersClient()


class TestFakeUsersClient(UsersClientContract):
    """The contract, run against `FakeUsersClient`."""

    @pytest.fixture
    def users_client(self, fake: FakeUsersClient) -> FakeUsersClient:
        """Return the fake itself."""
        return fake

    @pytest.fixture
    def given_user(self, fake: FakeUsersClient) -> GivenUser:
        """Store users in the fake."""

        def store(*, name: str, email: str, is_active: bool = True) -> UserSnapshot:
            user = fake.add(name=name, email=email)
            return user if is_active else fake.deactivate(user_id=user.id)

        return store


def test_fake_records_one_lookup_per_batched_call(fake: FakeUsersClient) -> None:
    ann, bo = fake.add(), fake.add()

    fake.user_get_many(user_ids=[bo.id, ann.id, ann.id])

    assert fake.lookups == [(ann.id, bo.id)]


def test_fake_that_is_down_answers_like_an_unreachable_service(
    fake: FakeUsersClient,
) -> None:
    ann = fake.add()
    fake.down = True

    with pytest.raises(UsersServiceUnavailable):
        fake.user_get(user_id=ann.id)
    with pytest.raises(UsersServiceUnavailable):
        fake.user_get_many(user_ids=[ann.id])
    assert fake.lookups == []
