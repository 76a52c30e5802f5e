"""End to end: a deactivation racing order placements across two processes.

In stage 0 one database lock kept them apart. Now the monolith asks the users
service whether the customer is active, and the users service tells the
monolith about a deactivation after it commits. Here the users service's
answers to the monolith are held back, so the deactivation commits, and its
event arrives, while the placements still wait for an answer that says
"active". Once everything has settled, no pending order may remain.
"""

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus

import httpx
import pytest

from tests.e2e.faults import SlowProxy
from tests.public_api.payloads import line
from tests.stack import Stack, build_stack, free_port, started

PLACEMENTS = 20
ANSWER_DELAY_SECONDS = 0.5
SETTLE_SECONDS = 10.0


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


def test_no_pending_order_of_a_deactivated_user_remains(stack, proxy):
    users = httpx.Client(base_url=stack.users.url, timeout=30.0)
    edge = httpx.Client(base_url=stack.url, timeout=30.0)
    user = users.post("/api/users/", json={"name": "Ann", "email": "ann@example.com"})
    payload = {"user_id": user.json()["id"], "lines": [line()]}
    proxy.delay = ANSWER_DELAY_SECONDS

    def place(_: int) -> httpx.Response:
        with httpx.Client(base_url=stack.url, timeout=30.0) as client:
            return client.post("/api/orders/", json=payload)

    with ThreadPoolExecutor(max_workers=PLACEMENTS) as pool:
        placing = [pool.submit(place, n) for n in range(PLACEMENTS)]
        time.sleep(ANSWER_DELAY_SECONDS / 4)
        deactivated = users.post(f"/api/users/{user.json()['id']}/deactivate/")
        answers = [future.result().status_code for future in placing]
    proxy.delay = 0.0

    assert deactivated.status_code == HTTPStatus.OK
    assert set(answers) <= {HTTPStatus.CREATED, HTTPStatus.BAD_REQUEST}
    pending = {"user_id": user.json()["id"], "status": "pending"}
    deadline = time.monotonic() + SETTLE_SECONDS
    while edge.get("/api/orders/", params=pending).json()["count"]:
        assert time.monotonic() < deadline, "a pending order was left behind"
        time.sleep(0.2)
