"""Helpers of the projects' tests that show how PostgreSQL locks (make pytest-postgres).

A lock test runs work in threads, each on a connection of its own, and
watches from one more connection until the sessions it expects wait for a
lock: then it knows the race's window was hit, not only that the end state
looks right. For tests only: it needs psycopg, which the development
dependencies install and `make run`'s environment does not.
"""

import time
from collections.abc import Callable
from concurrent.futures import Future

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


def sessions_waiting(
    watcher: psycopg.Connection, *, count: int, done: Future[object] | None = None
) -> bool:
    """Wait until `count` sessions wait for a lock.

    False if they never do within WAIT_SECONDS, or if `done` (the work that
    should wait) finishes first: it went through without waiting.
    """
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        row = watcher.execute(WAITING).fetchone()
        if row is not None and row[0] >= count:
            return True
        if done is not None and done.done():
            return False
        time.sleep(0.02)
    return False
