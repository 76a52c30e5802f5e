"""What a learner's use of stage 2 leaves behind, built with stage 2's own code.

At stage 2 the users live in the users service's database and the orders
in the monolith's. The stage's code, exported from its tag, runs with this
checkout's Python: its users service is started for a moment, since the
monolith places its demo orders through it. Then one order is confirmed,
and one customer deactivated (the event delivered), so every status moves.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.labkit import (
    CheckFailed,
    free_port,
    git_export,
    http_get,
    run_tool,
    table_rows,
)
from tools.labstack import STARTUP_SECONDS

# The lab's start: the stage whose code builds the data, and whose
# public-API suite the edge must still pass.
START = "stage-2-users-service"
CODE = ["manage.py", "monolith", "services/users", "chassis", "shared"]
# The demo data's ids at stage 2: three customers, each with a shipped
# order and a pending one (ada 1 and 2, grace 3 and 4, alan 5 and 6).
CONFIRM = "from orders.services import order_confirm; order_confirm(order_id=4)"
DEACTIVATE = "from users.services import user_deactivate; user_deactivate(user_id=3)"
DELIVER = (
    "from orders.services import customer_deactivate; "
    "customer_deactivate(user_id=3, user_version={version})"
)


def stage_2_databases(scratch: Path, *, env: dict[str, str]) -> None:
    """Put stage 2's two databases at env's DATABASE_PATH and USERS_DATABASE_PATH.

    They are built once per check run, then copied for each check.
    """
    built = scratch / "stage-2-data"
    monolith, users = built / "monolith.sqlite3", built / "users.sqlite3"
    if not (built / "complete").exists():
        shutil.rmtree(built, ignore_errors=True)
        built.mkdir()
        _build(scratch / "stage-2", monolith=monolith, users=users)
        (built / "complete").touch()
    _copy(monolith, Path(env["DATABASE_PATH"]))
    _copy(users, Path(env["USERS_DATABASE_PATH"]))


def _build(code: Path, *, monolith: Path, users: Path) -> None:
    """Use stage 2 as a learner would: demo data, a confirmation, a deactivation."""
    git_export(START, CODE, code)
    env = {
        "DATABASE_PATH": str(monolith),
        "USERS_DATABASE_PATH": str(users),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "EVENT_SUBSCRIBERS": "",
    }
    edge = [sys.executable, str(code / "manage.py")]
    service = [sys.executable, str(code / "services" / "users" / "manage.py")]
    for command in (
        [*service, "migrate", "--noinput"],
        [*service, "seed_demo"],
        [*edge, "migrate", "--noinput"],
    ):
        run_tool(command, env=env)
    with _users_service(service, env=env, log=code / "users.log") as url:
        env["USERS_SERVICE_URL"] = url
        run_tool([*edge, "seed_demo"], env=env)
        run_tool([*edge, "shell", "-c", CONFIRM], env=env)
        run_tool([*service, "shell", "-c", DEACTIVATE], env=env)
        version = table_rows(users, "SELECT version FROM users_user WHERE id = 3")[0][0]
        run_tool([*edge, "shell", "-c", DELIVER.format(version=version)], env=env)


@contextmanager
def _users_service(
    service: list[str], *, env: dict[str, str], log: Path
) -> Iterator[str]:
    """Serve stage 2's users service on a free port while the block runs."""
    url = f"http://127.0.0.1:{free_port()}"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*service, "runserver", url.removeprefix("http://"), "--noreload"],
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(f"{url}/api/users/", process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the URL answers; fail with the log if the server stops first."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            http_get(url, timeout=1.0)
        except OSError:
            time.sleep(0.2)
        else:
            return
    raise CheckFailed(
        f"stage 2's users service did not start:\n{log.read_text()[-2000:]}"
    )


def _copy(source: Path, target: Path) -> None:
    """Copy a SQLite database whole, whatever its journal holds."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        old.backup(new)
    old.close()
    new.close()
