"""End to end: a hundred clients at once, across both processes.

Each client opens its own connection, as a hundred browsers would. Django's
runserver, with a listen queue of 10, reset most of them; gunicorn must
answer every one, without a 5xx.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus

import httpx
import pytest

from tests.public_api.payloads import line

CLIENTS = 100


def at_once(
    base_url: str, request: Callable[[httpx.Client], httpx.Response]
) -> list[object]:
    """Send one request per client, all at once; return responses or errors."""

    def one(_: int) -> object:
        try:
            with httpx.Client(base_url=base_url, timeout=60.0) as client:
                return request(client)
        except httpx.HTTPError as error:
            return error

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        return list(pool.map(one, range(CLIENTS)))


def statuses(results: list[object]) -> list[object]:
    """Return each result's status code, or the error's type name."""
    return [
        r.status_code if isinstance(r, httpx.Response) else type(r).__name__
        for r in results
    ]


@pytest.mark.parametrize("path", ["/api/orders/?page_size=50", "/api/users/"])
def test_a_hundred_clients_reading_at_once_all_get_answers(base_url, order, path):
    results = at_once(base_url, lambda client: client.get(path))

    assert set(statuses(results)) == {HTTPStatus.OK}


def test_a_hundred_clients_placing_orders_at_once_all_succeed(base_url, user):
    payload = {"user_id": user["id"], "lines": [line()]}

    results = at_once(
        base_url, lambda client: client.post("/api/orders/", json=payload)
    )

    assert set(statuses(results)) == {HTTPStatus.CREATED}
