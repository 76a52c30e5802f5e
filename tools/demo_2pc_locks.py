"""The two-phase commit demo's writer of a locked row, and what pg_locks shows of it.

A prepared transaction keeps its row locks with no session behind them. A
writer of such a row waits, here until its lock_timeout, and a second
session can read in pg_locks what it waits for. See docs/05-consistency.md,
"Two-phase commit, for real".
"""

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import psycopg

# How long a writer waits for a lock before it gives up.
LOCK_TIMEOUT = "2s"
# How often pg_locks is read while the writer waits, and for how long at most:
# the lock shows within milliseconds, but a busy machine may start it late.
POLL_SECONDS = 0.02
WATCH_SECONDS = 5.0


@dataclass(frozen=True)
class Write:
    """How one attempt to change user 1's credit went, and how long it took."""

    went_through: bool
    ms: float


@dataclass(frozen=True)
class Waiting:
    """A lock a session waits for, as pg_locks shows it, and who holds it."""

    locktype: str
    mode: str
    granted: bool
    transaction: str
    # The gid of the prepared transaction holding it, or "" if none is.
    held_by: str


def locks_of_prepared(db: psycopg.Connection) -> list[str]:
    """Describe the locks held by this database's prepared transactions: no process."""
    # A transaction's lock on its own id names no database, so it is found
    # through pg_prepared_xacts; it is the lock a blocked writer waits for.
    rows = db.execute(
        "SELECT l.locktype, coalesce(c.relname, l.transactionid::text, ''), l.mode "
        "FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation "
        "WHERE l.pid IS NULL AND (l.database = "
        "(SELECT oid FROM pg_database WHERE datname = current_database()) "
        "OR l.transactionid IN (SELECT transaction FROM pg_prepared_xacts "
        "WHERE database = current_database())) "
        "ORDER BY 1, 2, 3"
    ).fetchall()
    return [f"{mode} on {kind} {name}".rstrip() for kind, name, mode in rows]


def credit_write(db: psycopg.Connection) -> Write:
    """Change user 1's credit (by nothing), giving up after LOCK_TIMEOUT; time it."""
    db.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
    began = time.monotonic()
    try:
        db.execute("UPDATE credit SET amount = amount + 0 WHERE user_id = 1")
    except psycopg.errors.LockNotAvailable:
        return Write(went_through=False, ms=(time.monotonic() - began) * 1000)
    return Write(went_through=True, ms=(time.monotonic() - began) * 1000)


def credit_write_watched(
    writer: psycopg.Connection, watcher: psycopg.Connection
) -> tuple[Write, Waiting | None]:
    """Write on `writer` in a thread; meanwhile read on `watcher` the lock it awaits."""
    # The write blocks its thread, so the watching needs a session and a thread
    # of its own: after the write ends, its wait is gone from pg_locks.
    with ThreadPoolExecutor(max_workers=1) as pool:
        write = pool.submit(credit_write, writer)
        waiting = lock_awaited(watcher, pid=writer.info.backend_pid, write=write)
        return write.result(), waiting


def lock_awaited(
    db: psycopg.Connection, *, pid: int, write: Future[Write]
) -> Waiting | None:
    """Read pg_locks until session `pid` waits for a lock, or `write` ends (None)."""
    deadline = time.monotonic() + WATCH_SECONDS
    while not write.done() and time.monotonic() < deadline:
        row = db.execute(
            "SELECT l.locktype, l.mode, l.granted, l.transactionid::text, "
            "coalesce(x.gid, '') FROM pg_locks l "
            "LEFT JOIN pg_prepared_xacts x ON x.transaction = l.transactionid "
            "WHERE l.pid = %s AND NOT l.granted",
            [pid],
        ).fetchone()
        if row:
            return Waiting(*row)
        time.sleep(POLL_SECONDS)
    return None
