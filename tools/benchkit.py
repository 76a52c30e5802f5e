"""The parts of `make bench` that fill a stack and measure it.

Every stack gets the same data over the public API, and then the same
requests, by name, from concurrent clients.
"""

import socket
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TypeVar

import httpx

ORDERS = 60
LINE = {"sku": "BENCH-1", "name": "Bench mug", "quantity": 1, "unit_price": "9.99"}

PAGE = "/api/orders/?page_size=50"
LIST = "order list, 50 with customers"

T = TypeVar("T")


def turn(items: Sequence[T], *, number: int) -> list[T]:
    """Return the order stacks go in, in round `number`: reversed every other."""
    return list(items) if number % 2 == 0 else list(reversed(items))


@dataclass(frozen=True)
class Result:
    """How one scenario went against one stack."""

    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def per_second(self) -> float:
        """Return the throughput."""
        return self.requests / self.seconds

    def percentile(self, share: float) -> float:
        """Return a latency percentile in milliseconds."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_ports(count: int) -> list[int]:
    """Return distinct TCP ports on 127.0.0.1 that nothing is listening on now."""
    with ExitStack() as held:
        sockets = [held.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]


def fill(url: str) -> int:
    """Give the stack ORDERS orders of different customers; return one order's id."""
    with httpx.Client(base_url=url, timeout=30) as api:
        order_id = 0
        for number in range(ORDERS):
            email = f"bench-{number}@example.com"
            user = api.post(
                "/api/users/", json={"name": f"Bench {number}", "email": email}
            )
            payload = {"user_id": user.json()["id"], "lines": [LINE]}
            order_id = api.post("/api/orders/", json=payload).json()["id"]
        return int(order_id)


Requests = dict[str, Callable[[httpx.Client], httpx.Response]]


def scenarios(order_id: int, customer: int) -> Requests:
    """Return the requests to measure, by name."""
    placing = {"user_id": customer, "lines": [LINE]}
    return {
        LIST: lambda c: c.get(PAGE),
        "order detail": lambda c: c.get(f"/api/orders/{order_id}/"),
        "order placement": lambda c: c.post("/api/orders/", json=placing),
        "user detail": lambda c: c.get(f"/api/users/{customer}/"),
    }


@dataclass(frozen=True)
class Target:
    """A running, filled stack and the requests to measure against it."""

    url: str
    requests: Requests


def target(url: str, *, only: Sequence[str] = ()) -> Target:
    """Fill a stack; return it with every scenario, or only some."""
    order_id = fill(url)
    customer = httpx.get(f"{url}/api/orders/{order_id}/", timeout=30).json()["user_id"]
    requests = scenarios(order_id, customer)
    kept = {name: r for name, r in requests.items() if not only or name in only}
    return Target(url, kept)


def measure(
    url: str,
    request: Callable[[httpx.Client], httpx.Response],
    *,
    clients: int,
    seconds: float,
) -> Result:
    """Send requests from concurrent clients for a while; collect latencies.

    The clock starts once every client is ready, and each client sends at
    least one request, however short the while.
    """
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    began: list[float] = []
    ready = threading.Barrier(clients, action=lambda: began.append(time.monotonic()))

    def run(index: int) -> None:
        with httpx.Client(base_url=url, timeout=30) as client:
            ready.wait()
            while True:
                started = time.perf_counter()
                try:
                    ok = request(client).status_code < 400
                except httpx.HTTPError:
                    ok = False
                latencies[index].append(time.perf_counter() - started)
                errors[index] += not ok
                if time.monotonic() >= began[0] + seconds:
                    return

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [latency for own in latencies for latency in own]
    return Result(len(every), time.monotonic() - began[0], every, sum(errors))
