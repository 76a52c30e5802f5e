"""The in-process `UsersClient`: users as orders sees them while both share a process.

It calls the users selectors and hands out frozen snapshots, never model
instances, so orders cannot reach into users' tables through it. See
docs/01-modular-monolith.md, "Branch by abstraction".

Since stage 2 the monolith uses `HttpUsersClient` and nothing here calls
this one. It stays as the reference: the same contract suite runs against
it (users/tests/test_client.py) and against the HTTP client over a real
service (tests/contracts/), so a difference between the two is a failing
test, not a surprise in production.
"""

from collections.abc import Collection, Mapping

from shared.users.client import UserNotFound, UserSnapshot
from users import exceptions, selectors
from users.models import User


def user_snapshot(*, user: User) -> UserSnapshot:
    """Copy what other apps may know of a user into a frozen snapshot."""
    return UserSnapshot(
        id=user.pk,
        name=user.name,
        email=user.email,
        is_active=user.is_active,
        version=user.version,
        credit_limit=user.credit_limit,
    )


class InProcessUsersClient:
    """A `UsersClient` that reads the users app's selectors in this process."""

    def user_get(self, *, user_id: int) -> UserSnapshot:
        """Return one user, or raise `UserNotFound`."""
        try:
            return user_snapshot(user=selectors.user_get(user_id=user_id))
        except exceptions.UserNotFound:
            raise UserNotFound(user_id=user_id) from None

    def user_get_many(self, *, user_ids: Collection[int]) -> Mapping[int, UserSnapshot]:
        """Return the users with these ids, keyed by id, in one query."""
        if not user_ids:
            return {}
        users = selectors.user_list(ids=set(user_ids))
        return {user.pk: user_snapshot(user=user) for user in users}
