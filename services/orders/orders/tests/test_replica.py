"""Tests of ReplicaUsersClient: the UsersClient contract, read from the replica."""

from itertools import count

import pytest

from orders.models import Customer
from orders.replica import ReplicaUsersClient
from orders.sync import customer_apply
from shared.users.client import UserSnapshot
from shared.users.contract import GivenUser, UsersClientContract
from shared.users.fake import FakeUsersClient

pytestmark = pytest.mark.django_db


class TestReplicaUsersClient(UsersClientContract):
    """The contract, run against the replica, whose lookups know nobody."""

    @pytest.fixture
    def users_client(self, users: FakeUsersClient) -> ReplicaUsersClient:
        """Return the replica, asking the (empty) fake about users it lacks."""
        return ReplicaUsersClient(lookup=users)

    @pytest.fixture
    def given_user(self) -> GivenUser:
        """Store users in the replica only, as their events would."""
        ids = count(1)

        def store(*, name: str, email: str, is_active: bool = True) -> UserSnapshot:
            user = UserSnapshot(
                id=next(ids), name=name, email=email, is_active=is_active, version=1
            )
            customer_apply(user=user)
            return user

        return store


def test_user_get_of_a_user_the_replica_lacks_asks_once_and_stores_them(users):
    ann = users.add(name="Ann")
    client = ReplicaUsersClient(lookup=users)

    first = client.user_get(user_id=ann.id)
    second = client.user_get(user_id=ann.id)

    assert first == second == ann
    assert users.lookups == [(ann.id,)]
    assert Customer.objects.filter(user_id=ann.id, version=1).exists()


def test_user_get_many_of_customers_the_replica_holds_asks_nothing(users):
    known = users.add(name="Known")
    customer_apply(user=known)
    users.down = True

    found = ReplicaUsersClient(lookup=users).user_get_many(user_ids=[known.id])

    assert dict(found) == {known.id: known}
    assert users.lookups == []


def test_user_get_many_looks_up_the_customers_the_replica_lacks_at_once(users):
    known = users.add(name="Known")
    customer_apply(user=known)
    new_ones = [users.add(name="New"), users.add(name="Newer")]
    client = ReplicaUsersClient(lookup=users)

    found = client.user_get_many(user_ids=[known.id, *(u.id for u in new_ones)])
    again = client.user_get_many(user_ids=[u.id for u in new_ones])

    assert dict(found) == {user.id: user for user in [known, *new_ones]}
    assert len(again) == 2
    assert users.lookups == [tuple(sorted(u.id for u in new_ones))]


def test_user_get_answers_a_known_customer_while_users_is_down(users):
    ann = users.add(name="Ann")
    customer_apply(user=ann)
    users.down = True

    found = ReplicaUsersClient(lookup=users).user_get(user_id=ann.id)

    assert found == ann
