"""Helpers of the tests that show how PostgreSQL locks (make pytest-postgres)."""

import time
from collections.abc import Callable

import psycopg
from django.db import connection

WAIT_SECONDS = 10.0
# Sessions of the test database that wait for a lock, other than the watcher.
WAITING = """
    SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'
"""


def watcher_connection() -> psycopg.Connection:
    """Open a connection of its own to the test database, to watch or hold locks."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    return psycopg.connect(**params, autocommit=True)


def in_own_connection(work: Callable[[], object]) -> Callable[[], object]:
    """Wrap work for a thread: Django gives the thread a connection; close it after."""

    def run() -> object:
        try:
            return work()
        finally:
            connection.close()

    return run


def sessions_waiting(watcher: psycopg.Connection, *, count: int) -> bool:
    """Wait until `count` sessions wait for a lock; False if they never do."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        row = watcher.execute(WAITING).fetchone()
        if row is not None and row[0] >= count:
            return True
        time.sleep(0.02)
    return False
