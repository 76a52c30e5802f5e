"""Tests of HttpChangesFeed over a mock transport: the request sent, the page read."""

from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

import httpx
import pytest

from shared.events import UserChanged
from shared.users.client import UsersServiceUnavailable
from shared.users.feed import ChangesPage, HttpChangesFeed

Handler = Callable[[httpx.Request], httpx.Response]
CHANGE = {
    "type": "UserChanged",
    "event_id": "7b6e3f0e-4f6a-4c39-9d43-5c8f3b2a1e00",
    "occurred_at": "2026-01-01T00:00:00Z",
    "change": "updated",
    "user_id": 7,
    "user_version": 2,
    "name": "Ann Lee",
    "email": "ann@example.com",
    "is_active": True,
    "sequence": 12,
}


def feed_over(handler: Handler) -> HttpChangesFeed:
    """Return a feed client whose requests the handler answers."""
    return HttpChangesFeed(
        base_url="http://users.test",
        secret="s3cret",
        deadline=2.0,
        transport=httpx.MockTransport(handler),
    )


def test_changes_after_sends_the_secret_and_the_cursor() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"changes": [], "last": 5, "head": 5})

    feed_over(answer).changes_after(after=5, limit=10)

    assert [request.url.path for request in seen] == ["/internal/changes/"]
    assert dict(seen[0].url.params) == {"after": "5", "limit": "10"}
    assert seen[0].headers["authorization"] == "Bearer s3cret"


def test_changes_after_reads_a_page_of_events() -> None:
    body = {"changes": [CHANGE], "last": 12, "head": 40}
    feed = feed_over(lambda request: httpx.Response(200, json=body))

    page = feed.changes_after(after=11, limit=1)

    assert page == ChangesPage(
        changes=(
            UserChanged(
                event_id=UUID("7b6e3f0e-4f6a-4c39-9d43-5c8f3b2a1e00"),
                occurred_at=datetime(2026, 1, 1, tzinfo=UTC),
                change="updated",
                user_id=7,
                user_version=2,
                name="Ann Lee",
                email="ann@example.com",
                is_active=True,
                sequence=12,
            ),
        ),
        last=12,
        head=40,
    )


def refuse_with(error: Exception) -> Handler:
    """Return a handler that raises error, as a transport failing would."""

    def fail(request: httpx.Request) -> httpx.Response:
        raise error

    return fail


@pytest.mark.parametrize(
    ("handler", "reason"),
    [
        (lambda request: httpx.Response(401, json={}), "answered 401"),
        (lambda request: httpx.Response(500), "answered 500"),
        (lambda request: httpx.Response(200, text="<html>"), "something else"),
        (
            lambda request: httpx.Response(200, json={"changes": [], "last": 0}),
            r"something else \(Object missing required field `head`\)",
        ),
        (
            lambda request: httpx.Response(
                200,
                json={"changes": [{**CHANGE, "user_id": "7"}], "last": 1, "head": 1},
            ),
            r"Expected `int`, got `str` - at `\$.changes\[0\].user_id`",
        ),
        (refuse_with(httpx.ConnectError("refused")), r"did not answer \(ConnectError"),
        (refuse_with(httpx.ReadTimeout("slow")), r"did not answer \(ReadTimeout"),
    ],
    ids=["401", "500", "html", "no-head", "wrong-type", "refused", "timeout"],
)
def test_changes_after_turns_every_failure_into_users_service_unavailable(
    handler: Handler, reason: str
) -> None:
    with pytest.raises(UsersServiceUnavailable, match=reason):
        feed_over(handler).changes_after(after=0, limit=100)
