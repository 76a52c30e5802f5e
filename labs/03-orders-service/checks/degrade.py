"""Lab 3's checks of each process alone: what a page costs, and what a failure costs.

Each starts the tree's processes with their own make targets, as a learner
who stops one would. Between orders and users the checker puts its own
proxy (tools/labproxy.py): orders is told that users answers there, so the
checker counts orders' calls to users, and can make users hang.
"""

from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import replace
from http import HTTPStatus

import httpx

from tools.labkit import CheckFailed, LabTree
from tools.labproxy import LinkProxy
from tools.labstack import MakeTarget, Ports, make_target, new_ports, stack_env

from .stack import (
    Answer,
    create_user,
    orders_service,
    place_order,
    timed_get,
    unavailable,
)

# A round of calls at once, enough to reach every thread of a few processes
# (each has a breaker of its own); then a few calls one after the other.
ROUND_CALLS = 16
ROUNDS = 4
PROBE_CALLS = 4
DEADLINE_SECONDS = 5.0
FAST_SECONDS = 0.5
PAGE_SIZES = (1, 6)


def users_hanging_trips_the_breaker(tree: LabTree) -> None:
    """With users hanging, order calls answer 503 within a deadline, then at once."""
    orders_service(tree)
    ports, env = new_ports(), stack_env(tree, name="hanging")
    with (
        alone(tree, "run-users", ports=ports, env=env),
        LinkProxy(upstream=ports.users_url) as link,
        alone(tree, "run-orders", ports=replace(ports, users=link.port), env=env),
        alone(tree, "run-edge", ports=ports, env=env),
    ):
        user_id = create_user(ports.edge_url, email="hanging@example.com")
        order_id = place_order(ports.edge_url, user_id=user_id)
        link.hold()
        _rounds_until_fast(f"{ports.edge_url}/api/orders/{order_id}/")


def orders_down_users_still_answer(tree: LabTree) -> None:
    """With orders stopped, users answers through the edge; orders is a JSON 503."""
    orders_service(tree)
    ports, env = new_ports(), stack_env(tree, name="orders-down")
    with (
        alone(tree, "run-edge", ports=ports, env=env),
        alone(tree, "run-users", ports=ports, env=env),
    ):
        with alone(tree, "run-orders", ports=ports, env=env):
            user_id = create_user(ports.edge_url, email="before@example.com")
            order_id = place_order(ports.edge_url, user_id=user_id)
        user = timed_get(f"{ports.edge_url}/api/users/{user_id}/")
        create_user(ports.edge_url, email="after@example.com")
        url = f"{ports.edge_url}/api/orders/{order_id}/"
        order = timed_get(url)
    if user.status != HTTPStatus.OK:
        raise CheckFailed(f"with orders stopped, a user answered {user.status}")
    if problem := unavailable(order, url=url, service="orders"):
        raise CheckFailed(f"with orders stopped, {problem}")
    if order.seconds > DEADLINE_SECONDS:
        raise CheckFailed(f"with orders stopped, the 503 took {order.seconds:.1f} s")


def one_users_call_per_page(tree: LabTree) -> None:
    """A page of six orders costs no more calls to users than a page of one."""
    orders_service(tree)
    ports, env = new_ports(), stack_env(tree, name="calls")
    with (
        alone(tree, "run-users", ports=ports, env=env),
        LinkProxy(upstream=ports.users_url) as link,
        alone(tree, "run-orders", ports=replace(ports, users=link.port), env=env),
    ):
        customers = [
            create_user(ports.users_url, email=f"customer-{n}@example.com")
            for n in range(3)
        ]
        for user_id in customers * 2:
            place_order(ports.orders_url, user_id=user_id)
        costs = {size: _calls(link, ports, size=size) for size in PAGE_SIZES}
    (one, _), (six, shown) = costs[1], costs[6]
    if six > one:
        raise CheckFailed(
            f"a page of 1 order cost {one} calls to users; a page of 6 orders "
            f"of {shown} customers cost {six}"
        )


def alone(
    tree: LabTree, target: str, *, ports: Ports, env: dict[str, str]
) -> AbstractContextManager[MakeTarget]:
    """Start one process with its own make target, until its URL answers."""
    url = {
        "run-edge": f"{ports.edge_url}/api/",
        "run-users": f"{ports.users_url}/api/users/",
        "run-orders": f"{ports.orders_url}/api/orders/",
    }[target]
    return make_target(tree, target, ports=ports, env=env, answers=[url])


def _calls(link: LinkProxy, ports: Ports, *, size: int) -> tuple[int, int]:
    """Return the calls to users one page of orders cost, and its customers."""
    url = f"{ports.orders_url}/api/orders/?page_size={size}"
    httpx.get(url, timeout=30)
    link.reset()
    response = httpx.get(url, timeout=30)
    calls = link.calls
    results = response.json().get("results") if response.is_success else None
    if not isinstance(results, list) or len(results) != size:
        raise CheckFailed(f"GET {url} answered {response.status_code}, not {size}")
    return calls, len({str(order.get("user_id")) for order in results})


def _rounds_until_fast(url: str) -> None:
    """Call url while users hangs until the calls are fast; each a JSON 503.

    The first call shows the deadline. Rounds of calls at once then fail
    the lookups of every process of orders, each with a breaker of its own,
    and a few calls one after the other show whether they now answer at
    once. Calls at once are not timed: on a small machine they queue.
    """
    first = _unavailable_users(timed_get(url), url=url)
    if first.seconds > DEADLINE_SECONDS:
        raise CheckFailed(
            f"with users hanging, an order call took {first.seconds:.1f} s "
            f"(allowed: {DEADLINE_SECONDS:g} s)"
        )
    slowest = []
    for _ in range(ROUNDS):
        with ThreadPoolExecutor(ROUND_CALLS) as pool:
            for answer in pool.map(timed_get, [url] * ROUND_CALLS):
                _unavailable_users(answer, url=url)
        probes: list[float] = []
        while len(probes) < PROBE_CALLS and max(probes, default=0.0) < FAST_SECONDS:
            probes.append(_unavailable_users(timed_get(url), url=url).seconds)
        slowest.append(max(probes))
        if slowest[-1] < FAST_SECONDS:
            return
    rounds = ", ".join(f"{seconds:.2f} s" for seconds in slowest)
    raise CheckFailed(
        f"after each of {ROUNDS} rounds of {ROUND_CALLS} order calls at once, "
        f"with users hanging, a call still took {FAST_SECONDS:g} s or more "
        f"({rounds})"
    )


def _unavailable_users(answer: Answer, *, url: str) -> Answer:
    """Return the answer if it is a JSON 503 naming users; fail the check if not."""
    if problem := unavailable(answer, url=url, service="users"):
        raise CheckFailed(f"with users hanging, {problem}")
    return answer
