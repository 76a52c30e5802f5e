"""Lab 4's fault checks: users stopped, and the orders worker killed while changes flow.

Both start each Procfile line alone (shop.py), so that one process can
stop, or die, while the others run, and both begin with one change that
must show in orders (`warm_up`).
"""

import time

from tools.labkit import CheckFailed, LabTree
from tools.labstack import lab_redis

from .calls import (
    create_user,
    customer_name,
    name_shown,
    place_order,
    rename,
    warm_up,
)
from .shop import WORKER, Shop, procfile_lines

# How long after the orders worker is started again every change must show.
CONVERGE_SECONDS = 30.0
# The clock's periods, passed on each make's command line (stage 4's
# Makefile reads them): the outbox swept every second, the feed reconciled
# every two.
FAST_CLOCK = {"SWEEP_SECONDS": "1", "RECONCILE_SECONDS": "2"}
CUSTOMERS = 3
CHANGES_BEFORE_KILL = 6
CHANGES_WHILE_DOWN = 6


def orders_answer_with_users_stopped(tree: LabTree) -> None:
    """With the users service stopped, an order and a list of them answer 200."""
    procfile_lines(tree)
    with (
        lab_redis(tree, name="users-down") as redis_url,
        Shop(tree, name="users-down", redis_url=redis_url) as shop,
    ):
        user_id = create_user(shop.edge, email="users-down@example.com")
        order_id = place_order(shop.edge, user_id=user_id)
        name = warm_up(shop.edge, user_id=user_id, order_id=order_id, why=shop.ended)
        shop.stop("users")
        urls = [
            f"{shop.edge}/api/orders/{order_id}/",
            f"{shop.edge}/api/orders/?user_id={user_id}",
        ]
        seen = {url: name_shown(url) for url in urls}
    wrong = [f"GET {url}: {shown}" for url, shown in seen.items() if shown != name]
    if wrong:
        raise CheckFailed(
            "\n".join([f"with users stopped, orders did not show {name!r}:", *wrong])
        )


def killed_worker_loses_nothing(tree: LabTree) -> None:
    """Every change acknowledged around a killed orders worker shows once it is back."""
    procfile_lines(tree)
    with (
        lab_redis(tree, name="killed") as redis_url,
        Shop(tree, name="killed", redis_url=redis_url, variables=FAST_CLOCK) as shop,
    ):
        users = [
            create_user(shop.edge, email=f"killed-{n}@example.com")
            for n in range(CUSTOMERS)
        ]
        orders = {user: place_order(shop.edge, user_id=user) for user in users}
        warm_up(shop.edge, user_id=users[0], order_id=orders[users[0]], why=shop.ended)
        last = renames(shop.edge, users, start=0, count=CHANGES_BEFORE_KILL)
        shop.kill(WORKER)
        last |= renames(
            shop.edge, users, start=CHANGES_BEFORE_KILL, count=CHANGES_WHILE_DOWN
        )
        shop.start(WORKER)
        behind = lagging(shop.edge, orders=orders, last=last, within=CONVERGE_SECONDS)
        ended = shop.ended()
    if behind:
        raise CheckFailed(
            "\n".join(
                [
                    f"{CHANGES_BEFORE_KILL + CHANGES_WHILE_DOWN} renames acknowledged "
                    f"by the edge, {CHANGES_WHILE_DOWN} of them while the orders "
                    f"worker was down; {CONVERGE_SECONDS:g} s after it was started "
                    f"again, {len(behind)} of {CUSTOMERS} customers' orders lag:",
                    *behind,
                    ended,
                ]
            )
        )


def renames(edge: str, users: list[int], *, start: int, count: int) -> dict[int, str]:
    """Rename the users in turn, count times; return each one's last name."""
    last = {}
    for number in range(start, start + count):
        user = users[number % len(users)]
        last[user] = f"Lab Change {number}"
        rename(edge, user_id=user, name=last[user])
    return last


def lagging(
    edge: str, *, orders: dict[int, int], last: dict[int, str], within: float
) -> list[str]:
    """Poll the users' orders until each shows its last name; say which do not."""
    deadline = time.monotonic() + within
    waiting = dict(last)
    while waiting and time.monotonic() < deadline:
        for user, name in list(waiting.items()):
            if customer_name(edge, order_id=orders[user]) == name:
                del waiting[user]
        time.sleep(0.2)
    return [
        f"user {user}'s order shows {customer_name(edge, order_id=orders[user])!r}, "
        f"its last name acknowledged is {name!r}"
        for user, name in waiting.items()
    ]
