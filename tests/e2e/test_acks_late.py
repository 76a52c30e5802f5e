"""End to end: a change whose task a killed worker was running is applied after it.

The stack pushes only: beat sweeps users' outbox but never reconciles, so
nothing but the event's own message can bring the change to orders. Its
orders worker runs tasks in a child process (a prefork pool of one), as in
production: with --pool solo, as make run runs it, Celery sends even an
early acknowledgement only once the task has returned. The orders database
is locked while the change arrives, so the worker is inside the task,
blocked on its write, when it and its child are SIGKILLed. The message was
taken but, with late acknowledgement (chassis/celery.py), not
acknowledged: it waits in Redis until the visibility timeout (shortened
here to a few seconds) has passed and a worker scans for such messages,
which a worker does when it starts (then about every 100 s), so the test
starts it again after the timeout. Acknowledged on receipt, the message
would be gone. See docs/04-celery-sync.md, "At least once".
"""

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path

import httpx
import pytest

from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, started

VISIBILITY_SECONDS = 3
# Push only: the outbox swept each second, no reconciliation.
SWEEP_ONLY = "users.relay_outbox=1"
CONVERGE_SECONDS = 30.0
TASK = "users.user_changed["
RECEIVED_SECONDS = 10.0
# After the worker logs the task as received, how long it is given to reach
# the write that the lock holds back.
INSIDE_SECONDS = 0.5


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A push-only stack whose orders worker's messages come back in seconds."""
    stack = build_stack(
        tmp_path_factory.mktemp("acks-late"),
        orders_env={"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS)},
        periodic_tasks=SWEEP_ONLY,
        orders_pool="prefork",
    )
    with started(stack):
        yield stack


@contextmanager
def write_locked(database: Path) -> Iterator[None]:
    """Hold SQLite's write lock on the database: readers go on, writers wait."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def wait_for_line(log: Path, *parts: str, offset: int = 0) -> bool:
    """Wait until a line past the offset holds every part; return whether one did."""
    deadline = time.monotonic() + RECEIVED_SECONDS
    while time.monotonic() < deadline:
        lines = log.read_text(errors="replace")[offset:].splitlines()
        if any(all(part in text for part in parts) for text in lines):
            return True
        time.sleep(0.05)
    return False


def customer_name(edge: httpx.Client, order_id: int) -> str:
    """Return the customer's name that an order shows: the replica's."""
    return str(edge.get(f"/api/orders/{order_id}/").json()["customer"]["name"])


def wait_for_name(edge: httpx.Client, order_id: int, name: str) -> str:
    """Wait until the order shows the name, or give up; return what it shows."""
    deadline = time.monotonic() + CONVERGE_SECONDS
    shown = customer_name(edge, order_id)
    while shown != name and time.monotonic() < deadline:
        time.sleep(0.2)
        shown = customer_name(edge, order_id)
    return shown


def test_a_change_whose_worker_was_killed_mid_task_is_applied_after(stack):
    edge = httpx.Client(base_url=stack.url, timeout=30.0)
    user = edge.post("/api/users/", json={"name": "Before", "email": "b@example.com"})
    user_id = user.json()["id"]
    order = edge.post("/api/orders/", json={"user_id": user_id, "lines": [line()]})
    order_id = order.json()["id"]
    log = stack.orders_worker.log
    # The user's creation is applied, so the next task the worker takes is
    # the rename.
    assert wait_for_line(log, TASK, "succeeded")
    with write_locked(Path(stack.orders.env["ORDERS_DATABASE_PATH"])):
        offset = log.stat().st_size
        renamed = edge.patch(f"/api/users/{user_id}/", json={"name": "After"})
        received = wait_for_line(log, TASK, "received", offset=offset)
        time.sleep(INSIDE_SECONDS)
        shown_at_kill = customer_name(edge, order_id)
        stack.orders_worker.kill()
    time.sleep(VISIBILITY_SECONDS + 1)
    stack.orders_worker.start()

    shown = wait_for_name(edge, order_id, "After")

    assert renamed.status_code == HTTPStatus.OK
    # The window was hit: the worker had taken the change, not applied it.
    assert received
    assert shown_at_kill == "Before"
    assert shown == "After"
