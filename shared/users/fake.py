"""`FakeUsersClient`: an in-memory `UsersClient` for the unit tests of its consumers."""

from collections.abc import Collection, Mapping
from dataclasses import replace
from decimal import Decimal

from shared.users.client import UserNotFound, UserSnapshot, UsersServiceUnavailable


class FakeUsersClient:
    """Users kept in a dict; every lookup is recorded so tests can count them."""

    def __init__(self) -> None:
        """Start with no users and no lookups."""
        self.users: dict[int, UserSnapshot] = {}
        self.lookups: list[tuple[int, ...]] = []
        # Set to True to answer like a users service that cannot be reached.
        self.down = False

    def add(
        self,
        *,
        name: str = "Ann",
        email: str = "",
        is_active: bool = True,
        credit_limit: Decimal | None = None,
    ) -> UserSnapshot:
        """Store a new user at version 1 and return it."""
        user_id = max(self.users, default=0) + 1
        user = UserSnapshot(
            id=user_id,
            name=name,
            email=email or f"user{user_id}@example.com",
            is_active=is_active,
            version=1,
            credit_limit=credit_limit,
        )
        self.users[user_id] = user
        return user

    def rename(self, *, user_id: int, name: str) -> UserSnapshot:
        """Give a stored user a new name, one version up, and return them."""
        user = self.users[user_id]
        self.users[user_id] = replace(user, name=name, version=user.version + 1)
        return self.users[user_id]

    def deactivate(self, *, user_id: int) -> UserSnapshot:
        """Mark a stored user inactive, one version up, and return them."""
        user = self.users[user_id]
        self.users[user_id] = replace(user, is_active=False, version=user.version + 1)
        return self.users[user_id]

    def user_get(self, *, user_id: int) -> UserSnapshot:
        """Return one user, or raise `UserNotFound`."""
        self._answer_if_up()
        self.lookups.append((user_id,))
        try:
            return self.users[user_id]
        except KeyError:
            raise UserNotFound(user_id=user_id) from None

    def user_get_many(self, *, user_ids: Collection[int]) -> Mapping[int, UserSnapshot]:
        """Return the stored users with these ids, keyed by id."""
        wanted = tuple(sorted(set(user_ids)))
        if not wanted:
            return {}
        self._answer_if_up()
        self.lookups.append(wanted)
        return {
            user_id: self.users[user_id] for user_id in wanted if user_id in self.users
        }

    def _answer_if_up(self) -> None:
        """Raise `UsersServiceUnavailable` while the fake is set to be down."""
        if self.down:
            raise UsersServiceUnavailable(reason="it is down (a test said so)")
