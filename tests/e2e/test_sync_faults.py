"""End to end: users' changes reach orders' replica through faults, none lost.

Real processes: Redis, both services, their workers, beat and the edge.
Each test makes four users with one pending order each and streams changes
through the edge while a reader lists orders (tests/e2e/sync_stream.py).
Half the users get their last changes, a deactivation among them, just
before the fault strikes; the other half change through it and after it.
The faults: the orders worker killed; Redis killed while events wait in
it, then started with its data or empty; the users service stopped; the
orders service stopped. After each, the replica must match the users
service within 30 s, with nothing acknowledged lost, no effect applied
twice, and no older name read after a newer one. Each test prints what it
counted in the run's summary; tests/e2e/sync_run.py runs them. See
docs/04-celery-sync.md, "Faults".
"""

import uuid
from collections.abc import Iterator
from http import HTTPStatus

import httpx
import pytest

from tests.e2e.sync_history import step_name
from tests.e2e.sync_run import WAITING_EVENTS, Outage, RedisKilled, run_fault
from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, started

USERS = 4


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack of this module's own: its processes and Redis are killed and stopped."""
    stack = build_stack(tmp_path_factory.mktemp("sync-faults"))
    with started(stack):
        yield stack


@pytest.fixture(scope="module")
def edge(stack: Stack) -> Iterator[httpx.Client]:
    """Return a client of the edge."""
    with httpx.Client(base_url=stack.url, timeout=30.0) as client:
        yield client


@pytest.fixture
def user_ids(edge: httpx.Client) -> list[int]:
    """Create a test's own users, each with one pending order."""
    ids = []
    for _ in range(USERS):
        email = f"sync-{uuid.uuid4().hex}@example.com"
        body = {"name": step_name(label="new", step=0), "email": email}
        user = edge.post("/api/users/", json=body)
        assert user.status_code == HTTPStatus.CREATED, user.text
        order = {"user_id": user.json()["id"], "lines": [line()]}
        placed = edge.post("/api/orders/", json=order)
        assert placed.status_code == HTTPStatus.CREATED, placed.text
        ids.append(int(user.json()["id"]))
    return ids


def test_orders_worker_killed_mid_stream_loses_nothing(
    stack, edge, user_ids, report_counts
):
    worker = stack.orders_worker
    fault = Outage(inject=worker.kill, end=worker.start)

    outcome = run_fault(stack, edge, user_ids, fault)

    report_counts(outcome.report("orders worker SIGKILLed"))
    counts = outcome.counts
    assert (counts.lost, counts.duplicated, counts.regressions) == (0, 0, 0)
    assert outcome.converged_in is not None
    assert outcome.acknowledged_during > 0
    assert counts.reads_failed == 0


@pytest.mark.parametrize("keep_data", [True, False], ids=["data-kept", "emptied"])
def test_redis_killed_with_events_waiting_loses_nothing(
    stack, edge, user_ids, keep_data, report_counts
):
    fault = RedisKilled(stack=stack, keep_data=keep_data)

    outcome = run_fault(stack, edge, user_ids, fault)

    data = "its data kept" if keep_data else "empty"
    waiting = f"events waiting in it: {fault.waiting}"
    report_counts(outcome.report(f"Redis SIGKILLed ({waiting}), {data}"))
    counts = outcome.counts
    assert (counts.lost, counts.duplicated, counts.regressions) == (0, 0, 0)
    assert outcome.converged_in is not None
    assert fault.waiting >= WAITING_EVENTS
    assert counts.reads_failed == 0


def test_users_stopped_orders_keeps_serving_then_catches_up(
    stack, edge, user_ids, report_counts
):
    fault = Outage(inject=stack.users.stop, end=stack.users.start)

    outcome = run_fault(stack, edge, user_ids, fault)

    report_counts(outcome.report("users service stopped"))
    counts = outcome.counts
    assert (counts.lost, counts.duplicated, counts.regressions) == (0, 0, 0)
    assert outcome.converged_in is not None
    assert counts.reads_failed == 0
    assert outcome.acknowledged_after > 0


def test_orders_stopped_users_keeps_changing_then_converges(
    stack, edge, user_ids, report_counts
):
    fault = Outage(inject=stack.orders.stop, end=stack.orders.start)

    outcome = run_fault(stack, edge, user_ids, fault)

    report_counts(outcome.report("orders service stopped"))
    counts = outcome.counts
    assert (counts.lost, counts.duplicated, counts.regressions) == (0, 0, 0)
    assert outcome.converged_in is not None
    assert outcome.acknowledged_during > 0
