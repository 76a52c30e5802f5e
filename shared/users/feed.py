"""The users service's changes feed, and `HttpChangesFeed`, the client that reads it.

The feed lists the changes of users after a cursor, in the order of the
users service's outbox, a page at a time; a reader keeps the cursor (`last`)
and asks from there next time. Reconciliation in orders reads it. Like the
users client, this one takes its configuration as arguments and reads the
answers strictly with msgspec. See docs/04-celery-sync.md, "Pull:
reconciliation".
"""

from typing import Protocol, runtime_checkable

import httpx
import msgspec

from shared.events import UserChanged
from shared.http import Deadline, request_within, service_http
from shared.users.client import UsersServiceUnavailable


class ChangesPage(msgspec.Struct, frozen=True, kw_only=True):
    """One page of the feed: changes after the cursor, the next cursor, the newest."""

    changes: tuple[UserChanged, ...]
    last: int
    head: int


@runtime_checkable
class ChangesFeed(Protocol):
    """Where reconciliation reads users' changes from."""

    def changes_after(self, *, after: int, limit: int) -> ChangesPage:
        """Return up to `limit` changes whose sequence is above `after`, in order."""
        ...


class HttpChangesFeed:
    """The changes feed over HTTP, read with the shared secret."""

    def __init__(
        self,
        *,
        base_url: str,
        secret: str,
        deadline: float,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """Read the feed of the service at base_url, each page within `deadline` s."""
        self.base_url = base_url
        self.deadline = deadline
        self._http = service_http(
            base_url=base_url, deadline=deadline, transport=transport, secret=secret
        )

    def changes_after(self, *, after: int, limit: int) -> ChangesPage:
        """Return one page, or raise `UsersServiceUnavailable` saying why not."""
        params = {"after": after, "limit": limit}
        try:
            response = request_within(
                self._http,
                "GET",
                "/internal/changes/",
                params=params,
                deadline=Deadline(self.deadline),
            )
        except httpx.RequestError as exc:
            reason = f"its changes feed did not answer ({type(exc).__name__})"
            raise UsersServiceUnavailable(reason=reason) from None
        if response.status_code != httpx.codes.OK:
            reason = f"its changes feed answered {response.status_code}"
            raise UsersServiceUnavailable(reason=reason)
        try:
            return msgspec.json.decode(response.content, type=ChangesPage)
        except msgspec.DecodeError as exc:
            reason = f"its changes feed answered something else ({exc})"
            raise UsersServiceUnavailable(reason=reason) from None

    def close(self) -> None:
        """Close the connections this client keeps open."""
        self._http.close()
