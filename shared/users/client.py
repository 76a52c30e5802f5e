"""The `UsersClient` contract: the only way orders asks about users.

Implementations: the users app's in-process client (stage 1), then HTTP and
a local replica in later stages, and `FakeUsersClient` for tests. Every one
passes the suite in `shared/users/contract.py`. See docs/01-modular-monolith.md,
"Branch by abstraction".
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, kw_only=True)
class UserSnapshot:
    """A user as another part of the system sees them: plain data, never a model."""

    id: int
    name: str
    email: str
    is_active: bool
    version: int
    # Since stage 5: None, no limit; orders checks credit only below one.
    credit_limit: Decimal | None = None


class UsersClientError(Exception):
    """Base of the errors a `UsersClient` raises."""


class UserNotFound(UsersClientError):
    """No user has the requested id."""

    def __init__(self, *, user_id: int) -> None:
        """Name the id that was asked for."""
        super().__init__(f"User {user_id} does not exist.")
        self.user_id = user_id


class UsersServiceUnavailable(UsersClientError):
    """The users service could not be reached, timed out, or failed (5xx)."""

    def __init__(self, *, reason: str) -> None:
        """Say why the service counts as unavailable."""
        super().__init__(f"The users service is unavailable: {reason}.")
        self.reason = reason


@runtime_checkable
class UsersClient(Protocol):
    """Read access to users, returning snapshots that cannot change under you."""

    def user_get(self, *, user_id: int) -> UserSnapshot:
        """Return one user, or raise `UserNotFound`.

        A client that talks to another process may also raise
        `UsersServiceUnavailable`; an in-process one never does.
        """
        ...

    def user_get_many(self, *, user_ids: Collection[int]) -> Mapping[int, UserSnapshot]:
        """Return the users with these ids, keyed by id, in one lookup.

        Ids that name no user are left out; an empty collection asks nothing.
        """
        ...
