"""The customer's replica row keeps a placement and a deactivation apart on PostgreSQL.

SQLite lets one transaction write at a time, which hides the race. At
PostgreSQL's READ COMMITTED a placement that read the customer as active
and a deactivation reaching the replica (customer_apply) can both run at
once, and the deactivation's cancellation misses the order the placement
has not yet committed. Both lock the customer's replica row, so the
deactivation waits for the placement and then cancels its order. The test
holds a placement inside its transaction, after its lock and order row and
before its lines and commit, then applies the deactivation.
`make pytest-postgres` runs it.
"""

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal

import psycopg
import pytest
from django.db import connection

from orders.lines import NewOrderLine
from orders.models import Order, OrderStatus
from orders.services import order_place
from orders.sync import customer_apply

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BOOK = NewOrderLine(sku="BOOK-1", name="Book", quantity=1, unit_price=Decimal("5"))
WAIT_SECONDS = 10.0
# Sessions of the test database that wait for a lock, other than the watcher.
WAITING = """
    SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'
"""


@pytest.fixture
def lines_blocked() -> Iterator[psycopg.Connection]:
    """Hold a lock that stops any order line being written until released.

    A placement then waits inside its transaction, after its customer's lock
    and its order row, and before its lines and its commit: the window a
    deactivation must not miss.
    """
    if connection.vendor != "postgresql":
        pytest.skip("shows PostgreSQL's locking: make pytest-postgres")
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params) as blocker:
        blocker.execute("LOCK TABLE orders_orderline IN SHARE MODE")
        yield blocker


def in_own_connection(work: Callable[[], object]) -> Callable[[], object]:
    """Wrap work for a thread: Django gives the thread a connection; close it after."""

    def run() -> object:
        try:
            return work()
        finally:
            connection.close()

    return run


def wait_for(sessions: int, *, watcher: psycopg.Connection, done: Future) -> bool:
    """Wait until that many sessions wait for a lock; False if `done` finishes first."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        row = watcher.execute(WAITING).fetchone()
        if row is not None and row[0] >= sessions:
            return True
        if done.done():
            return False
        time.sleep(0.02)
    raise AssertionError(f"{sessions} sessions never waited for a lock")


def test_a_deactivation_waits_for_a_placement_and_then_cancels_its_order(
    users, lines_blocked
):
    user = users.add()
    customer_apply(user=user)
    deactivated = users.deactivate(user_id=user.id)
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with (
        psycopg.connect(**params, autocommit=True) as watcher,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        placing = pool.submit(
            in_own_connection(lambda: order_place(user_id=user.id, lines=[BOOK]))
        )
        assert wait_for(1, watcher=watcher, done=placing), "placement never waited"
        deactivating = pool.submit(
            in_own_connection(lambda: customer_apply(user=deactivated))
        )
        deactivation_waited = wait_for(2, watcher=watcher, done=deactivating)
        lines_blocked.rollback()
        placing.result(timeout=WAIT_SECONDS)
        applied = deactivating.result(timeout=WAIT_SECONDS)

    statuses = list(Order.objects.values_list("status", flat=True))
    # Without the lock: (False, True, ["pending"]), a pending order left behind.
    assert (deactivation_waited, applied, statuses) == (
        True,
        True,
        [OrderStatus.CANCELLED],
    )
