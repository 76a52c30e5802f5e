"""Tests of how HttpUsersClient copes with a users service that fails.

Reads are retried, within one deadline, when the failure may pass; a
circuit breaker stops the asking once lookups keep failing, and lets one
through to try after its reset time. The service is an httpx.MockTransport
that fails as a script says, or a local server that is slow on purpose.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from shared.breaker import CircuitBreaker, StateChangeLog, circuit_breaker
from shared.users.client import UserNotFound, UsersServiceUnavailable
from shared.users.http import HttpUsersClient

ANN = {"id": 7, "name": "Ann", "email": "ann@example.com", "is_active": True}
USER = {**ANN, "version": 1}


class Script:
    """A users service that fails as told, then answers with a user."""

    def __init__(self, *failures: type[httpx.TransportError] | int) -> None:
        """Fail with each of failures in turn (an httpx error or a status)."""
        self.failures = list(failures)
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        """Count the request; fail with the next failure, or answer the user."""
        self.requests += 1
        if not self.failures:
            return httpx.Response(HTTPStatus.OK, json=USER)
        failure = self.failures.pop(0)
        if isinstance(failure, int):
            return httpx.Response(failure, json={"detail": "failing"})
        raise failure("Simulated by the test.", request=request)


def client_over(
    handler: Callable[[httpx.Request], httpx.Response],
    *,
    attempts: int = 3,
    deadline: float = 2.0,
    breaker: CircuitBreaker | None = None,
) -> HttpUsersClient:
    """Return a client whose requests the handler answers."""
    return HttpUsersClient(
        base_url="http://users.test",
        deadline=deadline,
        attempts=attempts,
        breaker=breaker,
        transport=httpx.MockTransport(handler),
    )


@pytest.mark.parametrize(
    "failure", [httpx.ConnectError, httpx.RemoteProtocolError, 503, 502]
)
def test_a_read_that_may_pass_is_tried_again(failure):
    script = Script(failure, failure)

    user = client_over(script, attempts=3).user_get(user_id=7)

    assert (user.id, script.requests) == (7, 3)


def test_a_read_is_tried_no_more_than_attempts_times():
    script = Script(httpx.ConnectError, httpx.ConnectError, httpx.ConnectError)

    with pytest.raises(UsersServiceUnavailable):
        client_over(script, attempts=2).user_get(user_id=7)

    assert script.requests == 2


@pytest.mark.parametrize("failure", [500, httpx.ReadTimeout])
def test_a_failure_that_will_not_pass_is_not_tried_again(failure):
    script = Script(failure)

    with pytest.raises(UsersServiceUnavailable):
        client_over(script, attempts=3).user_get(user_id=7)

    assert script.requests == 1


def test_retries_stop_when_the_deadline_leaves_no_time():
    script = Script(*[httpx.ConnectError] * 50)
    started = time.monotonic()

    with pytest.raises(UsersServiceUnavailable):
        client_over(script, attempts=50, deadline=0.3).user_get(user_id=7)

    assert time.monotonic() - started < 0.4
    assert 1 < script.requests < 50


def failing_breaker(*, reset: float = 60.0) -> CircuitBreaker:
    """Return a breaker that opens after two failures and half-opens after reset."""
    return circuit_breaker(name="users", failures=2, reset_seconds=reset)


def test_the_breaker_opens_after_failed_lookups_and_then_asks_nothing():
    script = Script(*[httpx.ConnectError] * 4)
    client = client_over(script, attempts=1, breaker=failing_breaker())
    for _ in range(2):
        with pytest.raises(UsersServiceUnavailable):
            client.user_get(user_id=7)

    started = time.monotonic()
    with pytest.raises(UsersServiceUnavailable, match="circuit breaker is open"):
        client.user_get(user_id=7)

    assert time.monotonic() - started < 0.1
    assert script.requests == 2


def test_the_open_breaker_lets_a_trial_through_after_its_reset_time():
    script = Script(httpx.ConnectError, httpx.ConnectError)
    client = client_over(script, attempts=1, breaker=failing_breaker(reset=0.2))
    for _ in range(2):
        with pytest.raises(UsersServiceUnavailable):
            client.user_get(user_id=7)
    time.sleep(0.3)

    user = client.user_get(user_id=7)

    assert (user.id, script.requests) == (7, 3)
    assert client.breaker is not None
    assert client.breaker.current_state == "closed"


def test_a_user_not_found_is_no_failure_of_the_service():
    client = client_over(
        lambda request: httpx.Response(HTTPStatus.NOT_FOUND, json={"detail": "no"}),
        breaker=failing_breaker(),
    )
    for _ in range(3):
        with pytest.raises(UserNotFound):
            client.user_get(user_id=7)

    assert client.breaker is not None
    assert client.breaker.current_state == "closed"


def test_the_breaker_logs_when_it_opens(caplog):
    client = client_over(
        Script(httpx.ConnectError, httpx.ConnectError),
        attempts=1,
        breaker=failing_breaker(),
    )

    with caplog.at_level(logging.INFO, logger="shared.breaker"):
        for _ in range(2):
            with pytest.raises(UsersServiceUnavailable):
                client.user_get(user_id=7)

    assert caplog.messages == ["Circuit breaker users: closed -> open"]


class SlowHandler(BaseHTTPRequestHandler):
    """Answer every GET with a user, a quarter of a second late."""

    delay = 0.25

    def do_GET(self) -> None:
        """Wait, then answer the user."""
        time.sleep(self.delay)
        body = httpx.Response(HTTPStatus.OK, json=USER).content
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@contextmanager
def slow_users_service(
    handler: type[SlowHandler] = SlowHandler,
) -> Iterator[str]:
    """Serve a slow handler on a free port, a thread per request."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_calls_through_one_breaker_run_side_by_side():
    with slow_users_service() as url:
        client = HttpUsersClient(base_url=url, deadline=5.0, breaker=failing_breaker())
        threads = [
            threading.Thread(target=client.user_get, kwargs={"user_id": 7})
            for _ in range(8)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        took = time.monotonic() - started

    # One after another, eight calls would take 2 s.
    assert took < 1.0


def test_each_retry_is_logged_naming_the_read_and_the_failure(caplog):
    script = Script(httpx.ConnectError)

    with caplog.at_level(logging.INFO, logger="shared.retries"):
        client_over(script).user_get(user_id=7)

    (message,) = caplog.messages
    assert message.startswith("Trying GET http://users.test/api/users/7/ again in ")
    assert message.endswith("cannot reach http://users.test (ConnectError).)")


class HangingHandler(SlowHandler):
    """Answer every GET with a user, a second late."""

    delay = 1.0


def test_a_half_open_breaker_lets_one_trial_through_and_refuses_the_rest():
    breaker = failing_breaker(reset=0.2)
    failing = client_over(
        Script(httpx.ConnectError, httpx.ConnectError), attempts=1, breaker=breaker
    )
    for _ in range(2):
        with pytest.raises(UsersServiceUnavailable):
            failing.user_get(user_id=7)
    time.sleep(0.3)
    with slow_users_service(HangingHandler) as url:
        client = HttpUsersClient(base_url=url, deadline=5.0, breaker=breaker)
        trial = threading.Thread(target=client.user_get, kwargs={"user_id": 7})
        trial.start()
        time.sleep(0.2)

        with pytest.raises(UsersServiceUnavailable, match="circuit breaker is open"):
            client.user_get(user_id=7)

        trial.join()
    assert breaker.current_state == "closed"


def test_a_call_ending_on_the_state_it_began_in_logs_no_change(caplog):
    breaker = failing_breaker()
    closed = breaker.state

    with caplog.at_level(logging.INFO, logger="shared.breaker"):
        StateChangeLog().state_change(breaker, closed, closed)

    assert caplog.messages == []
