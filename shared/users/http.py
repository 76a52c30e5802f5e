"""`HttpUsersClient`: the UsersClient contract over the users service's REST API.

Configuration comes in as arguments (base URL, deadline, attempts, breaker,
transport), never from settings, so any project, test or tool can build one.
Every failure to get an answer (no connection, no answer by the deadline, a
5xx, a body that is not a user, or users that were not asked for) becomes
`UsersServiceUnavailable`. msgspec reads the answers strictly into the
contract's frozen dataclasses, naming the field at fault (shared/events.py
says why msgspec). See docs/02-users-service.md, "REST access".

Each lookup has one deadline for everything it does. Its GETs change
nothing, so one that found the service restarting or busy (no connection,
a broken one, a 502, 503 or 504) is sent again after a jittered backoff,
while the deadline leaves time; one that ran out of time is not. A circuit
breaker, when given, stops asking a service that keeps failing. See
docs/03-orders-service.md, "API composition with a budget".
"""

from collections.abc import Collection, Iterator, Mapping
from typing import TypeVar

import httpx
import msgspec

from shared.breaker import CircuitBreaker, CircuitOpen, guarded
from shared.http import Deadline, request_within, service_http
from shared.retries import read_retrying
from shared.users.client import (
    UserNotFound,
    UserSnapshot,
    UsersServiceUnavailable,
)

# The users list answers at most this many users per page, and takes at most
# this many ids per request.
BATCH_SIZE = 100
# The answers of a service that is restarting or overloaded, not broken.
PASSING_FAILURES = frozenset({502, 503, 504})

T = TypeVar("T")
Params = Mapping[str, int | list[int]]


class TryAgain(UsersServiceUnavailable):
    """A failure a second try may not meet: it is retried within the deadline."""


class UsersPage(msgspec.Struct, frozen=True, kw_only=True):
    """The part of a page of the users list this client reads."""

    results: tuple[UserSnapshot, ...]
    next: str | None = None


def user_snapshot(data: object) -> UserSnapshot:
    """Read a user from the API's parsed JSON, refusing anything else."""
    try:
        return msgspec.convert(data, type=UserSnapshot)
    except msgspec.ValidationError as exc:
        raise _not_a("a user", exc) from None


def _not_a(what: str, exc: msgspec.ValidationError) -> UsersServiceUnavailable:
    """Say that the answer is not what was asked for, and which field is wrong."""
    reason = f"it answered something that is not {what} ({exc})"
    return UsersServiceUnavailable(reason=reason)


class HttpUsersClient:
    """A `UsersClient` that asks the users service over HTTP."""

    def __init__(
        self,
        *,
        base_url: str,
        deadline: float,
        attempts: int = 3,
        breaker: CircuitBreaker | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """Talk to the service at base_url, each lookup within `deadline` seconds."""
        self.base_url = base_url
        self.deadline = deadline
        self.attempts = attempts
        self.breaker = breaker
        self._http = service_http(
            base_url=base_url, deadline=deadline, transport=transport
        )

    def user_get(self, *, user_id: int) -> UserSnapshot:
        """Return one user, or raise `UserNotFound` or `UsersServiceUnavailable`."""
        response = self._get(f"/api/users/{user_id}/")
        if response.status_code == httpx.codes.NOT_FOUND:
            raise UserNotFound(user_id=user_id)
        user = self._read(response, UserSnapshot, what="a user")
        if user.id != user_id:
            reason = f"it answered user {user.id} when asked for user {user_id}"
            raise UsersServiceUnavailable(reason=reason)
        return user

    def user_get_many(self, *, user_ids: Collection[int]) -> Mapping[int, UserSnapshot]:
        """Return the users with these ids, keyed by id: one request per 100 ids."""
        wanted = sorted(set(user_ids))
        users: dict[int, UserSnapshot] = {}
        for start in range(0, len(wanted), BATCH_SIZE):
            users.update(self._batch(wanted[start : start + BATCH_SIZE]))
        return users

    def _batch(self, user_ids: list[int]) -> dict[int, UserSnapshot]:
        """Return one batch's users: one page, holding only those asked for."""
        params: Params = {"ids": user_ids, "page_size": BATCH_SIZE}
        response = self._get("/api/users/", params=params)
        page = self._read(response, UsersPage, what="a page of users")
        if page.next is not None:
            reason = f"its list of {len(user_ids)} users did not fit one page"
            raise UsersServiceUnavailable(reason=reason)
        users = {user.id: user for user in page.results}
        if strangers := users.keys() - set(user_ids):
            reason = f"it answered users not asked for: {sorted(strangers)}"
            raise UsersServiceUnavailable(reason=reason)
        return users

    def users_all(self) -> Iterator[UserSnapshot]:
        """Yield every user, in id order, a page of 100 at a time.

        Not part of the UsersClient contract: a replica's backfill reads
        the whole list once (docs/04-celery-sync.md, "Backfill").
        """
        number = 1
        while True:
            params: Params = {"page": number, "page_size": BATCH_SIZE}
            response = self._get("/api/users/", params=params)
            page = self._read(response, UsersPage, what="a page of users")
            yield from page.results
            if page.next is None:
                return
            number += 1

    def close(self) -> None:
        """Close the connections this client keeps open."""
        self._http.close()

    def _get(self, path: str, *, params: Params | None = None) -> httpx.Response:
        """GET through the breaker, retried within one deadline; fail clearly."""
        try:
            with guarded(self.breaker):
                return self._get_retried(path, params=params)
        except CircuitOpen:
            reason = "it failed repeatedly just now, so its circuit breaker is open"
            raise UsersServiceUnavailable(reason=reason) from None

    def _get_retried(self, path: str, *, params: Params | None) -> httpx.Response:
        """Send the GET, again after a jittered backoff while it may pass."""
        deadline = Deadline(self.deadline)
        retrying = read_retrying(
            deadline=deadline,
            attempts=self.attempts,
            retry_on=TryAgain,
            what=f"GET {self.base_url}{path}",
        )
        return retrying(self._get_once, path, params=params, deadline=deadline)

    def _get_once(
        self, path: str, *, params: Params | None, deadline: Deadline
    ) -> httpx.Response:
        """Send the GET once; raise `TryAgain` for a failure that may pass."""
        try:
            response = request_within(
                self._http, "GET", path, params=params, deadline=deadline
            )
        except httpx.TimeoutException:
            reason = f"no answer within {self.deadline:g} s"
            raise UsersServiceUnavailable(reason=reason) from None
        except httpx.TransportError as exc:
            reason = f"cannot reach {self._http.base_url} ({type(exc).__name__})"
            raise TryAgain(reason=reason) from None
        except httpx.RequestError as exc:
            reason = f"its answer cannot be read ({type(exc).__name__})"
            raise UsersServiceUnavailable(reason=reason) from None
        if response.status_code in PASSING_FAILURES:
            raise TryAgain(reason=f"it answered {response.status_code}")
        if response.is_server_error:
            reason = f"it answered {response.status_code}"
            raise UsersServiceUnavailable(reason=reason)
        return response

    def _read(self, response: httpx.Response, kind: type[T], *, what: str) -> T:
        """Read the body of a 200 answer as `kind`, which the error calls `what`."""
        if response.status_code != httpx.codes.OK:
            reason = f"it answered {response.status_code} to {response.request.url}"
            raise UsersServiceUnavailable(reason=reason)
        try:
            return msgspec.json.decode(response.content, type=kind)
        except msgspec.ValidationError as exc:
            raise _not_a(what, exc) from None
        except msgspec.DecodeError:
            raise UsersServiceUnavailable(reason="its answer is not JSON") from None


class OneByOneHttpUsersClient(HttpUsersClient):
    """The naive client: one request per user, even for a page of orders.

    It keeps the contract, and is here only so `make bench` can show what the
    batched lookup saves. See docs/02-users-service.md, "The benchmark".
    """

    def user_get_many(self, *, user_ids: Collection[int]) -> Mapping[int, UserSnapshot]:
        """Return the users with these ids, asking for each one on its own."""
        users: dict[int, UserSnapshot] = {}
        for user_id in sorted(set(user_ids)):
            try:
                users[user_id] = self.user_get(user_id=user_id)
            except UserNotFound:
                continue
        return users
