"""Lab 3's checker: the orders service cut out, the monolith reduced to the edge.

The checks start the attendee's tree with its own make targets, on ports and
databases of their choosing (see the lab's README), and look at it from the
outside: three processes answer, stage 2's public-API suite passes through
the edge, a database stage 2 left behind has its orders moved intact (and a
second `make run` duplicates nothing), the edge keeps no data, and each
service stopped or hanging costs what the README promises (degrade.py).
"""

import sys
from dataclasses import replace
from http import HTTPStatus
from pathlib import Path

import httpx

from tools.labkit import Check, CheckFailed, LabTree, git_export, run_tool
from tools.labstack import make_target, new_ports, stack_env

from .degrade import (
    one_users_call_per_page,
    orders_down_users_still_answer,
    users_hanging_trips_the_breaker,
)
from .edge import edge_defines_no_business_models, edge_leaves_the_old_database_alone
from .moved import differences, left_behind, served
from .stack import answers, create_user, orders_service, place_order, timed_get
from .stage2 import START, stage_2_databases

TITLE = "the orders service"
# START, the stage the lab starts at, is stage2.py's: its code builds the data.
DONE = "stage-3-orders-service"


def three_processes_answer(tree: LabTree) -> None:
    """make run starts the edge, users and orders; each keeps what it is sent."""
    orders_service(tree)
    ports, env = new_ports(), stack_env(tree, name="three")
    with make_target(tree, "run", ports=ports, env=env, answers=answers(ports)):
        for url in (
            *(f"{ports.edge_url}/api/users/", f"{ports.edge_url}/api/orders/"),
            *(f"{ports.users_url}/api/users/", f"{ports.orders_url}/api/orders/"),
        ):
            if (status := timed_get(url).status) != HTTPStatus.OK:
                raise CheckFailed(f"GET {url} answered {status}")
        user_id = create_user(ports.edge_url, email="three@example.com")
        order_id = place_order(ports.edge_url, user_id=user_id)
        in_users = timed_get(f"{ports.users_url}/api/users/{user_id}/")
        in_orders = timed_get(f"{ports.orders_url}/api/orders/{order_id}/")
    for name, answer in (("user", in_users), ("order", in_orders)):
        if answer.status != HTTPStatus.OK:
            raise CheckFailed(
                f"the {name} created through the edge is not in its service: "
                f"it answered {answer.status}"
            )


def public_api_through_the_edge(tree: LabTree) -> None:
    """Stage 2's public-API suite passes against the edge."""
    orders_service(tree)
    files = ["tests/__init__.py", "tests/conftest.py", "tests/stack.py"]
    suite = git_export(START, [*files, "tests/public_api"], tree.scratch / "suite")
    ports, env = new_ports(), stack_env(tree, name="public")
    with make_target(tree, "run", ports=ports, env=env, answers=answers(ports)):
        run_tool(
            [
                *(sys.executable, "-m", "pytest", "-q", "-x"),
                *("-p", "no:django", "-p", "no:cacheprovider"),
                *("--rootdir", str(suite), str(suite / "tests" / "public_api")),
            ],
            env={"PUBLIC_API_URL": ports.edge_url, "PYTHONPATH": str(suite)},
        )


def orders_moved_with_counts_intact(tree: LabTree) -> None:
    """make run moves stage 2's orders intact; a second make run duplicates nothing."""
    orders_service(tree)
    env = stack_env(tree, name="moved")
    stage_2_databases(tree.scratch, env=env)
    expected = left_behind(
        orders=Path(env["DATABASE_PATH"]), users=Path(env["USERS_DATABASE_PATH"])
    )
    ports = new_ports()
    with make_target(tree, "run", ports=ports, env=env, answers=answers(ports)):
        first = served(f"{ports.edge_url}/api/orders/?page_size=100")
        if found := differences(expected, first):
            raise CheckFailed("\n".join(["orders through the edge:", *found]))
        pending = min(i for i, order in first.items() if order.status == "pending")
        url = f"{ports.edge_url}/api/orders/{pending}/confirm/"
        if (status := httpx.post(url, timeout=30).status_code) != HTTPStatus.OK:
            raise CheckFailed(f"POST {url} answered {status}")
    was = first[pending]
    first[pending] = replace(was, status="confirmed", version=was.version + 1)
    ports = new_ports()
    with make_target(tree, "run", ports=ports, env=env, answers=answers(ports)):
        again = served(f"{ports.edge_url}/api/orders/?page_size=100")
    if found := differences(first, again):
        raise CheckFailed(
            "\n".join([f"after order {pending} was confirmed, a second run:", *found])
        )


CHECKS = [
    Check(
        "make run starts the edge, the users and the orders service; each "
        "answers, and what the edge is sent reaches its service",
        "The edge on PORT, users on USERS_PORT, orders on ORDERS_PORT; see the "
        "README. The edge forwards /api/users/ and /api/orders/.",
        three_processes_answer,
    ),
    Check(
        "stage 2's public-API suite passes through the edge",
        "Forward every /api/ prefix with method, path, query, body and status intact.",
        public_api_through_the_edge,
    ),
    Check(
        "a stage-2 database's orders move with their lines, totals and "
        "customers; a second make run duplicates nothing and keeps a change",
        "Move the orders with their ids before anything else runs; a second "
        "move leaves orders changed since the first one alone.",
        orders_moved_with_counts_intact,
    ),
    Check(
        "the edge's Django project has no users or orders models",
        "The edge forwards; the services keep the data. Take the orders app "
        "out of the edge's INSTALLED_APPS once its data has moved.",
        edge_defines_no_business_models,
    ),
    Check(
        "writes through the edge leave the monolith's database as it was",
        "After the move, the monolith's database is only read: new users and "
        "orders go to the services' own databases.",
        edge_leaves_the_old_database_alone,
    ),
    Check(
        "a page of orders costs no more calls to users than one order",
        "Ask users for the customers of the whole page in one call.",
        one_users_call_per_page,
    ),
    Check(
        "with users hanging, order calls answer 503 in JSON within a deadline, "
        "and soon at once (a circuit breaker)",
        "Give every call to users a deadline of a few seconds, and stop calling "
        "a users service that keeps failing for a while.",
        users_hanging_trips_the_breaker,
    ),
    Check(
        "with orders stopped, users still answers through the edge, and "
        "orders answers 503 in JSON naming it",
        "The edge turns a service that does not answer into a 503 naming it.",
        orders_down_users_still_answer,
    ),
]
