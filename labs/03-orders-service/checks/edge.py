"""Lab 3's checks that the edge keeps no data: none in its models, none on disk.

Two views of the same promise. Django's apps registry, loaded in the edge's
own project, shows whether any model of users or orders is still installed
there (an orders app left behind, used or not). The monolith's database
file, compared table by table around writes made through the edge, shows
whether anything still writes there, whatever its models are called.
"""

import re
import sqlite3
from pathlib import Path

import httpx

from tools.labkit import REPO_ROOT, CheckFailed, LabTree
from tools.labstack import make_target, new_ports, stack_env

from .stack import answers, create_user, orders_service, place_order
from .stage2 import stage_2_databases

PROBES = REPO_ROOT / "tools" / "labprobes"
# What a model of users or orders is called: in its app's label or its table.
BUSINESS = re.compile(r"order|user", re.IGNORECASE)


def edge_defines_no_business_models(tree: LabTree) -> None:
    """The edge's Django project has no model of users or orders."""
    orders_service(tree)
    report = tree.probe(tree.scratch / "edge.sqlite3", PROBES / "models.py")
    if not isinstance(report, list):
        raise CheckFailed(f"models.py reported {report!r}")
    found = [
        f"{model['label']} (table {model['table']})"
        for model in report
        if BUSINESS.search(f"{model['label']} {model['table']}")
    ]
    if found:
        raise CheckFailed(f"the edge's manage.py project has models: {found}")


def edge_leaves_the_old_database_alone(tree: LabTree) -> None:
    """Writes through the edge leave every table of the monolith's database alone."""
    orders_service(tree)
    env = stack_env(tree, name="old")
    stage_2_databases(tree.scratch, env=env)
    database = Path(env["DATABASE_PATH"])
    ports = new_ports()
    with make_target(tree, "run", ports=ports, env=env, answers=answers(ports)):
        before = _contents(database)
        user_id = create_user(ports.edge_url, email="old@example.com")
        order_id = place_order(ports.edge_url, user_id=user_id)
        httpx.post(f"{ports.edge_url}/api/orders/{order_id}/confirm/", timeout=30)
        after = _contents(database)
    changed = sorted(
        f"{table}: {len(before.get(table, []))} rows before, "
        f"{len(after.get(table, []))} after"
        for table in before.keys() | after.keys()
        if before.get(table) != after.get(table)
    )
    if changed:
        raise CheckFailed("\n".join(["the monolith's database changed:", *changed]))


def _contents(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Return every row of every table of a SQLite file, or nothing if it is gone."""
    if not database.exists():
        return {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        tables = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        ).fetchall()
        contents = {
            name: sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)  # noqa: S608
            for (name,) in tables
        }
    db.close()
    return contents
