"""Tests that the clients in shared/ give up idle connections before a server does.

A local HTTP/1.1 server that keeps connections alive notes the client port of
each request: the same port twice means the connection was reused.
"""

import json
import threading
import time
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from shared.events import UserDeactivated
from shared.http import CLIENT_KEEPALIVE_SECONDS, SERVER_KEEPALIVE_SECONDS
from shared.users.http import HttpUsersClient
from shared.webhooks import EventSender

USER = {"id": 7, "name": "Ann", "email": "ann@example.com", "is_active": True}


class KeepAliveServer(ThreadingHTTPServer):
    """A server that answers every request on a kept-alive connection."""

    daemon_threads = True

    def __init__(self) -> None:
        """Listen on a free port of 127.0.0.1, with no request seen yet."""
        super().__init__(("127.0.0.1", 0), Handler)
        self.client_ports: list[int] = []

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    """Answer a GET with a user and a POST with 204, keeping the connection."""

    protocol_version = "HTTP/1.1"
    server: KeepAliveServer

    def do_GET(self) -> None:
        """Answer with a user, as the users service would."""
        self.server.client_ports.append(self.client_address[1])
        body = json.dumps({**USER, "version": 1}).encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        """Accept an event, as a subscriber would."""
        self.server.client_ports.append(self.client_address[1])
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test's output quiet."""


@pytest.fixture
def server() -> Iterator[KeepAliveServer]:
    """Run a keep-alive server in a thread for one test."""
    started = KeepAliveServer()
    thread = threading.Thread(target=started.serve_forever, daemon=True)
    thread.start()
    yield started
    started.shutdown()
    started.server_close()


def users_call(url: str) -> Callable[[], object]:
    """Return one call of an HttpUsersClient to the server."""
    client = HttpUsersClient(base_url=url, timeout=2.0)
    return lambda: client.user_get(user_id=7)


def event_call(url: str) -> Callable[[], object]:
    """Return one delivery of an EventSender to the server."""
    sender = EventSender(
        subscribers=[f"{url}/events/"], secret="s", timeout=2.0, retry_for=0.0
    )
    return lambda: sender.send(UserDeactivated(user_id=7, user_version=2))


CLIENTS = [users_call, event_call]


def test_a_client_lets_go_of_idle_connections_before_the_server_does() -> None:
    assert CLIENT_KEEPALIVE_SECONDS <= SERVER_KEEPALIVE_SECONDS - 1


@pytest.mark.parametrize("make_call", CLIENTS)
def test_a_connection_used_again_at_once_is_reused(
    server: KeepAliveServer, make_call: Callable[[str], Callable[[], object]]
) -> None:
    call = make_call(server.url)

    call()
    call()

    assert len(server.client_ports) == 2
    assert len(set(server.client_ports)) == 1


@pytest.mark.parametrize("make_call", CLIENTS)
def test_a_connection_idle_past_the_client_keepalive_is_not_reused(
    server: KeepAliveServer, make_call: Callable[[str], Callable[[], object]]
) -> None:
    call = make_call(server.url)

    call()
    time.sleep(CLIENT_KEEPALIVE_SECONDS + 0.2)
    call()

    assert len(server.client_ports) == 2
    assert len(set(server.client_ports)) == 2
