"""End to end: placements that heard "active" meet a deactivation that came first.

In stage 0 one database lock kept a placement and a deactivation apart. Now
the edge asks the users service whether the customer is active before its
transaction, and the users service tells the edge about a deactivation after
it commits. Here the users service's "active" answers are held at a proxy
until the deactivation has committed and its event has been recorded by the
edge: every placement then enters its transaction with a stale answer, and
only the orders-side check (CustomerDeactivation, read under the customer's
lock) stands between it and a pending order of an inactive user.
"""

import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from pathlib import Path

import httpx
import pytest

from tests.e2e.faults import SlowProxy
from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, free_port, started

# Fewer than the edge's threads, so the event is never queued behind them.
PLACEMENTS = 4
WAIT_SECONDS = 10.0


@pytest.fixture(scope="module")
def proxy() -> Iterator[SlowProxy]:
    """A proxy in front of the users service's port."""
    proxy = SlowProxy(upstream_port=free_port())
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, proxy) -> Iterator[Stack]:
    """A stack whose edge hears the users service only through the proxy."""
    stack = build_stack(tmp_path_factory.mktemp("race"), users_url=proxy.url)
    stack.users.port = proxy.upstream_port
    with started(stack):
        yield stack


def wait_until(condition, *, what: str) -> None:
    """Poll condition until it holds; fail naming what never happened."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.05)


def edge_recorded_deactivation(database: Path, user_id: int) -> bool:
    """Say whether the edge's orders app has recorded the user's deactivation."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        row = db.execute(
            "SELECT count(*) FROM orders_customerdeactivation WHERE user_id = ?",
            (user_id,),
        ).fetchone()
    return bool(row[0])


def test_placements_with_a_stale_active_answer_are_refused(stack, proxy):
    users = httpx.Client(base_url=stack.users.url, timeout=30.0)
    edge = httpx.Client(base_url=stack.url, timeout=30.0)
    user_id = users.post(
        "/api/users/", json={"name": "Ann", "email": "ann@example.com"}
    ).json()["id"]
    payload = {"user_id": user_id, "lines": [line()]}
    database = Path(stack.orders.env["ORDERS_DATABASE_PATH"])

    def place(_: int) -> httpx.Response:
        with httpx.Client(base_url=stack.url, timeout=30.0) as client:
            return client.post("/api/orders/", json=payload)

    proxy.hold()
    try:
        with ThreadPoolExecutor(max_workers=PLACEMENTS) as pool:
            placing = [pool.submit(place, n) for n in range(PLACEMENTS)]
            wait_until(lambda: proxy.held == PLACEMENTS, what="every 'active' held")
            deactivated = users.post(f"/api/users/{user_id}/deactivate/")
            wait_until(
                lambda: edge_recorded_deactivation(database, user_id),
                what="the edge recording the deactivation",
            )
            proxy.release()
            answers = [future.result() for future in placing]
    finally:
        proxy.release()

    refused = [a for a in answers if a.status_code == HTTPStatus.BAD_REQUEST]
    pending = {"user_id": user_id, "status": "pending"}
    left = edge.get("/api/orders/", params=pending).json()["count"]
    # With the orders-side check removed: refused 0 of 4, 4 pending left.
    assert deactivated.status_code == HTTPStatus.OK
    assert (len(refused), left) == (PLACEMENTS, 0), [a.text for a in answers]
    assert {a.json()["user_id"][0] for a in refused} == {f"User {user_id} is inactive."}
