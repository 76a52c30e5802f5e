"""Lab 1's checker: the seam inside the monolith, seen from the outside.

Every check looks at the attendee's tree as a black box: its running stack,
its import graph, the database its migrations build, and what it does to a
database that stage 0 left behind. Any reasonable solution passes.
"""

import json
import sys
from http import HTTPStatus
from pathlib import Path

from tools.labkit import (
    Check,
    CheckFailed,
    LabTree,
    git_export,
    http_get,
    run_tool,
    table_rows,
    tool,
)

TITLE = "the modular monolith"
START = "stage-0-monolith"
DONE = "stage-1-modular-monolith"

CONTRACTS = Path(__file__).with_name("importlinter.ini")
# Every package an import between users and orders could pass through.
ROOT_PACKAGES = ["users", "orders", "api", "config", "demo", "shared"]
# What a learner's data is, table by table: every column that must survive.
DATA = {
    "users": "SELECT id, name, email, is_active, version FROM users_user ORDER BY id",
    "orders": "SELECT id, user_id, status, version FROM orders_order ORDER BY id",
    "lines": (
        "SELECT id, order_id, sku, name, quantity, unit_price "
        "FROM orders_orderline ORDER BY id"
    ),
}


def stack_answers(tree: LabTree) -> None:
    """The tree migrates a fresh database and serves the order list."""
    with tree.stack(tree.scratch / "answers.sqlite3") as url:
        status, body = http_get(f"{url}/api/orders/")
    if status != HTTPStatus.OK:
        raise CheckFailed(f"GET /api/orders/ answered {status}: {body[:300]!r}")


def public_api_unchanged(tree: LabTree) -> None:
    """The public-API suite of the start stage passes against the tree's stack."""
    files = ["tests/__init__.py", "tests/conftest.py", "tests/public_api"]
    suite = git_export(START, files, tree.scratch / "suite")
    with tree.stack(tree.scratch / "public.sqlite3") as url:
        run_tool(
            [
                *(sys.executable, "-m", "pytest", "-q", "-x"),
                *("-p", "no:django", "-p", "no:cacheprovider"),
                *("--rootdir", str(suite), str(suite / "tests" / "public_api")),
            ],
            env={"PUBLIC_API_URL": url, "PYTHONPATH": str(suite)},
        )


def apps_do_not_import_each_other(tree: LabTree) -> None:
    """Neither users nor orders imports the other, directly or through any module."""
    code = tree.copy_code(tree.scratch / "code", packages=["monolith", "shared"])
    present = [
        package
        for package in ROOT_PACKAGES
        if (code / "monolith" / package).is_dir() or (code / package).is_dir()
    ]
    config = tree.scratch / "importlinter.ini"
    config.write_text(
        CONTRACTS.read_text().replace("{root_packages}", "\n    ".join(present))
    )
    run_tool(
        [tool("lint-imports"), str(config), "--no-cache"],
        env={"PYTHONPATH": f"{code / 'monolith'}:{code}"},
    )


def no_foreign_key_into_users(tree: LabTree) -> None:
    """The migrated schema has no foreign key from orders into users' table."""
    database = tree.scratch / "schema.sqlite3"
    tree.manage(database, "migrate", "--noinput")
    targets = table_rows(
        database, "SELECT \"table\" FROM pragma_foreign_key_list('orders_order')"
    )
    if ("users_user",) in targets:
        raise CheckFailed("orders_order still has a foreign key into users_user.")


def stage_0_data_survives(tree: LabTree) -> None:
    """A database stage 0 left behind migrates with every row and id, and is served."""
    database = stage_0_database(tree.scratch)
    before = {name: table_rows(database, query) for name, query in DATA.items()}
    tree.manage(database, "migrate", "--noinput")
    after = {name: table_rows(database, query) for name, query in DATA.items()}
    changed = [name for name in DATA if before[name] != after[name]]
    if changed:
        raise CheckFailed(f"rows changed in: {', '.join(changed)}")
    with tree.stack(database) as url:
        status, body = http_get(f"{url}/api/orders/?page_size=100")
    emails = {user_id: email for user_id, _, email, *_ in before["users"]}
    served = json.loads(body) if status == HTTPStatus.OK else {}
    shown = {o["id"]: o["customer"]["email"] for o in served.get("results", [])}
    expected = {order_id: emails[user_id] for order_id, user_id, *_ in before["orders"]}
    if shown != expected:
        raise CheckFailed(
            f"GET /api/orders/ answered {status}; orders and customers "
            f"expected {expected}, got {shown}"
        )


def stage_0_database(scratch: Path) -> Path:
    """Build the database a learner would have after using stage 0."""
    code = git_export(START, ["manage.py", "monolith"], scratch / "stage-0")
    database = scratch / "stage-0.sqlite3"
    tree = LabTree(path=code, scratch=scratch)
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        run_tool(
            [sys.executable, str(code / "manage.py"), *command],
            env=tree.env(database),
        )
    return database


CHECKS = [
    Check(
        "the stack starts and serves the order list",
        "Run `make run` in your tree and read the first error it prints.",
        stack_answers,
    ),
    Check(
        "the public API is unchanged (stage 0's public-API suite passes)",
        "Clients must not notice the seam: same paths, fields and status codes.",
        public_api_unchanged,
    ),
    Check(
        "users and orders do not import each other",
        "orders may ask users only through an interface it is given by "
        "configuration; users may announce events but not call orders.",
        apps_do_not_import_each_other,
    ),
    Check(
        "the migrated schema has no foreign key from orders to users",
        "Keep the user's id on the order as a plain, indexed integer.",
        no_foreign_key_into_users,
    ),
    Check(
        "a stage-0 database migrates with every row and id, and is served",
        "Change the field without dropping the column that holds the ids.",
        stage_0_data_survives,
    ),
]
