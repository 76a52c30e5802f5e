"""Public API: parallel writes are serialized by the database, never failed."""

import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus

import httpx

Call = Callable[[httpx.Client], httpx.Response]
WORKERS = 10
BOOK = {"sku": "BOOK-1", "name": "A book", "quantity": 1, "unit_price": "10.00"}


def post(path: str, payload: object = None) -> Call:
    """Return a call that POSTs the payload, if any, as JSON to the path."""
    return lambda client: client.post(path, json=payload)


def patch(path: str, payload: object) -> Call:
    """Return a call that PATCHes the path with the payload as JSON."""
    return lambda client: client.patch(path, json=payload)


def send_in_parallel(
    base_url: str, calls: Sequence[Call], *, workers: int = WORKERS
) -> list[httpx.Response]:
    """Send the calls from a pool of threads, each thread with its own client."""
    # The first call of every thread waits at the barrier, so the first batch
    # reaches the server together instead of one after another.
    start = threading.Barrier(min(workers, len(calls)))
    local = threading.local()
    clients: list[httpx.Client] = []

    def send(call: Call) -> httpx.Response:
        """Make the call with this thread's client, creating it on first use."""
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base_url, timeout=60.0)
            clients.append(local.client)
            # A broken barrier only costs overlap, not correctness.
            with contextlib.suppress(threading.BrokenBarrierError):
                start.wait(timeout=10)
        return call(local.client)

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(send, calls))
    finally:
        for client in clients:
            client.close()


def statuses(responses: Sequence[httpx.Response]) -> Counter[int]:
    """Count the responses by status code."""
    return Counter(response.status_code for response in responses)


def deactivate_amid_orders(base_url: str, user_id: int) -> list[httpx.Response]:
    """Place 20 orders for a user in parallel, deactivating the user halfway.

    Return the responses in call order: ten orders, the deactivation, ten orders.
    """
    place = post("/api/orders/", {"user_id": user_id, "lines": [BOOK]})
    deactivate = post(f"/api/users/{user_id}/deactivate/")
    calls = [place] * 10 + [deactivate] + [place] * 10
    return send_in_parallel(base_url, calls, workers=8)


def test_parallel_order_creates_all_succeed(base_url, user):
    calls = [post("/api/orders/", {"user_id": user["id"], "lines": [BOOK]})] * 20

    responses = send_in_parallel(base_url, calls)

    assert statuses(responses) == {HTTPStatus.CREATED: 20}
    assert len({response.json()["id"] for response in responses}) == 20


def test_parallel_order_creates_are_all_stored(api, base_url, user):
    calls = [post("/api/orders/", {"user_id": user["id"], "lines": [BOOK]})] * 20

    send_in_parallel(base_url, calls)

    listed = api.get("/api/orders/", params={"user_id": user["id"]}).json()
    assert listed["count"] == 20


def test_parallel_user_updates_are_all_counted(base_url, shop, user):
    path = f"/api/users/{user['id']}/"
    calls = [patch(path, {"name": f"Name {number}"}) for number in range(10)]

    responses = send_in_parallel(base_url, calls)

    assert statuses(responses) == {HTTPStatus.OK: 10}
    versions = sorted(response.json()["version"] for response in responses)
    assert versions == list(range(2, 12))
    assert shop.get_user(user["id"])["version"] == 11


def test_parallel_creates_with_same_email_admit_one(base_url, fresh_email):
    calls = [post("/api/users/", {"name": "Twin", "email": fresh_email})] * 10

    responses = send_in_parallel(base_url, calls)

    assert statuses(responses) == {HTTPStatus.CREATED: 1, HTTPStatus.BAD_REQUEST: 9}
    rejected = [r for r in responses if r.status_code == HTTPStatus.BAD_REQUEST]
    assert all("email" in response.json() for response in rejected)


def test_parallel_creates_with_email_in_other_cases_admit_one(base_url, fresh_email):
    spellings = [fresh_email.lower(), fresh_email.upper(), fresh_email.title()]
    calls = [
        post("/api/users/", {"name": "Twin", "email": spellings[number % 3]})
        for number in range(9)
    ]

    responses = send_in_parallel(base_url, calls)

    assert statuses(responses) == {HTTPStatus.CREATED: 1, HTTPStatus.BAD_REQUEST: 8}


def test_parallel_confirms_of_one_order_admit_one(base_url, shop, order):
    calls = [post(f"/api/orders/{order['id']}/confirm/")] * 10

    responses = send_in_parallel(base_url, calls)

    assert statuses(responses) == {HTTPStatus.OK: 1, HTTPStatus.CONFLICT: 9}
    assert shop.get_order(order["id"])["version"] == 2


def test_deactivation_amid_parallel_orders_answers_each_order_201_or_400(
    base_url, user
):
    responses = deactivate_amid_orders(base_url, user["id"])

    placements = responses[:10] + responses[11:]
    assert responses[10].status_code == HTTPStatus.OK
    assert set(statuses(placements)) <= {HTTPStatus.CREATED, HTTPStatus.BAD_REQUEST}
    refused = [r for r in placements if r.status_code == HTTPStatus.BAD_REQUEST]
    assert all("user_id" in response.json() for response in refused)


def test_deactivation_amid_parallel_orders_leaves_no_order_pending(
    api, base_url, shop, user
):
    responses = deactivate_amid_orders(base_url, user["id"])

    placed = [r.json()["id"] for r in responses if r.status_code == HTTPStatus.CREATED]
    for order_id in placed:
        shop.wait_for_cancelled(order_id)
    listed = api.get("/api/orders/", params={"user_id": user["id"], "page_size": 100})
    assert listed.json()["count"] == len(placed)
    assert [order["status"] for order in listed.json()["results"]] == (
        ["cancelled"] * len(placed)
    )
