"""End to end: the credit saga under faults, with real processes; the invariant holds.

Each test makes a user with a credit limit of 100.00, places 10.00 orders
through the edge, breaks something (the users service stopped during a
reservation, the orders worker killed mid-saga, a cancellation while the
reservation is in flight, a flood of parallel placements), and then waits
for the sagas to catch up. After each, for that user, the credit reserved
in the users service equals the total of their approved, unshipped,
uncancelled orders, and no more than the limit was ever reserved. The
counts go to make test's summary.
"""

import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from http import HTTPStatus

import httpx
import pytest

from tests.e2e.credit import converged, ledger, saga_states
from tests.public_api.conftest import BOOK, expect, unique_email
from tests.public_api.test_concurrency import send_in_parallel
from tests.stack import Stack, build_stack, started

LIMIT = "100.00"
Report = Callable[[str], None]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of its own: these tests stop and kill its processes."""
    with started(build_stack(tmp_path_factory.mktemp("credit-saga"))) as running:
        yield running


@pytest.fixture
def edge(stack: Stack) -> Iterator[httpx.Client]:
    """Return a client of the stack's edge."""
    with httpx.Client(base_url=stack.edge.url, timeout=30.0) as client:
        yield client


def limited_user(edge: httpx.Client) -> int:
    """Create a user with a credit limit, known to orders by one approved order."""
    payload = {"name": "Limited", "email": unique_email(), "credit_limit": LIMIT}
    user_id = int(
        expect(edge.post("/api/users/", json=payload), HTTPStatus.CREATED).json()["id"]
    )
    place(edge, user_id)
    return user_id


def place(edge: httpx.Client, user_id: int) -> int:
    """Place a 10.00 order; return its id."""
    payload = {"user_id": user_id, "lines": [BOOK]}
    return int(
        expect(edge.post("/api/orders/", json=payload), HTTPStatus.CREATED).json()["id"]
    )


def saga_attempts(edge: httpx.Client, order_id: int) -> int:
    """Return how many tries the order's saga has made of its current step."""
    return int(edge.get(f"/api/orders/{order_id}/saga/").json()["attempts"])


def wait_until(check: Callable[[], bool], *, seconds: float = 15.0) -> bool:
    """Poll until check holds or time runs out; return whether it held."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def summary(what: str, edge: httpx.Client, user_id: int, report: Report) -> None:
    """Wait for the sagas, assert the invariant, and report what was counted."""
    found, waited = converged(edge, user_id)
    report(
        f"credit saga, {what}: approved {found.count('pending')}, "
        f"rejected {found.count('rejected')}, cancelled {found.count('cancelled')}; "
        f"reserved {found.reserved} = approved total {found.approved} "
        f"(limit {found.limit}); converged in {waited:.1f} s"
    )
    assert found.holds, found
    states = saga_states(edge, list(found.statuses))
    assert set(states.values()) == {"done"}, states


def test_users_down_during_a_reservation_the_saga_waits_and_completes(
    stack: Stack, edge: httpx.Client, report_counts: Report
):
    user_id = limited_user(edge)
    stack.users.stop()
    try:
        waiting = [place(edge, user_id) for _ in range(3)]
        tried = wait_until(lambda: saga_attempts(edge, waiting[-1]) >= 1)
        statuses = {edge.get(f"/api/orders/{o}/").json()["status"] for o in waiting}
    finally:
        stack.users.start()

    assert tried
    assert statuses == {"awaiting_credit"}
    summary("users stopped during the try", edge, user_id, report_counts)
    assert ledger(edge, user_id).count("pending") == 4


def test_the_orders_worker_killed_mid_saga_resumes(
    stack: Stack, edge: httpx.Client, report_counts: Report
):
    user_id = limited_user(edge)
    stack.users.stop()
    try:
        waiting = [place(edge, user_id) for _ in range(3)]
        assert wait_until(lambda: saga_attempts(edge, waiting[-1]) >= 1)
        stack.orders_worker.kill()
    finally:
        stack.users.start()
        stack.orders_worker.start()

    summary("orders worker SIGKILLed mid-saga", edge, user_id, report_counts)
    assert ledger(edge, user_id).count("pending") == 4


def test_a_cancellation_while_the_reservation_is_in_flight_releases_it(
    stack: Stack, edge: httpx.Client, report_counts: Report
):
    user_id = limited_user(edge)
    stack.users.stop()
    try:
        order_id = place(edge, user_id)
        assert wait_until(lambda: saga_attempts(edge, order_id) >= 1)
        cancelled = edge.post(f"/api/orders/{order_id}/cancel/")
    finally:
        stack.users.start()

    assert cancelled.json()["status"] == "cancelled"
    summary("cancelled while the try was in flight", edge, user_id, report_counts)
    saga = edge.get(f"/api/orders/{order_id}/saga/").json()
    assert (saga["step"], saga["outcome"]) == ("release", "compensated")
    assert ledger(edge, user_id).reserved == Decimal("10.00")


def test_a_flood_of_placements_never_reserves_more_than_the_limit(
    stack: Stack, edge: httpx.Client, report_counts: Report
):
    user_id = limited_user(edge)
    highest: list[Decimal] = []
    stop = threading.Event()

    def watch() -> None:
        with httpx.Client(base_url=stack.edge.url, timeout=30.0) as client:
            while not stop.is_set():
                credit = client.get(f"/api/users/{user_id}/credit/").json()
                highest.append(Decimal(credit["reserved"]))

    watcher = threading.Thread(target=watch)
    watcher.start()
    payload = {"user_id": user_id, "lines": [BOOK]}
    try:
        placed = send_in_parallel(
            stack.edge.url,
            [lambda client: client.post("/api/orders/", json=payload)] * 24,
        )
        converged(edge, user_id)
        approved = [
            o for o, s in ledger(edge, user_id).statuses.items() if s == "pending"
        ]
        cancels = [
            lambda client, o=o: client.post(f"/api/orders/{o}/cancel/")
            for o in approved[:4]
        ]
        more = [lambda client: client.post("/api/orders/", json=payload)] * 6
        send_in_parallel(stack.edge.url, cancels + more)
        summary(
            "24 parallel placements, then 4 cancellations and 6 placements",
            edge,
            user_id,
            report_counts,
        )
    finally:
        stop.set()
        watcher.join()

    assert {r.status_code for r in placed} == {HTTPStatus.CREATED}
    assert len(approved) == 10
    assert max(highest) <= Decimal(LIMIT)


def test_redis_away_at_placement_is_no_error_and_the_sweep_sends_the_try(
    stack: Stack, edge: httpx.Client, report_counts: Report
):
    user_id = limited_user(edge)
    stack.redis.kill()
    try:
        placed = edge.post("/api/orders/", json={"user_id": user_id, "lines": [BOOK]})
    finally:
        stack.redis.start(keep_data=False)

    assert placed.status_code == HTTPStatus.CREATED, placed.text
    assert placed.json()["status"] == "awaiting_credit"
    summary("Redis killed at placement, restarted empty", edge, user_id, report_counts)
    assert ledger(edge, user_id).count("pending") == 2
