"""Lab 2's checker: the users service cut out, seen from the outside.

The checks start the attendee's tree with its own make targets, on ports and
databases of their choosing (see the lab's README), and talk to it over HTTP
only: both processes answer, stage 1's public-API suite passes through the
edge, a database stage 1 left behind has its users moved with every count
intact (and `make run` starts again after a moved user has changed), and the
edge answers 503 in JSON when the users service stops.
"""

import json
import re
import sys
from http import HTTPStatus
from pathlib import Path

import httpx

from tools.labcode import app_folder, naming_pattern, strings_naming
from tools.labkit import Check, CheckFailed, LabTree, git_export, run_tool, table_rows
from tools.labstack import Ports, make_target, new_ports, stack_env

TITLE = "the users service"
START = "stage-1-modular-monolith"
DONE = "stage-2-users-service"

USERS = "SELECT id, email, is_active, version FROM users_user ORDER BY id"
ORDERS = "SELECT id, user_id, status FROM orders_order ORDER BY id"
SERVICE = Path("services/users")
# How the users service's code may not name the monolith's orders.
NAMING_ORDERS = re.compile(
    naming_pattern("orders", ["orders_order", "orders_orderline"]).pattern
    + r"|/orders\b"
)


def users_service(tree: LabTree) -> Path:
    """Return the users service's folder; fail at once when the tree has none."""
    if not (tree.path / SERVICE / "manage.py").is_file():
        raise CheckFailed(
            f"there is no {SERVICE}/manage.py: the users service is a Django "
            "project of its own, with its own manage.py (see the README)"
        )
    return tree.path / SERVICE


def answers(ports: Ports) -> list[str]:
    """Return the URLs that must answer before a check goes on."""
    return [f"{ports.edge_url}/api/orders/", f"{ports.users_url}/api/users/"]


def both_processes_answer(tree: LabTree) -> None:
    """make run starts the edge on PORT and the users service on USERS_PORT."""
    users_service(tree)
    ports, env = new_ports(), stack_env(tree, name="both")
    with make_target(tree, "run", ports=ports, env=env, answers=answers(ports)):
        for url in (f"{ports.edge_url}/api/users/", f"{ports.users_url}/api/users/"):
            status = httpx.get(url, timeout=10).status_code
            if status != HTTPStatus.OK:
                raise CheckFailed(f"GET {url} answered {status}")
        user = {"name": "Forwarded", "email": "forwarded@example.com"}
        created = httpx.post(f"{ports.edge_url}/api/users/", json=user, timeout=30)
        served = httpx.get(
            f"{ports.users_url}/api/users/{created.json().get('id')}/", timeout=10
        )
    if served.status_code != HTTPStatus.OK:
        raise CheckFailed(
            f"a user created through the edge ({created.status_code}) is not in "
            f"the users service: it answered {served.status_code}"
        )


def public_api_through_the_edge(tree: LabTree) -> None:
    """Stage 1's public-API suite passes against the edge."""
    users_service(tree)
    files = ["tests/__init__.py", "tests/conftest.py", "tests/public_api"]
    suite = git_export(START, files, tree.scratch / "suite")
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


def users_moved_with_counts_intact(tree: LabTree) -> None:
    """make run moves a stage-1 database's users into the users service, intact."""
    users_service(tree)
    env = stack_env(tree, name="moved")
    source = Path(env["DATABASE_PATH"])
    stage_1_database(tree.scratch, source)
    users, orders = table_rows(source, USERS), table_rows(source, ORDERS)
    ports = new_ports()
    with make_target(tree, "run", ports=ports, env=env, answers=answers(ports)):
        served = listed(f"{ports.users_url}/api/users/?page_size=100")
        shown = listed(f"{ports.edge_url}/api/orders/?page_size=100")
    moved = [(u["id"], u["email"], u["is_active"], u["version"]) for u in served]
    expected = [
        (i, email, bool(active), version) for i, email, active, version in users
    ]
    if moved[: len(expected)] != expected:
        raise CheckFailed(f"users in the service: {moved}; expected {expected}")
    emails = {user_id: email for user_id, email, *_ in users}
    customers = {o["id"]: customer_email(o) for o in shown}
    if customers != {i: emails[user_id] for i, user_id, _ in orders}:
        raise CheckFailed(f"orders and their customers through the edge: {customers}")


def make_run_again_after_a_change(tree: LabTree) -> None:
    """A second make run, after a moved user changed, starts and keeps the change."""
    users_service(tree)
    env = stack_env(tree, name="again")
    stage_1_database(tree.scratch, Path(env["DATABASE_PATH"]))
    ports = new_ports()
    with make_target(tree, "run", ports=ports, env=env, answers=answers(ports)):
        renamed = httpx.patch(
            f"{ports.edge_url}/api/users/1/", json={"name": "Renamed"}, timeout=30
        )
        if renamed.status_code != HTTPStatus.OK:
            raise CheckFailed(f"renaming user 1 answered {renamed.status_code}")
    ports = new_ports()
    with make_target(tree, "run", ports=ports, env=env, answers=answers(ports)):
        user = httpx.get(f"{ports.edge_url}/api/users/1/", timeout=30).json()
    if user.get("name") != "Renamed":
        raise CheckFailed(f"after a second make run, user 1 is {user}")


def edge_answers_503_without_users(tree: LabTree) -> None:
    """make run-users and make run-monolith start each alone; no users means 503."""
    users_service(tree)
    ports, env = new_ports(), stack_env(tree, name="alone")
    users_only = [f"{ports.users_url}/api/users/"]
    edge_only = [f"{ports.edge_url}/api/"]
    with make_target(tree, "run-monolith", ports=ports, env=env, answers=edge_only):
        with make_target(tree, "run-users", ports=ports, env=env, answers=users_only):
            order = place_an_order(ports.edge_url)
        response = httpx.get(f"{ports.edge_url}/api/orders/{order}/", timeout=30)
    if response.status_code != HTTPStatus.SERVICE_UNAVAILABLE:
        raise CheckFailed(
            f"with users stopped, an order answered {response.status_code}"
        )
    if "users" not in str(response.json().get("detail", "")):
        raise CheckFailed(f"the 503 does not name the users service: {response.text}")


def users_do_not_name_orders(tree: LabTree) -> None:
    """The users service's code names no orders module, table or path."""
    folder = app_folder(users_service(tree), "users", under=["."])
    if folder is None:
        raise CheckFailed(f"there is no users app in {SERVICE}")
    found = strings_naming(folder.parent, NAMING_ORDERS)
    if found:
        raise CheckFailed("\n".join(["strings that name orders:", *found]))


def customer_email(order: dict[str, object]) -> object:
    """Return the email of an order's embedded customer."""
    customer = order["customer"]
    return customer.get("email") if isinstance(customer, dict) else None


def listed(url: str) -> list[dict[str, object]]:
    """Return the results of one list page, failing the check on anything else."""
    response = httpx.get(url, timeout=30)
    if response.status_code != HTTPStatus.OK:
        raise CheckFailed(f"GET {url} answered {response.status_code}")
    results: list[dict[str, object]] = json.loads(response.content)["results"]
    return results


def place_an_order(edge: str) -> int:
    """Create a user and place an order through the edge; return the order's id."""
    user = httpx.post(
        f"{edge}/api/users/", json={"name": "Lab", "email": "lab@example.com"}
    )
    line = {"sku": "LAB-1", "name": "Lab mug", "quantity": 1, "unit_price": "9.99"}
    placed = httpx.post(
        f"{edge}/api/orders/", json={"user_id": user.json()["id"], "lines": [line]}
    )
    if placed.status_code != HTTPStatus.CREATED:
        raise CheckFailed(
            f"placing an order answered {placed.status_code}: {placed.text}"
        )
    order_id: int = placed.json()["id"]
    return order_id


def stage_1_database(scratch: Path, database: Path) -> None:
    """Build, at database, what a learner's use of stage 1 leaves behind."""
    code = git_export(START, ["manage.py", "monolith", "shared"], scratch / "stage-1")
    env = {"DATABASE_PATH": str(database), "DJANGO_SETTINGS_MODULE": "config.settings"}
    deactivate = (
        "from users.services import user_deactivate; user_deactivate(user_id=2)"
    )
    for command in (
        ["migrate", "--noinput"],
        ["seed_demo"],
        ["shell", "-c", deactivate],
    ):
        run_tool([sys.executable, str(code / "manage.py"), *command], env=env)


CHECKS = [
    Check(
        "make run starts the edge and the users service; both answer, and "
        "a user created through the edge is in the service",
        "The edge on PORT, the users service on USERS_PORT; see the README. "
        "The edge forwards /api/users/ to the service, which keeps the users.",
        both_processes_answer,
    ),
    Check(
        "stage 1's public-API suite passes through the edge",
        "Forward /api/users/ with method, path, query, body and status intact.",
        public_api_through_the_edge,
    ),
    Check(
        "a stage-1 database's users move into the service with counts intact",
        "Move the users before anything else runs, with their ids.",
        users_moved_with_counts_intact,
    ),
    Check(
        "make run starts again after a moved user changed, and keeps the change",
        "A second move leaves users changed since the first one alone.",
        make_run_again_after_a_change,
    ),
    Check(
        "the users service's code does not name orders",
        "users announces a deactivation as an event sent to the subscribers "
        "it is configured with; it never calls orders by name (import_string, "
        "an /api/orders/ URL, orders' tables).",
        users_do_not_name_orders,
    ),
    Check(
        "each part runs alone, and the edge answers 503 when users is stopped",
        "A users service that does not answer is a 503 in JSON naming it.",
        edge_answers_503_without_users,
    ),
]
