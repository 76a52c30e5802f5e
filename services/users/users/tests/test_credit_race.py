"""Parallel reservations on PostgreSQL never hold more than the user's limit.

SQLite lets one transaction write at a time, which hides the race. On
PostgreSQL each reservation locks its user's row before it adds up what is
held; the test holds that lock itself, starts eight reservations of 30
against a limit of 100, sees all eight wait, then lets them go: they run
one at a time, and exactly three are held. `make pytest-postgres` runs it.
"""

from collections import Counter
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
from users.credit import credit_reserve
from users.services import user_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RESERVATIONS = 8


@pytest.fixture
def watcher() -> Iterator[psycopg.Connection]:
    """Return a connection of its own, to hold the user's lock and watch others wait."""
    if connection.vendor != "postgresql":
        pytest.skip("shows PostgreSQL's locking: make pytest-postgres")
    with watcher_connection() as watching:
        yield watching


def test_parallel_reservations_never_hold_more_than_the_limit(watcher):
    user = user_create(name="Ann", email="ann@example.com", credit_limit=Decimal(100))

    def reserve(number):
        return credit_reserve(
            key=f"order-{number}", user_id=user.pk, amount=Decimal(30)
        ).state

    # Statistics are read once per transaction: the watcher counts outside
    # the transaction that holds the lock, in a connection of its own.
    with (
        ThreadPoolExecutor(max_workers=RESERVATIONS) as pool,
        watcher_connection() as holder,
    ):
        with holder.transaction():
            holder.execute(
                "SELECT 1 FROM users_user WHERE id = %s FOR UPDATE", [user.pk]
            )
            futures = [
                pool.submit(in_own_connection(lambda n=n: reserve(n)))
                for n in range(RESERVATIONS)
            ]
            all_waited = sessions_waiting(watcher, count=RESERVATIONS)
        states = Counter(future.result(timeout=WAIT_SECONDS) for future in futures)

    # Without the lock each adds up nothing held yet, and all eight are
    # held: {"held": 8}. (They still wait, at their insert: its foreign key
    # check takes a share lock on the user's row.)
    assert (all_waited, states) == (True, Counter(held=3, refused=5))
