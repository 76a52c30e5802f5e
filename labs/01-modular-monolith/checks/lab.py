"""Lab 1's checker: the seam inside the monolith, seen from the outside.

Every check looks at the attendee's tree as a black box: its running stack,
its import graph and the strings in its code, its apps registry, the
database its migrations build, what it does to a database that stage 0 left
behind, and what a page of orders costs. Any reasonable solution passes;
the lab's README names what the checks fix (the apps' labels and tables).
"""

import json
import sys
from http import HTTPStatus
from pathlib import Path

from tools.labcode import app_folder, broken_contracts, naming_pattern, strings_naming
from tools.labdata import table_changes, table_contents
from tools.labkit import (
    REPO_ROOT,
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
PROBES = REPO_ROOT / "tools" / "labprobes"
# Every package an import between users and orders could pass through.
ROOT_PACKAGES = ["users", "orders", "api", "config", "demo", "shared"]
# The tables of a learner's data: their names and their ids must survive.
TABLES = ["users_user", "orders_order", "orders_orderline"]
# How each app's code may not name the other: its label, a dotted path, a table.
NAMING = {
    "orders": naming_pattern("users", ["users_user"]),
    "users": naming_pattern("orders", ["orders_order", "orders_orderline"]),
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
        quote=broken_contracts,
    )


def apps_do_not_name_each_other(tree: LabTree) -> None:
    """Neither app names the other in a string: no label, dotted path or table."""
    found = []
    for app, pattern in NAMING.items():
        folder = app_folder(tree.path, app, under=["monolith", "."])
        if folder is None:
            raise CheckFailed(f"there is no {app} app under monolith/")
        found += strings_naming(folder, pattern)
    if found:
        raise CheckFailed("\n".join(["strings that name the other app:", *found]))


def no_relation_between_the_apps(tree: LabTree) -> None:
    """No model relates orders to users, in Django's apps registry or in SQLite."""
    database = tree.scratch / "schema.sqlite3"
    relations = tree.probe(database, PROBES / "relations.py", apps=["users", "orders"])
    if relations:
        raise CheckFailed(f"model fields across the apps: {relations}")
    tree.manage(database, "migrate", "--noinput")
    targets = table_rows(
        database, "SELECT \"table\" FROM pragma_foreign_key_list('orders_order')"
    )
    if ("users_user",) in targets:
        raise CheckFailed("orders_order still has a foreign key into users_user.")


def stage_0_data_survives(tree: LabTree) -> None:
    """A database stage 0 left behind migrates with every row and id, and is served."""
    database = stage_0_database(tree.scratch)
    before = {table: table_contents(database, table) or {} for table in TABLES}
    tree.manage(database, "migrate", "--noinput")
    changes = [
        change
        for table in TABLES
        for change in table_changes(
            table, before[table], table_contents(database, table)
        )
    ]
    if changes:
        raise CheckFailed("\n".join(["the migrations changed the data:", *changes]))
    with tree.stack(database) as url:
        status, body = http_get(f"{url}/api/orders/?page_size=100")
    emails = {user["id"]: user["email"] for user in before["users_user"].values()}
    expected = {
        order["id"]: (order["user_id"], emails[order["user_id"]])
        for order in before["orders_order"].values()
    }
    served = json.loads(body) if status == HTTPStatus.OK else {}
    shown = {
        order["id"]: (order["user_id"], order["customer"]["email"])
        for order in served.get("results", [])
    }
    if shown != expected:
        raise CheckFailed(
            f"GET /api/orders/ answered {status}; orders (user_id, customer) "
            f"expected {expected}, got {shown}"
        )


def order_list_queries_stay_flat(tree: LabTree) -> None:
    """A page of six orders costs the database as many queries as a page of one."""
    database = stage_0_database(tree.scratch)
    tree.manage(database, "migrate", "--noinput")
    report = tree.probe(
        database, PROBES / "queries.py", url="/api/orders/", page_sizes=[1, 6]
    )
    if not isinstance(report, dict):
        raise CheckFailed(f"queries.py reported {report!r}")
    one, six = report["1"], report["6"]
    if (one["results"], six["results"]) != (1, 6):
        raise CheckFailed(f"GET /api/orders/ with page_size 1 and 6 gave {report}")
    if six["queries"] > one["queries"]:
        raise CheckFailed(
            f"a page of 1 order took {one['queries']} queries, "
            f"a page of 6 took {six['queries']}"
        )


def stage_0_database(scratch: Path) -> Path:
    """Build the database a learner would have after using stage 0."""
    code = git_export(START, ["manage.py", "monolith"], scratch / "stage-0")
    database = scratch / "stage-0.sqlite3"
    database.unlink(missing_ok=True)
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
        "configuration; users may announce events but not call orders. Code "
        "that needs both apps (seed_demo, the wiring) lives outside both.",
        apps_do_not_import_each_other,
    ),
    Check(
        "users and orders do not name each other in strings",
        "apps.get_model, import_string and raw SQL cross the seam as surely as "
        "an import; the dotted path of an implementation belongs in settings.",
        apps_do_not_name_each_other,
    ),
    Check(
        "no model field relates orders to users",
        "Keep the user's id on the order as a plain, indexed integer: a "
        "ForeignKey without its constraint (db_constraint=False) still joins.",
        no_relation_between_the_apps,
    ),
    Check(
        "a stage-0 database migrates with every row and id, and is served",
        "Keep the ids: a column that keeps its name keeps its values, and each "
        "order still shows its user_id and customer.",
        stage_0_data_survives,
    ),
    Check(
        "a page of orders costs the same number of queries at any size",
        "Ask the UsersClient for the customers of the whole page at once.",
        order_list_queries_stay_flat,
    ),
]
