"""Reading where the sync stands, for fault tests: both sides, the outbox, a queue.

The users and the orders come through the edge, as a client sees them; the
replica's versions, which the public API does not show, and the users
service's outbox are read from the services' databases, read-only.
"""

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

import httpx
import redis

from tests.e2e.sync_history import Final, Held, OrderSeen
from tests.e2e.sync_stream import PAGE_SIZE

CONVERGE_SECONDS = 30.0


def _rows(database: Path, query: str) -> list[sqlite3.Row]:
    """Run a query on a service's SQLite database, opened read-only."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        db.row_factory = sqlite3.Row
        rows: list[sqlite3.Row] = db.execute(query).fetchall()
    db.close()
    return rows


def replica_rows(database: Path, user_ids: Sequence[int]) -> dict[int, Held]:
    """Read the users' rows of orders' replica from its database."""
    query = "SELECT user_id, name, is_active, version FROM orders_customer"
    return {
        user_id: Held(name=name, is_active=bool(active), version=version)
        for user_id, name, active, version in _rows(database, query)
        if user_id in user_ids
    }


def outbox_waiting(database: Path, user_ids: Sequence[int]) -> int:
    """Count the users' events waiting in users' outbox to be published."""
    query = "SELECT user_id FROM users_outboxevent WHERE published_at IS NULL"
    return sum(user_id in user_ids for (user_id,) in _rows(database, query))


def queue_depth(url: str, queue: str) -> int:
    """Count the messages waiting in a queue of a Redis."""
    with redis.Redis.from_url(url, socket_timeout=2) as client:
        return int(client.llen(queue))


def final_state(edge: httpx.Client, database: Path, user_ids: Sequence[int]) -> Final:
    """Read the users and their orders through the edge, and orders' replica."""
    params: dict[str, int | list[int]] = {"ids": list(user_ids), "page_size": PAGE_SIZE}
    users = edge.get("/api/users/", params=params)
    orders = edge.get("/api/orders/", params={"page_size": PAGE_SIZE})
    users.raise_for_status()
    orders.raise_for_status()
    return Final(
        users={
            user["id"]: Held(
                name=user["name"], is_active=user["is_active"], version=user["version"]
            )
            for user in users.json()["results"]
        },
        replica=replica_rows(database, user_ids),
        orders=[
            OrderSeen(
                user_id=order["user_id"],
                status=order["status"],
                version=order["version"],
                customer_name=order["customer"]["name"],
            )
            for order in orders.json()["results"]
            if order["user_id"] in user_ids
        ],
    )


def wait_converged(
    edge: httpx.Client, database: Path, user_ids: Sequence[int]
) -> tuple[Final, float | None]:
    """Read both sides until they match; return the last reading and how long it took.

    The time is None if they did not match within CONVERGE_SECONDS.
    """
    started_at = time.monotonic()
    final: Final | None = None
    while (took := time.monotonic() - started_at) <= CONVERGE_SECONDS:
        try:
            final = final_state(edge, database, user_ids)
        except httpx.HTTPError:
            final = None
        if final is not None and final.converged():
            return final, took
        time.sleep(0.2)
    return final or final_state(edge, database, user_ids), None
