"""The test suite every `UsersClient` implementation must pass.

Subclass `UsersClientContract` in a test module named `test_*.py` as
`TestMyUsersClient` and provide two fixtures: `users_client`, the
implementation under test, and `given_user`, which stores a user wherever
that implementation reads from and returns the snapshot it should see.
"""

from dataclasses import FrozenInstanceError
from typing import Protocol

import pytest

from shared.users.client import UserNotFound, UsersClient, UserSnapshot

MISSING_ID = 999_999


class GivenUser(Protocol):
    """Store a user for the client under test to find; return what it should see."""

    def __call__(
        self, *, name: str, email: str, is_active: bool = True
    ) -> UserSnapshot: ...


class UsersClientContract:
    """What every `UsersClient` promises its consumers."""

    @pytest.fixture
    def users_client(self) -> UsersClient:
        """Return the implementation under test."""
        raise NotImplementedError

    @pytest.fixture
    def given_user(self) -> GivenUser:
        """Return a function that stores a user for the implementation to read."""
        raise NotImplementedError

    def test_implements_the_protocol(self, users_client: UsersClient) -> None:
        assert isinstance(users_client, UsersClient)

    def test_user_get_returns_the_stored_user(
        self, users_client: UsersClient, given_user: GivenUser
    ) -> None:
        expected = given_user(name="Ann Lee", email="ann@example.com")

        found = users_client.user_get(user_id=expected.id)

        assert found == expected

    def test_user_get_shows_an_inactive_user_as_inactive(
        self, users_client: UsersClient, given_user: GivenUser
    ) -> None:
        expected = given_user(name="Bo", email="bo@example.com", is_active=False)

        found = users_client.user_get(user_id=expected.id)

        assert (found.is_active, found.version) == (False, expected.version)

    def test_user_get_raises_user_not_found_naming_the_id(
        self, users_client: UsersClient
    ) -> None:
        with pytest.raises(UserNotFound) as raised:
            users_client.user_get(user_id=MISSING_ID)

        assert raised.value.user_id == MISSING_ID

    def test_user_get_returns_a_snapshot_that_cannot_be_changed(
        self, users_client: UsersClient, given_user: GivenUser
    ) -> None:
        found = users_client.user_get(
            user_id=given_user(name="Cy", email="cy@example.com").id
        )

        with pytest.raises(FrozenInstanceError):
            found.name = "Someone else"  # type: ignore[misc]  # proving it is frozen

    def test_user_get_many_returns_each_user_by_id(
        self, users_client: UsersClient, given_user: GivenUser
    ) -> None:
        ann = given_user(name="Ann", email="ann@example.com")
        bo = given_user(name="Bo", email="bo@example.com", is_active=False)

        found = users_client.user_get_many(user_ids=[ann.id, bo.id])

        assert dict(found) == {ann.id: ann, bo.id: bo}

    def test_user_get_many_leaves_out_unknown_ids(
        self, users_client: UsersClient, given_user: GivenUser
    ) -> None:
        ann = given_user(name="Ann", email="ann@example.com")

        found = users_client.user_get_many(user_ids=[ann.id, MISSING_ID])

        assert dict(found) == {ann.id: ann}

    def test_user_get_many_takes_repeated_ids(
        self, users_client: UsersClient, given_user: GivenUser
    ) -> None:
        ann = given_user(name="Ann", email="ann@example.com")

        found = users_client.user_get_many(user_ids=[ann.id, ann.id])

        assert dict(found) == {ann.id: ann}

    def test_user_get_many_of_no_ids_is_empty(self, users_client: UsersClient) -> None:
        assert dict(users_client.user_get_many(user_ids=[])) == {}
