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

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import psycopg
import pytest
from django.db import connection

from chassis.pglocks import (
    WAIT_SECONDS,
    in_own_connection,
    sessions_waiting,
    watcher_connection,
)
from orders.lines import NewOrderLine
from orders.models import Order, OrderStatus
from orders.services import order_place
from orders.sync import customer_apply

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BOOK = NewOrderLine(sku="BOOK-1", name="Book", quantity=1, unit_price=Decimal("5"))


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


def test_a_deactivation_waits_for_a_placement_and_then_cancels_its_order(
    users, lines_blocked
):
    user = users.add()
    customer_apply(user=user)
    deactivated = users.deactivate(user_id=user.id)
    with (
        watcher_connection() as watcher,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        placing = pool.submit(
            in_own_connection(lambda: order_place(user_id=user.id, lines=[BOOK]))
        )
        placed_waited = sessions_waiting(watcher, count=1, done=placing)
        assert placed_waited, "placement never waited"
        deactivating = pool.submit(
            in_own_connection(lambda: customer_apply(user=deactivated))
        )
        deactivation_waited = sessions_waiting(watcher, count=2, done=deactivating)
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
