"""Lab 4's checker: users' changes carried to a replica in orders by Celery over Redis.

The checks start the attendee's tree with its own make targets, on ports,
databases and a Redis of the checker's (see the lab's README), and look at
it from the outside: a change made through the edge shows in orders within
seconds, the public API is unchanged, orders answers with users stopped, a
killed orders worker loses nothing (faults.py), and a subscriber the
checker adds, by binding a queue of its own, receives users' events
(subscriber.py).
"""

import sys

from tools.labkit import (
    Check,
    CheckFailed,
    LabTree,
    git_export,
    run_tool,
    stage_or_head,
)
from tools.labstack import (
    MakeTarget,
    Ports,
    lab_redis,
    make_target,
    new_ports,
    stack_env,
)

from .calls import (
    create_user,
    customer_name,
    place_order,
    rename,
    seconds_until_shown,
    warm_up,
)
from .faults import (
    CONVERGE_SECONDS,
    killed_worker_loses_nothing,
    orders_answer_with_users_stopped,
)
from .shop import procfile_lines
from .subscriber import a_new_subscriber_receives_changes

TITLE = "Celery sync: a replica of customers in orders"
START = "stage-3-orders-service"
DONE = "stage-4-celery-sync"
# A change must show in orders this soon after the edge acknowledged it.
SHOW_SECONDS = 5.0
TIMED_CHANGES = 3
# The public-API suite's files, and what its stack module imports.
SUITE = [
    *("tests/__init__.py", "tests/conftest.py", "tests/stack.py"),
    *("tests/processes.py", "tests/public_api"),
    *("tools/__init__.py", "tools/redis.py", "tools/redisserver.py"),
]


def changes_show_within_seconds(tree: LabTree) -> None:
    """Under make run, each rename through the edge shows in orders within seconds."""
    procfile_lines(tree)
    with lab_redis(tree, name="push") as redis_url:
        ports = new_ports()
        env = stack_env(tree, name="push", redis_url=redis_url)
        with make_target(
            tree, "run", ports=ports, env=env, answers=answers(ports)
        ) as run:
            slow = _slow_changes(ports.edge_url, run)
    if slow:
        raise CheckFailed(
            "\n".join(
                [
                    f"of {TIMED_CHANGES} renames through the edge, each made once "
                    "the one before showed or ran out of time, "
                    f"{len(slow)} did not show on the user's order in time:",
                    *slow,
                ]
            )
        )


def public_api_through_the_edge(tree: LabTree) -> None:
    """Stage 4's public-API suite passes against the edge."""
    procfile_lines(tree)
    suite = git_export(stage_or_head(DONE), SUITE, tree.scratch / "suite")
    with lab_redis(tree, name="public") as redis_url:
        ports = new_ports()
        env = stack_env(tree, name="public", redis_url=redis_url)
        with make_target(
            tree, "run", ports=ports, env=env, answers=answers(ports)
        ) as run:
            edge = ports.edge_url
            user_id = create_user(edge, email="public@example.com")
            order_id = place_order(edge, user_id=user_id)
            warm_up(edge, user_id=user_id, order_id=order_id, why=run.tail)
            run_tool(
                [
                    *(sys.executable, "-m", "pytest", "-q", "-x"),
                    *("-p", "no:django", "-p", "no:cacheprovider"),
                    *("--rootdir", str(suite), str(suite / "tests" / "public_api")),
                ],
                env={"PUBLIC_API_URL": ports.edge_url, "PYTHONPATH": str(suite)},
            )


def answers(ports: Ports) -> list[str]:
    """Return the URLs that must answer before a check of `make run` goes on."""
    return [
        f"{ports.users_url}/api/users/",
        f"{ports.orders_url}/api/orders/",
        f"{ports.edge_url}/api/orders/",
    ]


def _slow_changes(edge: str, run: MakeTarget) -> list[str]:
    """Rename a user a few times, each once the last showed; say which were slow."""
    user_id = create_user(edge, email="push@example.com")
    order_id = place_order(edge, user_id=user_id)
    warm_up(edge, user_id=user_id, order_id=order_id, why=run.tail)
    slow = []
    for number in range(1, TIMED_CHANGES + 1):
        name = f"Lab Timed {number}"
        rename(edge, user_id=user_id, name=name)
        took = seconds_until_shown(
            edge, order_id=order_id, name=name, within=SHOW_SECONDS
        )
        if took is None:
            shown = customer_name(edge, order_id=order_id)
            slow.append(
                f"rename {number} to {name!r}: the order still showed {shown!r} "
                f"after {SHOW_SECONDS:g} s"
            )
    return slow


CHECKS = [
    Check(
        "make run starts every process on the checker's Redis; each of "
        f"{TIMED_CHANGES} renames through the edge shows on the user's order "
        f"within {SHOW_SECONDS:g} s",
        "Record each change's event with the change, send it as soon as it "
        "commits, and apply it in orders' worker; a periodic pull alone is "
        "too slow.",
        changes_show_within_seconds,
    ),
    Check(
        "stage 4's public-API suite passes through the edge",
        "Orders answer in the same shape as before; a change's effects on "
        "orders (a new name, a deactivation's cancelled orders) may lag by "
        "seconds, no more.",
        public_api_through_the_edge,
    ),
    Check(
        "with the users service stopped, an order and the user's order list "
        "answer through the edge, showing the customer's current name",
        "Orders reads customers from its own replica, kept by users' events; "
        "it asks users only about a user it has never heard of.",
        orders_answer_with_users_stopped,
    ),
    Check(
        "an orders worker killed while renames flow loses none: each "
        f"customer's last name shows within {CONVERGE_SECONDS:g} s of its restart",
        "Acknowledge a message only once its task has run, keep events in a "
        "queue that outlives the worker, and repair what is lost by "
        "reconciling over users' changes feed.",
        killed_worker_loses_nothing,
    ),
    Check(
        "a subscriber the checker adds (its own queue, bound to users.events) "
        "receives each change's event, and users' processes call no other service",
        "Publish each change to the direct exchange users.events with the key "
        "user.<change>, as the task users.user_changed with the keyword "
        "argument event; each subscriber binds a queue of its own.",
        a_new_subscriber_receives_changes,
    ),
]
