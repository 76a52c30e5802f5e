"""Tests of what the clients in shared/ share: their headers, and idle connections.

The clients must give up idle connections before a server does. A local
kept-alive HTTP/1.1 server counts the connections it was opened: one for
two requests means the connection was reused.
"""

import time
from collections.abc import Callable, Iterator
from http import HTTPStatus

import httpx
import pytest

from shared.http import CLIENT_KEEPALIVE_SECONDS, service_http
from shared.testing import KeepAliveServer, keep_alive_server
from shared.users.feed import HttpChangesFeed
from shared.users.http import HttpUsersClient

Call = Callable[[], object]
CallMaker = Callable[[str, pytest.FixtureRequest], Call]


@pytest.fixture
def server() -> Iterator[KeepAliveServer]:
    """Run a keep-alive server for one test."""
    with keep_alive_server() as started:
        yield started


def users_call(url: str, request: pytest.FixtureRequest) -> Call:
    """Return one call of an HttpUsersClient to the server."""
    client = HttpUsersClient(base_url=url, deadline=2.0)
    request.addfinalizer(client.close)
    return lambda: client.user_get(user_id=7)


def feed_call(url: str, request: pytest.FixtureRequest) -> Call:
    """Return one read of the changes feed from the server."""
    feed = HttpChangesFeed(base_url=url, secret="s", deadline=2.0)
    request.addfinalizer(feed.close)
    return lambda: feed.changes_after(after=0, limit=10)


@pytest.mark.parametrize("make_call", [users_call, feed_call])
def test_a_connection_used_again_at_once_is_reused(
    server: KeepAliveServer, make_call: CallMaker, request: pytest.FixtureRequest
) -> None:
    call = make_call(server.url, request)

    call()
    call()

    assert (server.requests, server.connections) == (2, 1)


@pytest.mark.parametrize("make_call", [users_call, feed_call])
def test_a_connection_idle_past_the_client_keepalive_is_not_reused(
    server: KeepAliveServer, make_call: CallMaker, request: pytest.FixtureRequest
) -> None:
    call = make_call(server.url, request)

    call()
    time.sleep(CLIENT_KEEPALIVE_SECONDS + 0.2)
    call()

    assert (server.requests, server.connections) == (2, 2)


@pytest.mark.parametrize(
    ("secret", "authorization"), [("s3cret", "Bearer s3cret"), (None, None)]
)
def test_service_http_sends_the_secret_only_when_given(
    secret: str | None, authorization: str | None
) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(HTTPStatus.OK)

    transport = httpx.MockTransport(answer)
    client = service_http(
        base_url="http://users", deadline=1.0, transport=transport, secret=secret
    )

    client.get("/internal/changes/")

    assert seen[0].headers.get("Authorization") == authorization
    assert seen[0].headers["Accept"] == "application/json"
