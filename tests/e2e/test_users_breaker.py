"""End to end: the orders service's circuit breaker, with the users service stopped.

Real processes. Since stage 4 orders asks users only about a user its
replica has never heard of: placing an order for one. Orders runs one web
process, so every such lookup meets the same breaker, which opens after
three failures and lets a trial through two seconds later. With users
stopped, those placements answer 503; once the breaker is open they answer
it at once, without asking users; with users back, a trial closes it, with
no process restarted. A placement answered 503 saved nothing.
"""

import sqlite3
import statistics
import time
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

import httpx
import pytest

from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, started

FAILURES = 3
RESET_SECONDS = 2.0
FAST_SECONDS = 0.1
# A user id the replica has never heard of (and the users service has no
# user with): placing an order for it needs a lookup.
STRANGER_ID = 999_999


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of this module's own, its orders service in one process."""
    stack = build_stack(
        tmp_path_factory.mktemp("breaker"),
        orders_env={
            "WEB_CONCURRENCY": "1",
            "USERS_BREAKER_FAILURES": str(FAILURES),
            "USERS_BREAKER_RESET_SECONDS": str(RESET_SECONDS),
        },
    )
    with started(stack):
        yield stack


@pytest.fixture(scope="module")
def api(stack: Stack) -> Iterator[httpx.Client]:
    """Return a client of the edge."""
    with httpx.Client(base_url=stack.url, timeout=30.0) as client:
        yield client


@pytest.fixture(scope="module")
def customer_id(api: httpx.Client) -> int:
    """Create a customer with an order while everything runs."""
    user = api.post("/api/users/", json={"name": "Ann", "email": "ann@example.com"})
    placed = api.post(
        "/api/orders/", json={"user_id": user.json()["id"], "lines": [line()]}
    )
    assert placed.status_code == HTTPStatus.CREATED, placed.text
    return int(user.json()["id"])


def saved_orders(stack: Stack) -> int:
    """Count the orders in the orders service's database, read-only."""
    database = Path(stack.orders.env["ORDERS_DATABASE_PATH"])
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        (count,) = db.execute("SELECT count(*) FROM orders_order").fetchone()
    db.close()
    return int(count)


def timed_place(api: httpx.Client, user_id: int) -> tuple[float, httpx.Response]:
    """Place an order for a user; return how long the answer took, and the answer."""
    started_at = time.monotonic()
    response = api.post("/api/orders/", json={"user_id": user_id, "lines": [line()]})
    return time.monotonic() - started_at, response


def test_the_breaker_opens_answers_at_once_and_closes_again(stack, api, customer_id):
    stack.users.stop()
    try:
        tripping = [timed_place(api, STRANGER_ID) for _ in range(FAILURES)]
        open_calls = [timed_place(api, STRANGER_ID) for _ in range(10)]
    finally:
        stack.users.start()
    time.sleep(RESET_SECONDS)
    recovered = api.post(
        "/api/orders/", json={"user_id": STRANGER_ID, "lines": [line()]}
    )

    statuses = {response.status_code for _, response in tripping + open_calls}
    fast = sorted(took for took, _ in open_calls)
    log = stack.orders.log.read_text()
    assert statuses == {HTTPStatus.SERVICE_UNAVAILABLE}
    assert fast[-1] < FAST_SECONDS, f"open-breaker answers took {fast} s"
    assert "Circuit breaker users service: closed -> open" in log
    assert "Circuit breaker users service: half-open -> closed" in log
    assert recovered.status_code == HTTPStatus.BAD_REQUEST, recovered.text
    assert "does not exist" in recovered.text
    print(f"open breaker: p50 {statistics.median(fast) * 1000:.1f} ms", end=" ")


def test_a_placement_answered_503_saved_nothing(stack, api, customer_id):
    before = saved_orders(stack)
    stack.users.stop()
    try:
        answers = [timed_place(api, STRANGER_ID)[1] for _ in range(FAILURES + 2)]
    finally:
        stack.users.start()

    assert {answer.status_code for answer in answers} == {
        HTTPStatus.SERVICE_UNAVAILABLE
    }
    assert saved_orders(stack) == before


def test_a_known_customer_needs_no_lookup_and_meets_no_breaker(stack, api, customer_id):
    stack.users.stop()
    try:
        answers = [timed_place(api, customer_id)[1] for _ in range(FAILURES + 2)]
    finally:
        stack.users.start()

    assert {answer.status_code for answer in answers} == {HTTPStatus.CREATED}
