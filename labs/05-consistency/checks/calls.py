"""The calls lab 5's checks make through the edge, one at a time or many at once.

Only the public API is used, so any design behind the edge is judged the
same way: what a client of port 8000 sees.
"""

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from http import HTTPStatus

import httpx

from tools.labkit import CheckFailed

LINE = {"sku": "LAB-5", "name": "Lab mug", "quantity": 1, "unit_price": "10.00"}
Call = Callable[[httpx.Client], httpx.Response]


def send(
    method: str,
    url: str,
    *,
    json: object = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """Send one request; a request that gets no answer fails the check."""
    try:
        return httpx.request(method, url, json=json, headers=headers, timeout=30)
    except httpx.HTTPError as error:
        raise CheckFailed(f"{method} {url} got no answer: {error!r}") from None


def expect(response: httpx.Response, status: HTTPStatus, what: str) -> httpx.Response:
    """Return the response if it has the status, else fail saying what was seen."""
    if response.status_code != status:
        raise CheckFailed(said(what, response))
    return response


def said(what: str, response: httpx.Response) -> str:
    """Say what an unexpected answer was."""
    request = response.request
    return (
        f"{what}: {request.method} {request.url.path} answered "
        f"{response.status_code}: {response.text[:300]}"
    )


def create_user(edge: str, *, email: str, **fields: object) -> dict[str, object]:
    """Create a user through the edge; return it as the edge answered."""
    payload = {"name": "Lab", "email": email, **fields}
    created = send("POST", f"{edge}/api/users/", json=payload)
    body: dict[str, object] = expect(
        created, HTTPStatus.CREATED, "creating a user"
    ).json()
    return body


def place_order(edge: str, *, user_id: object) -> dict[str, object]:
    """Place a 10.00 order for the user through the edge; return it as answered."""
    placed = send("POST", f"{edge}/api/orders/", json=order_payload(user_id))
    body: dict[str, object] = expect(
        placed, HTTPStatus.CREATED, "placing an order"
    ).json()
    return body


def order_payload(user_id: object, *, quantity: int = 1) -> dict[str, object]:
    """Return the body of a placement of the lab's 10.00 line."""
    return {"user_id": user_id, "lines": [{**LINE, "quantity": quantity}]}


def etag_of(url: str) -> str:
    """GET a resource and return its ETag; fail if it has none."""
    response = expect(send("GET", url), HTTPStatus.OK, "reading")
    etag: str | None = response.headers.get("ETag")
    if not etag:
        raise CheckFailed(
            f"GET {httpx.URL(url).path} answered 200 with no ETag header "
            f"(headers: {', '.join(response.headers.keys())})"
        )
    return etag


def field(url: str, name: str) -> object:
    """GET a resource and return one field of it."""
    body = expect(send("GET", url), HTTPStatus.OK, "reading").json()
    return body.get(name) if isinstance(body, dict) else None


def in_parallel(edge: str, calls: Sequence[Call]) -> list[httpx.Response]:
    """Send the calls at once, each from a thread with a client of its own.

    Every thread waits at a barrier before its call, so the requests reach
    the edge together rather than one after another.
    """
    start = threading.Barrier(len(calls))

    def one(call: Call) -> httpx.Response:
        with httpx.Client(base_url=edge, timeout=60) as client:
            with suppress(threading.BrokenBarrierError):
                start.wait(timeout=10)
            try:
                return call(client)
            except httpx.HTTPError as error:
                raise CheckFailed(
                    f"a parallel request got no answer: {error!r}"
                ) from None

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(one, calls))


def tally(responses: list[httpx.Response]) -> Counter[int]:
    """Count the answers by status."""
    return Counter(response.status_code for response in responses)


def counted(statuses: Counter[int]) -> str:
    """Say a tally of statuses: `1 x 200, 9 x 412`."""
    return ", ".join(f"{n} x {status}" for status, n in sorted(statuses.items()))
