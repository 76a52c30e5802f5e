"""End to end: a hundred clients at once, across both processes.

Each client opens its own connection, as a hundred browsers would. Django's
runserver, with a listen queue of 10, reset most of them; gunicorn must
answer every one, without a 5xx.
"""

from collections import Counter
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


def outcomes(results: list[object]) -> Counter[tuple[object, str]]:
    """Count the results by status code (or error type) and what a failure said.

    A failing assertion then shows what went wrong, not only that it did.
    """
    counted: Counter[tuple[object, str]] = Counter()
    for result in results:
        if isinstance(result, httpx.Response):
            said = "" if result.is_success else result.text[:300]
            counted[result.status_code, said] += 1
        else:
            counted[type(result).__name__, str(result)[:300]] += 1
    return counted


@pytest.mark.parametrize("path", ["/api/orders/?page_size=50", "/api/users/"])
def test_a_hundred_clients_reading_at_once_all_get_answers(base_url, order, path):
    results = at_once(base_url, lambda client: client.get(path))

    assert outcomes(results) == {(HTTPStatus.OK, ""): CLIENTS}


def test_a_hundred_clients_placing_orders_at_once_all_succeed(base_url, user):
    payload = {"user_id": user["id"], "lines": [line()]}

    results = at_once(
        base_url, lambda client: client.post("/api/orders/", json=payload)
    )

    assert outcomes(results) == {(HTTPStatus.CREATED, ""): CLIENTS}
